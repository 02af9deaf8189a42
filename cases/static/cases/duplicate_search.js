// While a search for duplicates runs, show its progress; reload the list when it ends.
"use strict";
// Loaded in the page's head, before the list: wait for it.
document.addEventListener("DOMContentLoaded", function () {
  const status = document.getElementById("duplicate-search-status");
  if (!status || status.dataset.inProgress !== "yes") {
    return;
  }
  const everyMs = 2000;
  function check() {
    fetch(status.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        if (run.in_progress) {
          status.textContent = run.text;
          window.setTimeout(check, everyMs);
        } else {
          // The new pairs are in the list only once it is loaded again.
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(check, everyMs * 5); });
  }
  window.setTimeout(check, everyMs);
});
