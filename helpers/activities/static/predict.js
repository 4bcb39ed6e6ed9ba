/* Handout predictions (helpers.activities.predict.prediction_html): runs offline, loads nothing.
   Each root (data-course-activity="predict") holds its data (script.course-predict-spec, JSON: kind, answer,
   tolerance and the notes). On the first submit (a prediction and a confidence) the prediction locks, the chart
   appears and the learner is asked for one line on it; on the second (a line written), the feedback for the
   committed prediction and the explanations open. Carried by every prediction output: defined once per page, it
   starts the roots not yet started. */
(function () {
  var course = window.courseActivities = window.courseActivities || {};
  function start(root) {
    var form = root.querySelector("form.course-predict-commit");
    var reveal = root.querySelector(".course-predict-reveal");
    var observe = root.querySelector("form.course-predict-observe");
    var explained = root.querySelector(".course-predict-explained");
    var feedback = root.querySelector(".course-predict-feedback");
    var status = root.querySelector(".course-predict-status");
    var spec = JSON.parse(root.querySelector("script.course-predict-spec").textContent), chosen = null;
    function outcome() {
      if (spec.kind === "number") {
        var number = form.querySelector("input[type=number]").valueAsNumber;
        if (!isFinite(number)) { return null; }
        return number < spec.answer - spec.tolerance ? 0 : (number > spec.answer + spec.tolerance ? 2 : 1);
      }
      var checked = form.querySelector("input[type=radio][data-role=answer]:checked");
      return checked ? Number(checked.value) : null;
    }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.type === "radio") { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = outcome();
      if (picked === null) { status.textContent = spec.missing; return; }
      if (!form.querySelector("input[data-role=confidence]:checked")) {
        status.textContent = spec.missingConfidence;
        return;
      }
      chosen = picked;
      status.textContent = "";
      form.querySelectorAll("input, button").forEach(function (element) { element.disabled = true; });
      reveal.hidden = false;
      observe.hidden = false;
      if (window.Plotly) {
        reveal.querySelectorAll(".js-plotly-plot").forEach(function (chart) { Plotly.Plots.resize(chart); });
      }
    });
    observe.addEventListener("submit", function (event) {
      event.preventDefault();
      var line = observe.querySelector("textarea");
      if (chosen === null) { return; }
      if (!line.value.trim()) { status.textContent = spec.missingLine; return; }
      status.textContent = "";
      observe.querySelectorAll("textarea, button").forEach(function (element) { element.disabled = true; });
      feedback.querySelectorAll("[data-outcome]").forEach(function (p) {
        p.hidden = Number(p.dataset.outcome) !== chosen;
      });
      explained.hidden = false;
    });
  }
  course.predict = course.predict || start;
  document.querySelectorAll("[data-course-activity=predict]:not([data-course-started])").forEach(function (root) {
    root.setAttribute("data-course-started", "");
    course.predict(root);
  });
})();
