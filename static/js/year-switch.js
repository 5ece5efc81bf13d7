// The year and unit selectors in the top bar open the chosen year or unit at once; the server
// (/pindah-tahun, /unit/buka) keeps the page the user was on.
(function () {
  document.addEventListener("change", function (evt) {
    if (evt.target.id !== "year-select" && evt.target.id !== "unit-select") return;
    evt.target.form.requestSubmit();
  });
})();
