// Progressive enhancement only: every page works without this file.
// Reveals the "Print this page" and "Copy link" buttons and makes them work.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Print every collapsed section (CSS does it where browsers support ::details-content).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });

  // An error summary takes focus, so screen reader users hear what went wrong first;
  // its links move focus to the question they name (as GOV.UK Frontend's script does).
  var summary = document.querySelector(".govuk-error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) {
        return;
      }
      event.preventDefault();
      var question = input.closest("fieldset") || input;
      question.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = "Link copied";
        window.setTimeout(function () {
          button.textContent = label;
        }, 3000);
      });
    });
  });
})();
