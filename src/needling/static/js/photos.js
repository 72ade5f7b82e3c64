// Photos (issue 7): capture guide overlay, before/after slider, redness region marking.
// No inline scripts or styles (strict CSP): positions are set through the CSSOM.
(function () {
  "use strict";

  function setupCapture() {
    var select = document.querySelector("[data-guide-select]");
    var guide = document.querySelector("[data-capture-guide]");
    var preview = document.querySelector("[data-capture-preview]");
    var toggle = document.querySelector("[data-guide-toggle]");
    var caption = document.querySelector("[data-guide-caption]");
    var placeholder = document.querySelector("[data-capture-placeholder]");
    var input = document.querySelector("input[type=file][name=photo]");
    if (!select || !guide) return;

    function showGuide() {
      var option = select.options[select.selectedIndex];
      var url = option && option.dataset.guideUrl;
      if (url) {
        guide.src = url;
        guide.hidden = !toggle.checked;
        caption.textContent = ", " + option.dataset.guideDate;
        if (placeholder) placeholder.textContent = "Match the framing to the faint guide photo.";
      } else {
        guide.removeAttribute("src");
        guide.hidden = true;
        caption.textContent = "";
        if (placeholder) placeholder.textContent = "No earlier photo of this view: this one becomes the guide.";
      }
    }
    select.addEventListener("change", showGuide);
    if (toggle) toggle.addEventListener("change", showGuide);
    if (input && preview) {
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        if (preview.src) URL.revokeObjectURL(preview.src);
        preview.src = URL.createObjectURL(file);
        preview.hidden = false;
        if (placeholder) placeholder.hidden = true;
      });
    }
    showGuide();
  }

  function setupCompare() {
    var stack = document.querySelector("[data-compare]");
    var slider = document.querySelector("[data-compare-slider]");
    if (!stack || !slider) return;
    function update() {
      stack.style.setProperty("--split", slider.value + "%");
    }
    slider.addEventListener("input", update);
    update();
  }

  function setupMeasure() {
    var stage = document.querySelector("[data-measure-stage]");
    if (!stage) return;
    var boxes = {
      region: stage.querySelector("[data-box=region]"),
      reference: stage.querySelector("[data-box=reference]"),
    };
    var fields = {
      region: ["id_x", "id_y", "id_w", "id_h"],
      reference: ["id_ref_x", "id_ref_y", "id_ref_w", "id_ref_h"],
    };
    var start = null;

    function mode() {
      var checked = document.querySelector("[data-mark-mode]:checked");
      return checked ? checked.value : "region";
    }
    function point(event) {
      var rect = stage.getBoundingClientRect();
      var x = Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1);
      var y = Math.min(Math.max((event.clientY - rect.top) / rect.height, 0), 1);
      return { x: x, y: y };
    }
    function draw(which, a, b) {
      var box = boxes[which];
      var left = Math.min(a.x, b.x), top = Math.min(a.y, b.y);
      var width = Math.abs(a.x - b.x), height = Math.abs(a.y - b.y);
      box.hidden = false;
      box.style.left = left * 100 + "%";
      box.style.top = top * 100 + "%";
      box.style.width = width * 100 + "%";
      box.style.height = height * 100 + "%";
      var values = [left, top, width, height];
      fields[which].forEach(function (id, i) {
        var input = document.getElementById(id);
        if (input) input.value = (values[i] * 100).toFixed(1);
      });
      var whole = document.getElementById("id_whole_image");
      if (whole && which === "region") whole.checked = false;
    }
    stage.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      start = point(event);
      stage.setPointerCapture(event.pointerId);
    });
    stage.addEventListener("pointermove", function (event) {
      if (start) draw(mode(), start, point(event));
    });
    stage.addEventListener("pointerup", function (event) {
      if (!start) return;
      draw(mode(), start, point(event));
      start = null;
    });
    // After an htmx swap of the results the form is new: clear the drawn boxes.
    document.body.addEventListener("htmx:afterSwap", function () {
      boxes.region.hidden = true;
      boxes.reference.hidden = true;
    });
  }

  function init() {
    setupCapture();
    setupCompare();
    setupMeasure();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
