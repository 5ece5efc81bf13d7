// The year selector in the top bar opens the chosen year at once; the server
// (/pindah-tahun) keeps the page the user was on.
(function () {
  document.addEventListener("change", function (evt) {
    if (evt.target.id !== "year-select") return;
    evt.target.form.requestSubmit();
  });
})();
