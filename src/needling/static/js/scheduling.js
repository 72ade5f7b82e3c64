// Scheduling: let htmx swap the booking form when the server refuses (400 bad input, 409 refused
// by the gate or a clash), so the reasons and the earliest date appear in place.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  var target = event.detail.target;
  if ((status === 400 || status === 409) && target && target.id === "booking-form") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
