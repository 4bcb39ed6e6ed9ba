/* The spacing scheme of helpers/review.py (Leitner boxes), for handout pages: the same rules, ported line by line
   (a test runs both on the same events and compares). Each self-check item climbs one box each day whose first
   answer to it was right and falls back to box 0 on a day whose first answer was wrong; it is due when its box's
   interval (0, 1, 3, 7, 21 days) has passed since the day it was last answered, and a miss (last first answer
   wrong) is due at once.

   window.courseReview.dueItems(events, todayIsoDate) -> item ids due on that day ("2026-12-07"; default today,
   UTC): misses first, then the longest overdue, each group in item order. itemStates(events) -> {item: {box,
   lastDay, missed, dueDay}}. Runs offline, reads only the events it is given. */
(function () {
  if (window.courseReview) { return; }
  var INTERVAL_DAYS = [0, 1, 3, 7, 21];   // ASSUMPTION: a common Leitner schedule (helpers/review.py)

  function day(time) { return String(time).slice(0, 10); }
  function addDays(isoDate, days) {
    var parts = isoDate.split('-').map(Number);
    return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days)).toISOString().slice(0, 10);
  }
  function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function itemStates(events) {
    var selfchecks = events.filter(function (event) { return event.kind === 'selfcheck'; });
    selfchecks.sort(function (a, b) { return compare(a.time, b.time); });   // stable, as Python's sorted
    var firstOfDay = [], seen = {};
    selfchecks.forEach(function (event) {
      var key = JSON.stringify([event.item, day(event.time)]);
      if (!seen[key]) { seen[key] = true; firstOfDay.push(event); }
    });
    firstOfDay.sort(function (a, b) { return compare(day(a.time), day(b.time)); });
    var states = {};
    firstOfDay.forEach(function (event) {
      var box = states[event.item] ? states[event.item].box : 0, right = !!event.right;
      var newBox = right ? box + 1 : 0, lastDay = day(event.time);
      states[event.item] = {item: event.item, box: newBox, lastDay: lastDay, missed: !right,
                            dueDay: addDays(lastDay, INTERVAL_DAYS[Math.min(newBox, INTERVAL_DAYS.length - 1)])};
    });
    return states;
  }

  function dueItems(events, todayIsoDate) {
    var today = todayIsoDate || new Date().toISOString().slice(0, 10), states = itemStates(events);
    var due = Object.keys(states).map(function (item) { return states[item]; }).filter(function (state) {
      return state.missed || today >= state.dueDay;
    });
    due.sort(function (a, b) {
      return compare(a.missed ? 0 : 1, b.missed ? 0 : 1) || compare(a.dueDay, b.dueDay) || compare(a.item, b.item);
    });
    return due.map(function (state) { return state.item; });
  }

  window.courseReview = {dueItems: dueItems, itemStates: itemStates, INTERVAL_DAYS: INTERVAL_DAYS};
})();
