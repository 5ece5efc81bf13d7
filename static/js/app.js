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

// Every confirmation is asked in a <dialog> of the page, never with window.confirm: Chromium
// closes a native confirm, answering "no", as soon as any frame of the page commits a
// navigation, so a "Hapus" clicked while a PDF preview was still loading in its iframe did
// nothing (docs/testing.md, "A confirm that closed itself"). Buttons and forms marked
// data-confirm ask first (the Content-Security-Policy allows no inline handlers); hx-confirm
// asks through htmx's own htmx:confirm event. Other scripts ask with window.ikuConfirm(text),
// which answers a Promise of true or false.
(function () {
  var dialog = null;
  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    dialog.innerHTML = '<form method="dialog"><p id="confirm-dialog-text"></p>' +
      '<div class="d-flex flex-wrap gap-2 justify-content-end">' +
      '<button class="btn btn-outline-secondary" value="no" autofocus>Batal</button>' +
      '<button class="btn btn-primary" value="yes">Ya, lanjutkan</button></div></form>';
    document.body.appendChild(dialog);
  }
  function ask(question) {
    if (!dialog) build();
    dialog.querySelector("#confirm-dialog-text").textContent = question;
    dialog.returnValue = "";
    dialog.showModal();
    return new Promise(function (resolve) {
      dialog.addEventListener("close", function () {
        resolve(dialog.returnValue === "yes");
      }, { once: true });
    });
  }
  window.ikuConfirm = ask;

  // A confirmed element is let through once, when the script repeats the user's action.
  var confirmed = new WeakSet();
  function letThrough(elt) {
    if (!confirmed.has(elt)) return false;
    confirmed.delete(elt);
    return true;
  }
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest ? evt.target.closest("button[data-confirm]") : null;
    if (!button || letThrough(button)) return;
    evt.preventDefault();
    ask(button.getAttribute("data-confirm")).then(function (yes) {
      if (!yes) return;
      confirmed.add(button);
      button.click();
    });
  });
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.matches("form[data-confirm]") || letThrough(form)) return;
    evt.preventDefault();
    var submitter = evt.submitter || null;
    ask(form.getAttribute("data-confirm")).then(function (yes) {
      if (!yes) return;
      confirmed.add(form);
      form.requestSubmit(submitter);
    });
  });
  document.addEventListener("htmx:confirm", function (evt) {
    if (!evt.detail.question) return;
    evt.preventDefault();
    ask(evt.detail.question).then(function (yes) {
      if (yes) evt.detail.issueRequest(true);
    });
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
