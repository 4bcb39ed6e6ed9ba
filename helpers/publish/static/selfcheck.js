/* Self-checks on a handout page (helpers.activities.quiz.quiz_html): the first answer counts.
   A choice is answered by a click on an option, or Enter or Space on the focused option; the arrow keys only move
   through the options (the note says "Press Enter to answer with this option"). Once answered, the options lock
   and the feedback shows (the page's CSS :checked rules, which hold back the feedback of an item until this script
   marks it data-answered; the form is marked data-scripted). A number or ordering item locks its entries when its
   "Check" fold is opened. "Try again" unlocks the item for a retry, and the note under it says it is a retry and
   what the first answer was. Without scripts the feedback shows for the checked option.
   Every lock is recorded in the learner's record (window.courseRecord, record.js: a "selfcheck" event with the
   answer, whether it was right, the attempt and the form's context; a practice item adds its family and seed).
   On a reloaded page, a lesson's self-check shows its recorded answers again (the first one locked with its note,
   retries noted) without recording them twice; a warm-up starts afresh. */
(function () {
  var ARROW_STEPS = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1};
  var BROWSE_NOTE = 'Press Enter to answer with this option.';
  function parseNumber(text) {
    var clean = String(text).trim().replace(',', '.').replace('\u2212', '-');
    return clean === '' || !isFinite(Number(clean)) ? null : Number(clean);
  }
  /* What the item's inputs hold now: {answer, text (as the learner sees it), right}. */
  function answerOf(item) {
    var radios = item.querySelectorAll('input[type=radio]');
    if (radios.length) {
      var index = Array.prototype.findIndex.call(radios, function (radio) { return radio.checked; });
      var label = index < 0 ? null : item.querySelector('label[for="' + radios[index].id + '"]');
      var shown = item.querySelector('.fb-' + index);
      return {answer: index, text: label ? label.textContent : '', right: !!shown && shown.classList.contains('right')};
    }
    var entry = item.querySelector('input.number-entry'), key = item.querySelector('[data-value], [data-positions]');
    if (entry) {
      var number = parseNumber(entry.value);
      return {answer: number, text: entry.value.trim(),
              right: number !== null && !!key && Math.abs(number - Number(key.dataset.value)) <= Number(key.dataset.tolerance)};
    }
    var positions = Array.prototype.map.call(item.querySelectorAll('select'), function (menu) {
      return menu.value ? Number(menu.value) : null;
    });
    return {answer: positions, text: positions.map(function (p) { return p === null ? '–' : p; }).join(', '),
            right: !!key && positions.join(' ') === key.dataset.positions};
  }
  /* Put a recorded answer back into the item's inputs. */
  function put(item, answer) {
    var radios = item.querySelectorAll('input[type=radio]'), entry = item.querySelector('input.number-entry');
    if (radios.length) {
      if (radios[answer]) { radios[answer].checked = true; }
    } else if (entry) {
      entry.value = answer === null || answer === undefined ? '' : String(answer);
    } else {
      item.querySelectorAll('select').forEach(function (menu, i) {
        menu.value = Array.isArray(answer) && answer[i] !== null && answer[i] !== undefined ? String(answer[i]) : '';
      });
    }
  }
  function seedOf(item) { return item.dataset.seed === undefined ? null : Number(item.dataset.seed); }
  /* The event for an answer; a practice item adds its family and seed, a new instance (one with a seed) being
     answered in the context "practice", as live (helpers.activities.quiz). */
  function event(item, context, found, attempt) {
    var key = item.querySelector('[data-unit]'), unit = key && key.dataset.unit;
    var recorded = {kind: 'selfcheck', item: item.dataset.item, answer: found.answer,
                    answer_text: found.text + (unit && found.answer !== null ? ' ' + unit : ''), right: found.right,
                    attempt: attempt, context: context};
    if (item.dataset.family) {
      recorded.family = item.dataset.family;
      recorded.seed = seedOf(item);
      if (recorded.seed !== null) { recorded.context = 'practice'; }
    }
    return recorded;
  }
  function setup(item, context, record) {
    var inputs = item.querySelectorAll('input, select'), fold = item.querySelector('details');
    var note = document.createElement('p'), retry = document.createElement('button');
    var radios = Array.prototype.filter.call(inputs, function (input) { return input.type === 'radio'; });
    var first = null, retries = 0;
    note.className = 'course-quiz-note';
    note.setAttribute('aria-live', 'polite');
    retry.type = 'button';
    retry.textContent = 'Try again';
    retry.hidden = true;
    item.appendChild(note);
    item.appendChild(retry);
    function lock(keep) {
      var found = answerOf(item), answer = found.text;
      if (first === null) {
        first = answer;
        item.dataset.firstAnswer = answer;
        note.textContent = 'Your first answer (the one that counts): ' + answer + '.';
      } else {
        retries += 1;
        item.dataset.retries = String(retries);
        note.textContent = 'Retry ' + retries + ': ' + answer + '. Your first answer, ' + first + ', is the one that counts.';
      }
      inputs.forEach(function (input) { input.disabled = true; });
      item.dataset.answered = '';
      retry.hidden = false;
      if (keep && record && item.dataset.item) { record.add(event(item, context, found, retries)); }
    }
    function unlock() {
      inputs.forEach(function (input) { input.disabled = false; if (input.type === 'radio') { input.checked = false; } });
      delete item.dataset.answered;
      if (fold) { fold.open = false; }
      retry.hidden = true;
    }
    /* An arrow key checks the next (or previous) option without answering; Enter or Space answers with the
       focused option and hands the focus to "Try again" (the locked options can hold it no longer). */
    function onKey(event) {
      var radio = event.target, step = ARROW_STEPS[event.key];
      if (step) {
        event.preventDefault();
        var next = radios[(radios.indexOf(radio) + step + radios.length) % radios.length];
        next.checked = true;
        next.focus();
        note.textContent = BROWSE_NOTE;
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        radio.checked = true;
        lock(true);
        retry.focus();
      }
    }
    /* A click on an option (or its label) answers with it; the arrow keys, handled above, fire none. */
    radios.forEach(function (radio) {
      radio.addEventListener('click', function () { if (!radio.disabled) { lock(true); } });
      radio.addEventListener('keydown', onKey);
    });
    if (fold) {
      fold.addEventListener('toggle', function () { if (fold.open && !inputs[0].disabled) { lock(true); } });
    }
    retry.addEventListener('click', function () { unlock(); inputs[0].focus(); });
    return function restore(answers) {
      answers.forEach(function (answer, index) {
        if (index > 0) { unlock(); }
        put(item, answer);
        lock(false);
      });
      if (answers.length && fold) { fold.open = true; }
    };
  }
  /* The item's recorded lesson answers, oldest first (none for a practice item's new instance: those are
     answered afresh; its default instance takes the answers recorded without a seed). */
  function recordedAnswers(item, record) {
    if (seedOf(item) !== null) { return []; }
    return record.find('selfcheck', item.dataset.item).filter(function (found) {
      return found.context === 'lesson' && (found.seed === undefined || found.seed === null);
    }).map(function (found) { return found.answer; });
  }
  var record = window.courseRecord;
  document.querySelectorAll('form.course-quiz').forEach(function (form) {
    var context = form.dataset.context || 'lesson';
    form.dataset.scripted = '';
    form.querySelectorAll('fieldset').forEach(function (item) {
      var restore = setup(item, context, record);
      if (record && context === 'lesson' && item.dataset.item) { restore(recordedAnswers(item, record)); }
    });
  });
})();
