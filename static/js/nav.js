// The top bar without Bootstrap's JavaScript: the menu button of narrow screens opens and
// closes the menu. A menu group is a <details>, which opens and closes by itself (mouse,
// Enter, Space); here it also closes on Escape, which gives the focus back to its label, and
// on a click elsewhere, and its label says aria-expanded for assistive technology that does not
// read a <details>' state.
(function () {
  function groups(selector) {
    return document.querySelectorAll("details.nav-group" + (selector || ""));
  }
  function mark(group) {
    group.querySelector("summary").setAttribute("aria-expanded", group.open ? "true" : "false");
  }
  document.addEventListener("DOMContentLoaded", function () {
    groups().forEach(function (group) {
      mark(group);
      group.addEventListener("toggle", function () { mark(group); });
    });
  });
  document.addEventListener("click", function (evt) {
    groups("[open]").forEach(function (group) {
      if (!group.contains(evt.target)) group.open = false;
    });
    var button = evt.target.closest("[data-nav-toggle]");
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
