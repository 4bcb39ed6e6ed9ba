/* "My progress" on the handout index: runs offline, loads nothing, sends nothing.
   Reads the learner's record in this browser (window.courseRecord, record.js: every lesson page's events) and the
   lesson totals the builder wrote from the banks (script#course-progress-totals, JSON: per lesson number, the
   prediction moments, self-check items and exercises). Counts only events of this course version. Per lesson:
   predictions made (of the moments), the first-try score (first answers right, of the items answered in the
   lesson itself; retries and warm-ups do not count), exercises done (a value judged) and the self-check items due
   for review (window.courseReview, review.js, the port of helpers/review.py; "–" without it).
   window.courseProgress.summary(events, totals, version, today) is the counting, for tests. */
(function () {
  function distinct(values) {
    return values.filter(function (value, index) { return values.indexOf(value) === index; });
  }
  function summary(events, totals, version, today) {
    var current = events.filter(function (event) { return event.course_version === version; });
    var due = window.courseReview ? window.courseReview.dueItems(current, today) : null;
    var rows = {};
    Object.keys(totals).forEach(function (number) {
      var lesson = totals[number], firsts = {};
      var mine = current.filter(function (event) { return event.lesson === number; });
      function items(kind, among) {
        return distinct(mine.filter(function (event) {
          return event.kind === kind && among.indexOf(event.item) >= 0;
        }).map(function (event) { return event.item; }));
      }
      mine.forEach(function (event) {
        if (event.kind === 'selfcheck' && (event.context || 'lesson') === 'lesson' && !event.attempt &&
            !(event.item in firsts)) { firsts[event.item] = event; }
      });
      var answered = Object.keys(firsts);
      rows[number] = {
        predictions: items('prediction', lesson.moments).length, moments: lesson.moments.length,
        right: answered.filter(function (item) { return firsts[item].right === true; }).length,
        answered: answered.length,
        done: items('exercise', lesson.exercises).length, exercises: lesson.exercises.length,
        due: due === null ? null : due.filter(function (item) { return lesson.items.indexOf(item) >= 0; }).length
      };
    });
    return rows;
  }
  function texts(row) {
    return {predictions: row.moments ? row.predictions + ' of ' + row.moments : '–',   /* a lesson without any */
            score: row.answered ? row.right + ' of ' + row.answered : '–',
            exercises: row.done + ' of ' + row.exercises, due: row.due === null ? '–' : String(row.due)};
  }
  /* Fill the index's table (#course-progress) from this browser's record. */
  function show() {
    var table = document.getElementById('course-progress-table');
    var record = window.courseRecord, totals = document.getElementById('course-progress-totals');
    if (!table || !totals || !record) { return; }
    var rows = summary(record.all().events, JSON.parse(totals.textContent), record.version(),
                       new Date().toISOString().slice(0, 10));
    Object.keys(rows).forEach(function (number) {
      var line = table.querySelector('tr[data-lesson="' + number + '"]'), shown = texts(rows[number]);
      if (!line) { return; }
      Object.keys(shown).forEach(function (field) {
        line.querySelector('[data-progress="' + field + '"]').textContent = shown[field];
      });
    });
  }
  window.courseProgress = {summary: summary, texts: texts, show: show};
  show();
})();
