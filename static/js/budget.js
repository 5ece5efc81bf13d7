// Budget table: the save state beside each realisasi anggaran input. The server swaps only
// the cells beside the input (out of band), never the input itself.
(function () {
  function isCell(el) {
    return el && el.classList && el.classList.contains("bg-input");
  }

  function stateOf(input) {
    var parts = input.id.split("-"); // bg-input-<program>-<quarter>
    return document.getElementById("bg-state-" + parts[2] + "-" + parts[3]);
  }

  function mark(input) {
    var box = stateOf(input);
    var state = box ? box.dataset.state : "";
    var bad = state === "invalid" || state === "conflict" || state === "offline";
    input.classList.toggle("is-invalid", bad);
    input.setAttribute("aria-invalid", bad ? "true" : "false");
  }

  function setState(input, state, text) {
    var box = stateOf(input);
    if (!box) return;
    box.dataset.state = state;
    box.textContent = text;
    mark(input);
  }

  document.addEventListener("input", function (evt) {
    if (isCell(evt.target)) setState(evt.target, "pending", "Belum tersimpan…");
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    if (isCell(evt.target) && evt.detail.successful) mark(evt.target);
  });
  document.addEventListener("htmx:sendError", function (evt) {
    if (isCell(evt.target)) {
      setState(evt.target, "offline", "Server tidak dapat dihubungi; isian belum tersimpan.");
    }
  });
})();
