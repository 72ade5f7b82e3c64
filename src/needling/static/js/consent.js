// Consent signature pad: draw with a finger, stylus or mouse (pointer events), or with the arrow
// keys when the pad has focus. The drawing is kept as strokes in CSS pixels, so resizing or
// rotating the tablet redraws it; the PNG put into the hidden field is at CSS-pixel size.
(() => {
  "use strict";
  const canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  const input = document.getElementById(canvas.dataset.input);
  const state = document.getElementById("signature-state");
  const clearButton = document.getElementById("signature-clear");
  const ctx = canvas.getContext("2d");
  const strokes = [];
  let current = null;
  let keyPen = null; // the arrow-key pen position

  function cssSize() {
    const rect = canvas.getBoundingClientRect();
    return { w: Math.max(1, Math.round(rect.width)), h: Math.max(1, Math.round(rect.height)) };
  }

  function paint(target, scale) {
    const c = target.getContext("2d");
    c.setTransform(scale, 0, 0, scale, 0, 0);
    c.clearRect(0, 0, target.width / scale, target.height / scale);
    c.lineWidth = 2.5;
    c.lineCap = "round";
    c.lineJoin = "round";
    c.strokeStyle = "#1a2540";
    c.fillStyle = "#1a2540";
    for (const s of strokes) {
      if (s.length === 1) {
        c.beginPath();
        c.arc(s[0].x, s[0].y, 1.5, 0, Math.PI * 2);
        c.fill();
        continue;
      }
      c.beginPath();
      c.moveTo(s[0].x, s[0].y);
      for (let i = 1; i < s.length; i += 1) c.lineTo(s[i].x, s[i].y);
      c.stroke();
    }
  }

  function resize() {
    const { w, h } = cssSize();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    paint(canvas, ratio);
  }

  function exportPng() {
    if (strokes.length === 0) {
      input.value = "";
      state.textContent = "Nothing drawn yet.";
      return;
    }
    const { w, h } = cssSize();
    const out = document.createElement("canvas");
    out.width = w;
    out.height = h;
    paint(out, 1);
    input.value = out.toDataURL("image/png");
    state.textContent = "Signature drawn. Use “Clear signature” to start again.";
  }

  function point(event) {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    current = [point(event)];
    strokes.push(current);
    paint(canvas, window.devicePixelRatio || 1);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!current) return;
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const e of events.length ? events : [event]) current.push(point(e));
    paint(canvas, window.devicePixelRatio || 1);
  });
  function end() {
    if (!current) return;
    current = null;
    exportPng();
  }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const STEP = 8;
  const MOVES = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
  canvas.addEventListener("keydown", (event) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const { w, h } = cssSize();
    if (!keyPen) {
      keyPen = [{ x: w * 0.1, y: h * 0.6 }];
      strokes.push(keyPen);
    }
    const last = keyPen[keyPen.length - 1];
    keyPen.push({
      x: Math.min(w - 2, Math.max(2, last.x + move[0])),
      y: Math.min(h - 2, Math.max(2, last.y + move[1])),
    });
    paint(canvas, window.devicePixelRatio || 1);
    exportPng();
  });
  canvas.addEventListener("blur", () => { keyPen = null; });

  clearButton.addEventListener("click", () => {
    strokes.length = 0;
    keyPen = null;
    paint(canvas, window.devicePixelRatio || 1);
    exportPng();
    canvas.focus();
  });

  window.addEventListener("resize", resize);
  resize();
  input.value = "";
})();
