/* The concept inventory on a handout page (helpers.activities.inventory.inventory_html): runs offline, loads
   nothing, sends nothing. Each root (data-course-activity="inventory", data-phase "pre" or "post", data-lesson)
   holds one fieldset per item (data-item, data-concept) whose radio values are the options' BANK indices, and a
   script.course-inventory-spec with its data.

   "Submit my answers" (once every item is answered) records each answer through window.courseRecord.add
   ({kind: "inventory", item, lesson, phase, concept, answer}) and locks the form; reloading the page restores the
   answers, locked. The pre-test page holds no key and no feedback, so its events carry no "right" (the post-test
   page and the class report score them from the bank). The post-test page's spec holds the key and the feedback:
   its events carry "right", and after the submit it shows each item's feedback and the learner's normalised gain
   per concept, g = (post - pre) / (1 - pre), with the pre-test answers stored by the lesson-00 page
   (courseRecord.pageEvents(spec.pre_page)). Without courseRecord (no storage), the form still works and keeps
   nothing. */
(function () {
  var course = window.courseActivities = window.courseActivities || {};

  function latestAnswers(events, phase) {
    var answers = {};
    events.forEach(function (event) {
      if (event.kind === "inventory" && event.phase === phase && typeof event.answer === "number") {
        answers[event.item] = event.answer;
      }
    });
    return answers;
  }

  /* Fraction right of a concept's items (null when none of them has an answer), as normalised_gain computes it. */
  function fractionRight(ids, answers, spec) {
    var answered = ids.some(function (id) { return Object.prototype.hasOwnProperty.call(answers, id); });
    if (!answered) { return null; }
    var right = ids.filter(function (id) { return answers[id] === spec.items[id].right; }).length;
    return right / ids.length;
  }

  /* A concept whose pre-test was all right, as at_top_note says it: with a drop since, the score now. */
  function atTopNote(post, items, spec) {
    return post === 1 ? spec.texts.at_top : spec.texts.at_top + "; now " + score(post, items);
  }

  function gains(preAnswers, postAnswers, spec) {
    return Object.keys(spec.concepts).map(function (concept) {
      var ids = Object.keys(spec.items).filter(function (id) { return spec.items[id].concept === concept; });
      var pre = fractionRight(ids, preAnswers, spec), post = fractionRight(ids, postAnswers, spec);
      var text;
      if (pre === null) { text = spec.texts.no_pre; }
      else if (pre === 1) { text = atTopNote(post, ids.length, spec); }
      else { text = ((post - pre) / (1 - pre)).toFixed(2); }
      return {concept: concept, name: spec.concepts[concept], items: ids.length, pre: pre, post: post, text: text};
    });
  }

  function cell(row, tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    row.appendChild(element);
  }

  function score(fraction, items) {
    return fraction === null ? "\u2013" : Math.round(fraction * items) + " of " + items;
  }

  function showGains(target, rows, spec) {
    var table = document.createElement("table"), caption = document.createElement("caption");
    caption.textContent = "Your normalised gain per idea";
    table.appendChild(caption);
    var head = document.createElement("tr");
    ["Idea", "Before (lesson 00)", "After", "Normalised gain"].forEach(function (text) { cell(head, "th", text); });
    var thead = document.createElement("thead"), tbody = document.createElement("tbody");
    thead.appendChild(head);
    table.appendChild(thead);
    rows.forEach(function (gain) {
      var row = document.createElement("tr");
      row.setAttribute("data-concept", gain.concept);
      cell(row, "td", gain.name);
      cell(row, "td", score(gain.pre, gain.items));
      cell(row, "td", score(gain.post, gain.items));
      cell(row, "td", gain.text);
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    target.textContent = "";
    target.appendChild(table);
    var note = document.createElement("p");
    note.textContent = spec.texts.note;
    target.appendChild(note);
    target.hidden = false;
  }

  function showFeedback(fieldset, answer, spec) {
    var item = spec.items[fieldset.getAttribute("data-item")], target = fieldset.querySelector(".course-inventory-feedback");
    var right = answer === item.right, line = document.createElement("p");
    line.style.color = spec.colours[right ? "right" : "wrong"];
    line.textContent = (right ? "Right. " : "Not quite. The right answer: " + item.right_text + ". ") +
                       item.feedback[answer];
    target.textContent = "";
    target.appendChild(line);
    target.hidden = false;
  }

  function start(root) {
    var form = root.querySelector("form"), status = root.querySelector(".course-inventory-status");
    var phase = root.getAttribute("data-phase"), lesson = root.getAttribute("data-lesson");
    var spec = JSON.parse(root.querySelector("script.course-inventory-spec").textContent);
    var fieldsets = Array.prototype.slice.call(root.querySelectorAll("fieldset[data-item]"));
    var store = window.courseRecord && window.courseRecord.available() ? window.courseRecord : null;

    function chosen(fieldset) {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      return checked ? Number(checked.value) : null;
    }
    function answers() {
      var found = {};
      fieldsets.forEach(function (fieldset) {
        var answer = chosen(fieldset);
        if (answer !== null) { found[fieldset.getAttribute("data-item")] = answer; }
      });
      return found;
    }
    function finish() {
      root.querySelectorAll("input, button").forEach(function (input) { input.disabled = true; });
      root.setAttribute("data-submitted", "");
      status.textContent = spec.texts.submitted;
      if (phase !== "post") { return; }
      fieldsets.forEach(function (fieldset) { showFeedback(fieldset, chosen(fieldset), spec); });
      var pre = store ? latestAnswers(store.pageEvents(spec.pre_page), "pre") : {};
      showGains(root.querySelector(".course-inventory-gains"), gains(pre, answers(), spec), spec);
    }
    function restore() {
      if (!store) { return; }
      var saved = latestAnswers(store.pageEvents(), phase), complete = true;
      fieldsets.forEach(function (fieldset) {
        var answer = saved[fieldset.getAttribute("data-item")];
        var input = answer === undefined ? null : fieldset.querySelector('input[type=radio][value="' + answer + '"]');
        if (input) { input.checked = true; } else { complete = false; }
      });
      if (complete) { finish(); }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (root.hasAttribute("data-submitted")) { return; }
      if (fieldsets.some(function (fieldset) { return chosen(fieldset) === null; })) {
        status.textContent = spec.texts.answer_all;
        return;
      }
      fieldsets.forEach(function (fieldset) {
        var item = fieldset.getAttribute("data-item"), answer = chosen(fieldset);
        var entry = {kind: "inventory", item: item, lesson: lesson, phase: phase,
                     concept: fieldset.getAttribute("data-concept"), answer: answer};
        if (phase === "post") { entry.right = answer === spec.items[item].right; }
        if (store) { store.add(entry); }
      });
      finish();
    });
    restore();
  }

  course.inventory = course.inventory || start;
  document.querySelectorAll("[data-course-activity=inventory]:not([data-course-started])").forEach(function (root) {
    root.setAttribute("data-course-started", "");
    course.inventory(root);
  });
})();
