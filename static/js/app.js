// htmx wires the elements of a swapped-in fragment (hx-post, hx-confirm, ...) only when the
// swap "settles", by default in a timer 20 ms later; a click in between (a quick user, a busy
// machine that runs the timer late) reaches a bare form and submits it as a plain post, past
// any hx-confirm. With no settle delay htmx wires the fragment in the same task that inserts
// it, so nothing on screen is ever unwired. (No CSS here animates the settle.)
if (window.htmx) htmx.config.defaultSettleDelay = 0;

// Page-wide reporting of htmx failures: htmx 2 does not swap 4xx/5xx answers, so without this
// an expired CSRF token or a lost connection would fail silently.
(function () {
  function show(message) {
    var box = document.getElementById("global-alert");
    if (!box) return;
    box.textContent = message;
    box.classList.remove("d-none");
  }
  document.addEventListener("htmx:responseError", function (evt) {
    var xhr = evt.detail.xhr;
    var text = (xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") === 0
      ? xhr.responseText : "Permintaan gagal (kode " + xhr.status + ").";
    show(text);
  });
  document.addEventListener("htmx:sendError", function () {
    show("Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.");
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("global-alert");
    if (box) box.classList.add("d-none");
  });
})();

// Behaviour that would otherwise be inline handlers (the Content-Security-Policy allows no
// inline script): a confirmation before buttons and forms marked data-confirm.
(function () {
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest ? evt.target.closest("button[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      evt.preventDefault();
    }
  });
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.getAttribute("data-confirm"))) {
      evt.preventDefault();
    }
  });
})();

// A field typed into before the scripts ran (slow network, quick typist) fired its input event
// into nothing, and htmx takes the value it finds when it wires the page as "unchanged", so
// nothing would be saved. Autosaving fields also listen for "typed-early": send it once htmx
// has wired the page, to every such field whose value is no longer the one the server sent.
(function () {
  function dirty(field) {
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (o) {
        return o.selected !== o.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }
  // htmx wires the page in its own DOMContentLoaded handler, registered before this one.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('[hx-trigger*="typed-early"]').forEach(function (field) {
      if (dirty(field)) htmx.trigger(field, "typed-early");
    });
  });
})();

// An autosave answer tells the state of the value that was sent. When the user typed on while
// it travelled, its "Tersimpan" is about an older text: fire "input" again so the page's own
// handler shows "not saved yet" until the newer value's save (still to come) answers.
(function () {
  var sent = new WeakMap();
  function autosaving(elt) {
    return elt && elt.matches && elt.matches('[hx-trigger*="typed-early"]');
  }
  document.addEventListener("htmx:configRequest", function (evt) {
    if (autosaving(evt.detail.elt)) sent.set(evt.detail.elt, evt.detail.elt.value);
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var field = evt.detail.elt;
    if (autosaving(field) && sent.has(field) && sent.get(field) !== field.value) {
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
})();
