/* Self-checks on a handout page (helpers.activities.quiz.quiz_html): the first answer counts.
   A choice locks its options once made (its feedback shows through the page's CSS :checked rules); a number or
   ordering item locks its entries when its "Check" fold is opened. "Try again" unlocks the item for a retry, and
   the note under it says it is a retry and what the first answer was. Without scripts the feedback still shows. */
(function () {
  function answerOf(item) {
    var checked = item.querySelector('input[type=radio]:checked');
    if (checked) { return item.querySelector('label[for="' + checked.id + '"]').textContent; }
    var entry = item.querySelector('input.number-entry');
    if (entry) { return entry.value.trim(); }
    return Array.prototype.map.call(item.querySelectorAll('select'), function (menu) { return menu.value || '–'; })
      .join(', ');
  }
  function setup(item) {
    var inputs = item.querySelectorAll('input, select'), fold = item.querySelector('details');
    var note = document.createElement('p'), retry = document.createElement('button');
    var first = null, retries = 0;
    note.className = 'course-quiz-note';
    note.setAttribute('aria-live', 'polite');
    retry.type = 'button';
    retry.textContent = 'Try again';
    retry.hidden = true;
    item.appendChild(note);
    item.appendChild(retry);
    function lock() {
      var answer = answerOf(item);
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
      retry.hidden = false;
    }
    inputs.forEach(function (input) {
      if (input.type === 'radio') { input.addEventListener('change', lock); }
    });
    if (fold) {
      fold.addEventListener('toggle', function () { if (fold.open && !inputs[0].disabled) { lock(); } });
    }
    retry.addEventListener('click', function () {
      inputs.forEach(function (input) { input.disabled = false; if (input.type === 'radio') { input.checked = false; } });
      if (fold) { fold.open = false; }
      retry.hidden = true;
      inputs[0].focus();
    });
  }
  document.querySelectorAll('form.course-quiz fieldset').forEach(setup);
})();
