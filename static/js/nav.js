// The menu button of the top bar on narrow screens: opens and closes the menu. Bootstrap's own
// JavaScript is not loaded; this is the one part of it we need.
(function () {
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest("[data-nav-toggle]");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    var open = !menu.classList.contains("show");
    menu.classList.toggle("show", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
