// "Pilih semua": a checkbox marked data-select-all="<form id>" checks or unchecks every named
// checkbox of that form (inside it or tied to it with form="..."), and shows whether all, some
// or none are checked while the user ticks them one by one.
(function () {
  function boxes(master) {
    var form = document.getElementById(master.getAttribute("data-select-all"));
    if (!form) return [];
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.type === "checkbox" && el.name && !el.disabled;
    });
  }
  function sync(master) {
    var list = boxes(master);
    var ticked = list.filter(function (el) { return el.checked; }).length;
    master.checked = list.length > 0 && ticked === list.length;
    master.indeterminate = ticked > 0 && ticked < list.length;
  }
  function syncAll() {
    document.querySelectorAll("input[data-select-all]").forEach(sync);
  }
  document.addEventListener("change", function (evt) {
    var target = evt.target;
    if (target.matches("input[data-select-all]")) {
      boxes(target).forEach(function (el) { el.checked = target.checked; });
    } else if (target.type === "checkbox" && target.form) {
      syncAll();
    }
  });
  // A single decision swaps its card (and its checkbox) out of the queue.
  document.addEventListener("htmx:afterSettle", syncAll);
})();
