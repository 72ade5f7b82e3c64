// Session chart: show the server's refusals (400/409) in place instead of dropping them, and keep
// every form's chart version current after an autosave.
(function () {
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var version = event.detail.xhr.getResponseHeader("X-Chart-Version");
    if (!version) return;
    document.querySelectorAll("input.chart-version").forEach(function (input) {
      input.value = version;
    });
  });
})();
