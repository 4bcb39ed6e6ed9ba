/* Handout answer boxes (helpers.activities.exercise.answer_box_html): runs offline, loads nothing.
   Each root (data-course-activity="exercise", data-exercise) holds its data (script.course-exercise-spec, JSON: the
   answer bands and messages written by the Python side), and judges the typed value with the same outcome keys as
   Exercise.outcome and the same texts as Exercise.message. After a judged value, the "Show the worked solution"
   button appears (when the exercise has a solution). Each judged value is recorded in the learner's record
   (window.courseRecord, record.js: an "exercise" event, route "box"); a reloaded page shows the last one with its
   feedback and offers the solution again, without recording it twice. Carried by every answer box: defined once
   per page, it starts the roots not yet started. */
(function () {
  var course = window.courseActivities = window.courseActivities || {};
  function start(root) {
    var form = root.querySelector("form"), feedback = root.querySelector(".course-exercise-feedback");
    var offer = root.querySelector(".course-exercise-offer");
    var solution = root.querySelector(".course-exercise-solution");
    var spec = JSON.parse(root.querySelector("script.course-exercise-spec").textContent), wrong = 0;
    var record = window.courseRecord, item = root.dataset.exercise;
    var field = form.querySelector("input[type=number]");
    if (offer) {
      offer.addEventListener("click", function () { solution.hidden = false; offer.hidden = true; solution.focus(); });
    }
    function value() {
      if (spec.kind === "choice") {
        var checked = form.querySelector("input[type=radio]:checked");
        return checked ? checked.value : null;
      }
      return isFinite(field.valueAsNumber) ? field.valueAsNumber : null;
    }
    function outcome() {
      if (spec.kind === "choice") { return value(); }
      var number = field.valueAsNumber;
      if (field.validity.badInput) { return "invalid"; }
      if (!isFinite(number)) { return field.value === "" ? null : "invalid"; }
      var off = Math.abs(number - spec.answer);
      if (off <= spec.tolerance) { return "right"; }
      if (off <= spec.close) { return number < spec.answer ? "close-low" : "close-high"; }
      for (var i = 0; i < spec.factors.length; i++) {
        if (Math.abs(number / spec.factors[i] - spec.answer) <= spec.close) { return "slip-" + i; }
      }
      return number < spec.answer ? "low" : "high";
    }
    /* Judge the value in the box, show the feedback; the status ("blank" when nothing was judged). */
    function judge() {
      var key = outcome(), shown = key === null ? spec.missing : (key === "invalid" ? spec.invalid : null);
      var status = "blank";
      if (shown === null) {
        status = spec.messages[key][0];
        shown = spec.messages[key][1];
        if (status !== "right") { wrong += 1; if (wrong >= 2) { shown += " " + spec.again; } }
        if (offer && solution.hidden) { offer.hidden = false; }
      }
      feedback.dataset.status = status;
      feedback.innerHTML = "";
      var line = document.createElement("p");
      line.style.color = spec.colours[status];
      if (spec.labels[status]) {
        var label = document.createElement("b");
        label.textContent = spec.labels[status];
        line.appendChild(label);
        line.appendChild(document.createTextNode(" "));
      }
      line.appendChild(document.createTextNode(shown));
      feedback.appendChild(line);
      return status;
    }
    /* The last recorded value, judged again on the page; earlier misses count towards the second hint. */
    function restore() {
      var checks = record && item ? record.find("exercise", item) : [];
      if (!checks.length) { return; }
      var last = checks[checks.length - 1];
      if (spec.kind === "choice") {
        var option = Array.prototype.find.call(form.querySelectorAll("input[type=radio]"), function (radio) {
          return radio.value === String(last.value);
        });
        if (!option) { return; }
        option.checked = true;
      } else {
        field.value = String(last.value);
      }
      wrong = checks.slice(0, -1).filter(function (check) { return check.status !== "right"; }).length;
      judge();
    }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.type === "radio") { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = judge();
      if (status !== "blank" && record && item) {
        record.add({kind: "exercise", item: item, value: value(), status: status, route: "box"});
      }
    });
    restore();
  }
  course.exercise = course.exercise || start;
  document.querySelectorAll("[data-course-activity=exercise]:not([data-course-started])").forEach(function (root) {
    root.setAttribute("data-course-started", "");
    course.exercise(root);
  });
})();
