// Realisasi table: per-cell save state, Enter to move down, retry after a lost connection.
// The server swaps only the cells beside an input (out of band), never the input itself.
(function () {
  var RETRY_MS = 5000;

  function stateOf(input) {
    var parts = input.id.split("-"); // rl-input-<indicator>-<quarter>
    return document.getElementById("state-" + parts[2] + "-" + parts[3]);
  }

  function setState(input, state, text) {
    var box = stateOf(input);
    if (!box) return;
    box.dataset.state = state;
    box.textContent = text;
    markInput(input, state);
  }

  function markInput(input, state) {
    var bad = state === "invalid" || state === "conflict" || state === "offline" || state === "failed";
    input.classList.toggle("is-invalid", bad);
    input.setAttribute("aria-invalid", bad ? "true" : "false");
  }

  function isCell(el) {
    return el && el.classList && el.classList.contains("rl-input");
  }

  document.addEventListener("input", function (evt) {
    if (isCell(evt.target)) setState(evt.target, "pending", "Belum tersimpan…");
  });

  document.addEventListener("htmx:beforeRequest", function (evt) {
    if (isCell(evt.target)) setState(evt.target, "saving", "Menyimpan…");
  });

  // The server's answer replaced the state box (out of band); mirror it on the input.
  document.addEventListener("htmx:afterRequest", function (evt) {
    var input = evt.target;
    if (!isCell(input) || !evt.detail.successful) return;
    var box = stateOf(input);
    if (box) markInput(input, box.dataset.state);
  });

  // No answer at all: keep what was typed, say so, and try again shortly (and on the next change).
  document.addEventListener("htmx:sendError", function (evt) {
    var input = evt.target;
    if (!isCell(input)) return;
    setState(input, "offline", "Server tidak dapat dihubungi; isian belum tersimpan. Dicoba lagi otomatis.");
    setTimeout(function () {
      var box = stateOf(input);
      if (box && box.dataset.state === "offline") htmx.trigger(input, "rl-retry");
    }, RETRY_MS);
  });

  document.addEventListener("htmx:responseError", function (evt) {
    var input = evt.target;
    if (!isCell(input)) return;
    var xhr = evt.detail.xhr;
    var plain = (xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") === 0;
    setState(input, "failed", plain ? xhr.responseText : "Gagal menyimpan (kode " + xhr.status + ").");
  });

  // Enter moves to the same quarter of the next indicator (Shift+Enter: previous), like a sheet.
  document.addEventListener("keydown", function (evt) {
    var el = evt.target;
    if (evt.key !== "Enter" || !isCell(el)) return;
    evt.preventDefault();
    var column = Array.prototype.slice.call(
      document.querySelectorAll('.rl-input[data-quarter="' + el.dataset.quarter + '"]'));
    var next = column[column.indexOf(el) + (evt.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      if (next.select) next.select();
    }
  });

  // Conflict: copy the stored value into the input on request (the input is never swapped).
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest(".rl-use-current");
    if (!button) return;
    var input = document.getElementById(button.dataset.input);
    if (!input) return;
    input.value = button.dataset.value;
    setState(input, "saved", "Nilai saat ini ditampilkan.");
    input.focus();
  });

  // Leaving with unsaved input: let the browser ask first.
  window.addEventListener("beforeunload", function (evt) {
    if (document.querySelector('.rl-state[data-state="pending"], .rl-state[data-state="saving"], .rl-state[data-state="offline"]')) {
      evt.preventDefault();
      evt.returnValue = "";
    }
  });

  // The evidence panel is loaded after the page; if that fails, say so in its place instead of
  // raising the page-wide error box over a page that otherwise works.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".rl-lazy").forEach(function (panel) {
      panel.addEventListener("htmx:responseError", function (evt) {
        evt.stopPropagation();
        panel.innerHTML = '<span class="text-muted small">Bukti dukung tidak dapat dimuat. Muat ulang halaman untuk mencoba lagi.</span>';
      });
    });
  });
})();
