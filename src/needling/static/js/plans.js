// Course plan: the face and body maps toggle the zone checkboxes (which work without this file).
(function () {
  function box(code) {
    return document.querySelector('input[name="zones"][value="' + code + '"]');
  }
  function paint(code) {
    var input = box(code);
    document.querySelectorAll('.zone-map [data-zone="' + code + '"]').forEach(function (g) {
      var on = !!(input && input.checked);
      g.classList.toggle("is-selected", on);
      g.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function toggle(g) {
    if (g.getAttribute("aria-disabled") === "true") return;
    var input = box(g.dataset.zone);
    if (!input) return;
    input.checked = !input.checked;
    paint(g.dataset.zone);
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  document.addEventListener("click", function (event) {
    var g = event.target.closest && event.target.closest(".zone-map [data-zone]");
    if (g) toggle(g);
  });
  document.addEventListener("keydown", function (event) {
    var g = event.target.closest && event.target.closest(".zone-map [data-zone]");
    if (g && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      toggle(g);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.name === "zones") paint(event.target.value);
  });
})();
