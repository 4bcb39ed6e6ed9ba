/* Mastery practice and warm-ups on a handout page (helpers.activities.quiz: quiz_html, warm_up_html). Runs offline.

   Practice: each div.course-practice holds a practice item's instance shown by default and a few more
   (fieldsets with data-item, data-family, data-seed), hidden. "Another one like this" hides the one shown and
   shows the next; after the last, the button says so. The page's self-check script records each answer with its
   family and seed. Without scripts the first instance shows alone.

   Warm-up: a warm-up form shows its fixed draw (data-fixed) and hides the rest of its pool (data-pool, in the
   order of helpers.activities.quiz.warm_up_pool). When the browser's record (window.courseRecord, record.js) holds
   self-check answers of this course version, the warm-up is drawn as load_warm_up draws it live: the learner's
   misses, then their other due items (window.courseReview, review.js), then items of the lesson's prerequisites
   (data-prerequisites), then the fixed draw; data-count of them show, renumbered. */
(function () {
  var ANOTHER_LABEL = 'Another one like this';

  function fieldsets(root) {
    return Array.prototype.filter.call(root.children, function (child) { return child.tagName === 'FIELDSET'; });
  }

  function setupPractice(group) {
    if (group.dataset.practiceReady) { return; }
    group.dataset.practiceReady = '1';
    var items = fieldsets(group), current = 0, button = document.createElement('button');
    button.type = 'button';
    button.className = 'course-practice-another';
    button.textContent = ANOTHER_LABEL;
    group.appendChild(button);
    button.addEventListener('click', function () {
      if (current + 1 >= items.length) { return; }
      items[current].hidden = true;
      current += 1;
      items[current].hidden = false;
      group.dataset.current = String(current);
      var entry = items[current].querySelector('input, select');
      if (entry) { entry.focus(); }
      if (current + 1 >= items.length) {
        button.disabled = true;
        button.textContent = 'That was the last one on this page (the notebook has more)';
      }
    });
  }

  function words(text) { return (text || '').split(' ').filter(Boolean); }

  function unique(ids) {
    var seen = {};
    return ids.filter(function (id) { if (seen[id]) { return false; } seen[id] = true; return true; });
  }

  /* The warm-up's item ids drawn from the learner's record, or null when the record holds no self-check answer. */
  function drawnFromRecord(form) {
    var record = window.courseRecord, review = window.courseReview;
    if (!record || !review || !record.available()) { return null; }
    var events = record.all().events.filter(function (event) {
      return event.kind === 'selfcheck' && event.course_version === record.version();
    });
    if (!events.length) { return null; }
    var pool = words(form.dataset.pool), before = words(form.dataset.prerequisites);
    var due = review.dueItems(events).filter(function (id) { return pool.indexOf(id) >= 0; });
    var prerequisites = pool.filter(function (id) { return before.indexOf(id.slice(0, 2)) >= 0; });
    return unique(due.concat(prerequisites, words(form.dataset.fixed), pool)).slice(0, Number(form.dataset.count));
  }

  function setupWarmUp(form) {
    if (form.dataset.warmUpReady) { return; }
    form.dataset.warmUpReady = '1';
    var chosen = drawnFromRecord(form);
    if (!chosen) { return; }
    var byId = {};
    fieldsets(form).forEach(function (item) { byId[item.dataset.item] = item; item.hidden = true; });
    chosen.forEach(function (id, index) {
      var item = byId[id], number = item.querySelector('legend b');
      item.hidden = false;
      form.appendChild(item);   // shown in the order drawn, after the hidden rest
      if (number) { number.textContent = (index + 1) + '.'; }
    });
    form.dataset.drawn = 'record';
  }

  document.querySelectorAll('form.course-quiz .course-practice').forEach(setupPractice);
  document.querySelectorAll('form.course-quiz[data-context="warm-up"][data-pool]').forEach(setupWarmUp);
})();
