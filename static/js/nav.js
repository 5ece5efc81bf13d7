// The top bar without Bootstrap's JavaScript: the menu button of narrow screens opens and
// closes the menu; a menu group (a <details>, which opens and closes by itself) is closed by
// Escape, which gives the focus back to its label, or by a click elsewhere on the page.
(function () {
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest("[data-nav-toggle]");
    document.querySelectorAll("details.nav-group[open]").forEach(function (group) {
      if (!group.contains(evt.target)) group.open = false;
    });
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    var open = !menu.classList.contains("show");
    menu.classList.toggle("show", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", function (evt) {
    if (evt.key !== "Escape") return;
    var group = evt.target.closest && evt.target.closest("details.nav-group[open]");
    if (!group) return;
    group.open = false;
    group.querySelector("summary").focus();
  });
})();
