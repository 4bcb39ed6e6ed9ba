/* Handout predictions (helpers.activities.predict.prediction_html): runs offline, loads nothing.
   Each root (data-course-activity="predict", data-moment) holds its data (script.course-predict-spec, JSON: kind,
   answer, tolerance and the notes). On the first submit (a prediction and a confidence) the prediction locks, the
   chart appears and the learner is asked for one line on it; on the second (a line written), the feedback for the
   committed prediction and the explanations open. Both are recorded in the learner's record (window.courseRecord,
   record.js: a "prediction" and an "explanation" event), and a reloaded page shows them again as committed,
   without recording them twice. Carried by every prediction output: defined once per page, it starts the roots
   not yet started. */
(function () {
  var course = window.courseActivities = window.courseActivities || {};
  var LINE_CHARS = 1000;   /* the longest line recorded, as in the live view */
  function resizeCharts(reveal) {
    if (!window.Plotly) { return; }
    reveal.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      if (chart._fullLayout) { Promise.resolve(Plotly.Plots.resize(chart)).catch(function () {}); }
    });
  }
  function start(root) {
    var form = root.querySelector("form.course-predict-commit");
    var reveal = root.querySelector(".course-predict-reveal");
    var observe = root.querySelector("form.course-predict-observe");
    var explained = root.querySelector(".course-predict-explained");
    var feedback = root.querySelector(".course-predict-feedback");
    var status = root.querySelector(".course-predict-status");
    var line = observe.querySelector("textarea");
    var spec = JSON.parse(root.querySelector("script.course-predict-spec").textContent), chosen = null;
    var record = window.courseRecord, moment = root.dataset.moment;
    function response() {
      if (spec.kind === "number") {
        var number = form.querySelector("input[type=number]").valueAsNumber;
        return isFinite(number) ? number : null;
      }
      var checked = form.querySelector("input[type=radio][data-role=answer]:checked");
      return checked ? Number(checked.value) : null;
    }
    function outcome(value) {
      if (spec.kind !== "number") { return value; }
      return value < spec.answer - spec.tolerance ? 0 : (value > spec.answer + spec.tolerance ? 2 : 1);
    }
    function label(value) {
      if (spec.kind === "number") { return String(value); }
      var option = form.querySelector("input[data-role=answer][value='" + value + "']");
      return option ? option.parentNode.textContent.trim() : String(value);
    }
    function lockPrediction(picked) {
      chosen = outcome(picked);
      status.textContent = "";
      form.querySelectorAll("input, button").forEach(function (element) { element.disabled = true; });
      reveal.hidden = false;
      observe.hidden = false;
      resizeCharts(reveal);
    }
    function openExplanations() {
      status.textContent = "";
      observe.querySelectorAll("textarea, button").forEach(function (element) { element.disabled = true; });
      feedback.querySelectorAll("[data-outcome]").forEach(function (p) {
        p.hidden = Number(p.dataset.outcome) !== chosen;
      });
      explained.hidden = false;
    }
    /* A prediction (and line) already in the record: shown as committed, recorded nothing again. */
    function restore() {
      var committed = record && moment ? record.latest("prediction", moment) : null;
      if (!committed || committed.response === null || committed.response === undefined) { return; }
      if (spec.kind === "number") {
        form.querySelector("input[type=number]").value = String(committed.response);
      } else {
        var option = form.querySelector("input[data-role=answer][value='" + committed.response + "']");
        if (!option) { return; }
        option.checked = true;
      }
      var sure = form.querySelector("input[data-role=confidence][value='" + committed.confidence + "']");
      if (sure) { sure.checked = true; }
      lockPrediction(committed.response);
      window.addEventListener("load", function () { resizeCharts(reveal); });
      var written = record.latest("explanation", moment);
      if (written && written.line) {
        line.value = written.line;
        openExplanations();
      }
    }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.type === "radio") { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = response(), sure = form.querySelector("input[data-role=confidence]:checked");
      if (picked === null) { status.textContent = spec.missing; return; }
      if (!sure) { status.textContent = spec.missingConfidence; return; }
      lockPrediction(picked);
      if (record && moment) {
        record.add({kind: "prediction", item: moment, response: picked, label: label(picked), outcome: chosen,
                    right: chosen === (spec.kind === "number" ? 1 : spec.answer), confidence: sure.value});
      }
    });
    observe.addEventListener("submit", function (event) {
      event.preventDefault();
      if (chosen === null) { return; }
      if (!line.value.trim()) { status.textContent = spec.missingLine; return; }
      openExplanations();
      if (record && moment) {
        record.add({kind: "explanation", item: moment, line: line.value.trim().slice(0, LINE_CHARS)});
      }
    });
    restore();
  }
  course.predict = course.predict || start;
  document.querySelectorAll("[data-course-activity=predict]:not([data-course-started])").forEach(function (root) {
    root.setAttribute("data-course-started", "");
    course.predict(root);
  });
})();
