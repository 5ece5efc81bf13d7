// Evidence upload forms: refuse files over the limit before sending them, and show upload
// progress from htmx's htmx:xhr:progress events. Loaded by the evidence panel, which may be
// swapped into other pages, so it binds once, on the document.
(function () {
  if (window.ikuEvidence) return;
  window.ikuEvidence = true;

  function uploadForm(evt) {
    var elt = evt.target;
    return elt && elt.matches && elt.matches("form.evidence-upload") ? elt : null;
  }
  function showError(form, text) {
    var box = form.querySelector(".evidence-client-error");
    box.textContent = text;
    box.classList.toggle("d-none", !text);
  }
  function setProgress(form, percent) {
    var bar = form.querySelector(".progress");
    bar.setAttribute("aria-valuenow", String(percent));
    bar.firstElementChild.style.width = percent + "%";
    bar.firstElementChild.textContent = percent + "%";
  }

  // The notes of an earlier upload or deletion ("... berhasil diunggah") speak about what is
  // over once the user picks other files or starts another upload: remove them, in every
  // quarter, so the only notes on the page are about the latest action.
  function clearNotes() {
    document.querySelectorAll(".evidence-outcome").forEach(function (note) { note.remove(); });
  }

  document.addEventListener("change", function (evt) {
    var input = evt.target;
    var form = input.closest ? input.closest("form.evidence-upload") : null;
    if (!form || input.type !== "file") return;
    showError(form, "");
    clearNotes();
  });

  document.addEventListener("htmx:beforeRequest", function (evt) {
    var form = uploadForm(evt);
    if (!form) return;
    clearNotes();
    var files = form.querySelector("input[type=file]").files;
    var max = parseInt(form.dataset.maxBytes, 10);
    var maxRequest = parseInt(form.dataset.maxRequest, 10);
    var tooBig = [], total = 0;
    for (var i = 0; i < files.length; i++) {
      total += files[i].size;
      if (files[i].size > max) tooBig.push(files[i].name);
    }
    if (!files.length) {
      showError(form, "Pilih berkas yang akan diunggah.");
    } else if (tooBig.length) {
      showError(form, tooBig.join(", ") + ": Berkas melebihi batas " + form.dataset.maxMb + " MB");
    } else if (maxRequest && total > maxRequest - 64 * 1024) {
      // The server cuts requests above MAX_CONTENT_LENGTH (several files together).
      showError(form, "Jumlah ukuran berkas terlalu besar untuk sekali unggah; " +
                      "unggah berkas dalam beberapa kali.");
    } else {
      showError(form, "");
      setProgress(form, 0);
      form.querySelector(".progress").classList.remove("d-none");
      form.querySelector("button[type=submit]").disabled = true;
      return;
    }
    evt.preventDefault();
  });

  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = uploadForm(evt);
    if (form && evt.detail.lengthComputable) {
      setProgress(form, Math.round((evt.detail.loaded / evt.detail.total) * 100));
    }
  });

  document.addEventListener("htmx:afterRequest", function (evt) {
    // On success the card is replaced; after a failure the form stays, so reset it.
    var form = uploadForm(evt);
    if (!form || !form.isConnected) return;
    form.querySelector(".progress").classList.add("d-none");
    form.querySelector("button[type=submit]").disabled = false;
  });
})();
