/* Handout explorers (helpers.activities.handout.explorer_html): runs offline, loads nothing.
   Each root (data-course-activity="explorer") holds its controls, its chart, its precomputed tables and its frames
   (script.course-frames, JSON); data-quantised-levels gives the 16-bit steps of the quantised arrays. Moving a
   control shows the frame of the controls' positions (Plotly.animate, no transition) and the matching table.
   Controls that move alone put the others back to their defaults; controls that work together keep each other's
   positions. Carried by every explorer output: defined once per page, it starts the roots not yet started. */
(function () {
  var course = window.courseActivities = window.courseActivities || {};
  var JUMP = {frame: {duration: 0, redraw: true}, mode: "immediate", transition: {duration: 0}};
  function start(root) {
    var spec = JSON.parse(root.querySelector("script.course-frames").textContent);
    var levels = Number(root.dataset.quantisedLevels);
    var inputs = Array.prototype.slice.call(root.querySelectorAll("[data-course-control]"));
    var decoded = {};
    function pooled(n) {
      if (!(n in decoded)) {
        var entry = spec.pool[n];
        if (!entry.q) { decoded[n] = entry; return entry; }
        var bytes = Uint8Array.from(atob(entry.q), function (c) { return c.charCodeAt(0); });
        var steps = new Uint16Array(bytes.buffer), values = new Float64Array(steps.length);
        var scale = (entry.hi - entry.lo) / levels;
        for (var i = 0; i < steps.length; i++) { values[i] = steps[i] > levels ? NaN : entry.lo + steps[i] * scale; }
        decoded[n] = values;
      }
      return decoded[n];
    }
    function resolve(value) {
      if (Array.isArray(value)) { return value.map(resolve); }
      if (value === null || typeof value !== "object") { return value; }
      if ("$" in value) { return pooled(value.$); }
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = resolve(value[key]); });
      return out;
    }
    function position(input) { return input.tagName === "SELECT" ? input.selectedIndex : Number(input.value); }
    function place(input, index) {
      if (input.tagName === "SELECT") { input.selectedIndex = index; } else { input.value = index; }
    }
    function announce(input) {
      if (input.tagName === "SELECT") { return; }
      var text = JSON.parse(input.dataset.texts)[position(input)];
      input.setAttribute("aria-valuetext", text);
      document.getElementById(input.id + "-value").textContent = text;
    }
    function moved(input) {
      var together = spec.together[inputs.indexOf(input)];
      inputs.forEach(function (other, i) {
        if (other !== input && !(together && spec.together[i])) { place(other, spec.defaults[i]); }
      });
      inputs.forEach(announce);
      var key = inputs.map(position).join(",");
      root.querySelectorAll("[data-variant]").forEach(function (v) {
        v.hidden = Number(v.dataset.variant) !== spec.tables[key];
      });
      var gd = root.querySelector(".js-plotly-plot"), frame = spec.frames[key];
      if (gd && frame && window.Plotly) {
        Plotly.animate(gd, {data: resolve(frame.data), layout: resolve(frame.layout)}, JUMP);
      }
    }
    inputs.forEach(function (input) { input.addEventListener("input", function () { moved(input); }); });
  }
  course.explorer = course.explorer || start;
  document.querySelectorAll("[data-course-activity=explorer]:not([data-course-started])").forEach(function (root) {
    root.setAttribute("data-course-started", "");
    course.explorer(root);
  });
})();
