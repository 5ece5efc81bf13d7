// A submit button with data-confirm asks before its form is sent (instead of an inline
// onclick, which the Content-Security-Policy does not allow).
(function () {
  document.addEventListener("submit", function (evt) {
    var button = evt.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) evt.preventDefault();
  });
})();
