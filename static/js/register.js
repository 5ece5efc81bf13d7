// The IKU register's inline editor from the keyboard: focus goes to the first field, Escape
// cancels, focus returns to the row's "Ubah" button, and only one editor is open at a time
// (opening another closes the first, after asking when it has unsaved changes).
(function () {
  var rows = function () { return document.getElementById("iku-rows"); };
  var returnTo = null; // the indicator row whose Ubah button gets the focus after the swap

  function openEditor() {
    var body = rows();
    return body ? body.querySelector("tr form") : null;
  }

  function isChanged(form) {
    return Array.prototype.some.call(form.elements, function (el) {
      if (el.type === "hidden" || !el.name) return false;
      if (el.tagName === "SELECT") {
        // With no option marked selected in the markup, the browser shows the first one.
        var initial = 0;
        Array.prototype.forEach.call(el.options, function (o, i) {
          if (o.defaultSelected) initial = i;
        });
        return el.selectedIndex !== initial;
      }
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      return el.value !== el.defaultValue;
    });
  }

  function cancel(form) {
    var button = form.querySelector("[data-cancel]");
    if (button) button.click();
  }

  // Opening another editor while this one holds unsaved changes asks first; the request
  // goes only once the user chose to close without saving.
  document.addEventListener("htmx:confirm", function (evt) {
    var trigger = evt.detail.elt;
    if (!trigger.matches || !trigger.matches("[data-edit]")) return;
    var form = openEditor();
    if (!form || !isChanged(form)) return;
    evt.preventDefault();
    var label = form.getAttribute("data-editor") || "";
    window.ikuConfirm("Perubahan pada indikator " + label + " belum disimpan. " +
                      "Tutup tanpa menyimpan?").then(function (yes) {
      if (yes) {
        evt.detail.issueRequest(true);
        return;
      }
      var first = form.querySelector("textarea, input:not([type=hidden]), select");
      if (first) first.focus();
    });
  });

  document.addEventListener("htmx:beforeRequest", function (evt) {
    var trigger = evt.detail.elt;
    if (!trigger.matches || !trigger.matches("[data-edit]")) return;
    var form = openEditor();
    if (!form) return;
    // The new editor takes the focus, not the row closed here; cancelled once this request
    // has gone (a request started inside another's beforeRequest would replace it).
    form.setAttribute("data-quiet", "");
    window.setTimeout(function () { cancel(form); }, 0);
  });

  document.addEventListener("keydown", function (evt) {
    if (evt.key !== "Escape") return;
    var form = evt.target.closest && evt.target.closest("#iku-rows form");
    if (!form) return;
    evt.preventDefault();
    cancel(form);
  });

  // Remember which row is going back to its read-only form (Batal, Escape, Simpan).
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var target = evt.detail.target;
    returnTo = null;
    var form = target && target.matches && target.matches("#iku-rows tr") &&
      target.querySelector("form");
    if (form && !form.hasAttribute("data-quiet")) {
      returnTo = target.id;
    }
  });

  document.addEventListener("htmx:afterSettle", function (evt) {
    var editor = openEditor();
    if (editor && evt.detail.elt && evt.detail.elt.contains && evt.detail.elt.contains(editor)) {
      var first = editor.querySelector("textarea, input:not([type=hidden]), select");
      if (first) first.focus();
      return;
    }
    if (!returnTo) return;
    var row = document.getElementById(returnTo);
    returnTo = null;
    var button = row && !row.querySelector("form") && row.querySelector("[data-edit]");
    if (button) button.focus();
  });
})();
