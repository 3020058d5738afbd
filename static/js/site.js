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
