/* Pan and zoom for the viewer's diagram: mouse (drag, wheel), touch (drag, pinch) and keyboard
 * (arrows, + and -, 0 to fit). The drawing is moved with a CSS transform on its container.
 * ArgmapPanZoom(viewport, canvas) -> {fit, zoomBy, centreOn(element), view(), restore(view)}. */
(function (root) {
  "use strict";

  function ArgmapPanZoom(viewport, canvas) {
    var view = {x: 0, y: 0, s: 1};

    function apply() {
      canvas.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.s + ")";
    }
    function svgSize() {
      var svg = canvas.querySelector("svg");
      return svg ? {w: parseFloat(svg.getAttribute("width")) || 1, h: parseFloat(svg.getAttribute("height")) || 1}
                 : {w: 1, h: 1};
    }
    function fit() {
      var size = svgSize(), box = viewport.getBoundingClientRect();
      var s = Math.min(box.width / size.w, box.height / size.h) * 0.98;
      if (!isFinite(s) || s <= 0) s = 1;
      view = {s: s, x: (box.width - size.w * s) / 2, y: (box.height - size.h * s) / 2};
      apply();
    }
    function zoomAt(factor, px, py) {
      var s = Math.max(0.02, Math.min(8, view.s * factor));
      var k = s / view.s;
      view = {s: s, x: px - (px - view.x) * k, y: py - (py - view.y) * k};
      apply();
    }
    function zoomBy(factor) {
      var box = viewport.getBoundingClientRect();
      zoomAt(factor, box.width / 2, box.height / 2);
    }
    function centreOn(element) {
      if (!element) return;
      var box = viewport.getBoundingClientRect(), rect = element.getBoundingClientRect();
      // Close enough to read: zoom in on a map fitted far out.
      if (view.s < 0.6) {
        zoomAt(0.8 / view.s, rect.left + rect.width / 2 - box.left, rect.top + rect.height / 2 - box.top);
        rect = element.getBoundingClientRect();
      }
      view.x += box.left + box.width / 2 - (rect.left + rect.width / 2);
      view.y += box.top + box.height / 2 - (rect.top + rect.height / 2);
      apply();
    }

    var pointers = new Map(), last = null, pinch = null, moved = false;
    viewport.addEventListener("pointerdown", function (event) {
      pointers.set(event.pointerId, {x: event.clientX, y: event.clientY});
      if (pointers.size === 1) { last = {x: event.clientX, y: event.clientY}; moved = false; }
      if (pointers.size === 2) pinch = null;
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!pointers.has(event.pointerId)) return;
      pointers.set(event.pointerId, {x: event.clientX, y: event.clientY});
      if (pointers.size === 1 && last) {
        var dx = event.clientX - last.x, dy = event.clientY - last.y;
        if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
        if (!moved) { moved = true; viewport.setPointerCapture(event.pointerId); viewport.classList.add("dragging"); }
        view.x += dx; view.y += dy; last = {x: event.clientX, y: event.clientY};
        apply();
      } else if (pointers.size === 2) {
        var points = Array.from(pointers.values());
        var distance = Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
        var box = viewport.getBoundingClientRect();
        var mid = {x: (points[0].x + points[1].x) / 2 - box.left, y: (points[0].y + points[1].y) / 2 - box.top};
        if (pinch) zoomAt(distance / pinch, mid.x, mid.y);
        pinch = distance; moved = true;
      }
    });
    function end(event) {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
      if (pointers.size === 0) { last = null; viewport.classList.remove("dragging"); }
    }
    viewport.addEventListener("pointerup", end);
    viewport.addEventListener("pointercancel", end);
    // A drag must not also count as a click on the node it started on.
    viewport.addEventListener("click", function (event) { if (moved) { event.stopPropagation(); moved = false; } }, true);
    viewport.addEventListener("wheel", function (event) {
      event.preventDefault();
      var box = viewport.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
    }, {passive: false});
    viewport.addEventListener("keydown", function (event) {
      var step = 60;
      if (event.key === "ArrowLeft") view.x += step;
      else if (event.key === "ArrowRight") view.x -= step;
      else if (event.key === "ArrowUp") view.y += step;
      else if (event.key === "ArrowDown") view.y -= step;
      else if (event.key === "+" || event.key === "=") zoomBy(1.25);
      else if (event.key === "-" || event.key === "_") zoomBy(0.8);
      else if (event.key === "0") fit();
      else return;
      event.preventDefault();
      apply();
    });
    // Tabbing to something off screen brings it into view.
    viewport.addEventListener("focusin", function (event) {
      var target = event.target;
      if (target === viewport) return;
      var box = viewport.getBoundingClientRect(), rect = target.getBoundingClientRect();
      if (rect.right < box.left || rect.left > box.right || rect.bottom < box.top || rect.top > box.bottom) centreOn(target);
    });
    viewport.addEventListener("scroll", function () { viewport.scrollTop = 0; viewport.scrollLeft = 0; });
    window.addEventListener("resize", fit);

    return {fit: fit, zoomBy: zoomBy, centreOn: centreOn,
            view: function () { return {x: view.x, y: view.y, s: view.s}; },
            restore: function (saved) { view = saved; apply(); }};
  }

  root.ArgmapPanZoom = ArgmapPanZoom;
})(this);
