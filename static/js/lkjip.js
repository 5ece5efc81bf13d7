// LKjIP narrative slots: say "not saved yet" while the admin types; the server's answer
// replaces the state line (it never touches the text box).
(function () {
  document.addEventListener("input", function (evt) {
    var box = evt.target;
    if (!box.classList || !box.classList.contains("lkjip-text")) return;
    var state = document.getElementById("slot-state-" + box.id.replace("slot-text-", ""));
    if (state) {
      state.dataset.state = "pending";
      state.className = "small text-muted";
      state.textContent = "Belum tersimpan…";
    }
  });
})();
