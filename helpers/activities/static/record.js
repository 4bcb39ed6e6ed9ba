/* The learner's record on a handout page (the browser side of helpers/record.py): runs offline, loads nothing,
   sends nothing. Inlined once in the <head> of every handout page (lesson pages and the index), before any
   activity script, so every activity records and restores through window.courseRecord.

   The page names itself in <meta> elements: course-id, course-version and course-page (the lesson's stem,
   "03_acute_dopamine"; "index" on the index). Each lesson page keeps its events under its own key of the
   browser's localStorage, "<course-id>/record/<stem>" (all file:// pages may share one storage, so the key names
   the course and the page), as {"course", "course_version", "page", "events": [...]}; an entry written by another
   course version is ignored (the page starts afresh and replaces it on its next write). The events have the
   fields of helpers/record.py's format. download() saves every page's events as one record file in that format;
   clear() removes them all. Where localStorage is unavailable, nothing is kept and nothing breaks. */
(function () {
  if (window.courseRecord) { return; }
  var MAX_TEXT = 2000;   /* characters in one field, as helpers/record.py's MAX_TEXT */
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : '';
  }
  function course() { return meta('course-id'); }
  function version() { return meta('course-version'); }
  function page() { return meta('course-page'); }
  function prefix() { return course() + '/record/'; }
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'); }
  function read(key) {
    var store = storage(), data = null;
    if (!store) { return null; }
    try { data = JSON.parse(store.getItem(key) || 'null'); } catch (error) { return null; }
    return data && data.course === course() && Array.isArray(data.events) ? data : null;
  }
  /* An event as helpers/record.py checks it: kind, item and a UTC time (an edited entry may have none). */
  var TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
  function wellFormed(event) {
    return !!event && typeof event === 'object' && typeof event.kind === 'string' && typeof event.item === 'string'
      && typeof event.time === 'string' && TIME.test(event.time) && !isNaN(Date.parse(event.time));
  }
  /* The events of one page (this one by default) written by this course version, oldest first; an entry that is
     not well formed (edited by hand) is left out, so no activity meets it. */
  function pageEvents(stem) {
    var data = read(prefix() + (stem || page()));
    return data && data.course_version === version() ? data.events.filter(wellFormed) : [];
  }
  function recordId() {
    var store = storage(), key = course() + '/record-id', id = store && store.getItem(key);
    if (!id) {
      id = (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)).replace(/-/g, '');
      if (store) { try { store.setItem(key, id); } catch (error) { /* full or blocked: keep going */ } }
    }
    return id;
  }
  /* Add one event for this page: kind, item and the kind's fields; lesson, time, version and source are added. */
  function add(event) {
    var store = storage(), stem = page(), full = {};
    if (!store || !stem || stem === 'index') { return null; }
    full.lesson = event.lesson || stem.slice(0, 2);
    Object.keys(event).forEach(function (key) {   /* texts cut to helpers/record.py's MAX_TEXT */
      full[key] = typeof event[key] === 'string' ? event[key].slice(0, MAX_TEXT) : event[key];
    });
    full.time = now();
    full.course_version = version();
    full.source = 'handout';
    var events = pageEvents(stem).concat([full]);
    try {
      store.setItem(prefix() + stem, JSON.stringify({course: course(), course_version: version(), page: stem,
                                                     events: events}));
    } catch (error) { return null; }
    return full;
  }
  /* This page's events of a kind (and item), oldest first; latest(): the last one, or null. */
  function find(kind, item, stem) {
    return pageEvents(stem).filter(function (event) {
      return event.kind === kind && (item === undefined || event.item === item);
    });
  }
  function latest(kind, item, stem) {
    var found = find(kind, item, stem);
    return found.length ? found[found.length - 1] : null;
  }
  /* Every page's events (any course version) as one record, in helpers/record.py's format. */
  function all() {
    var store = storage(), events = [];
    if (store) {
      for (var i = 0; i < store.length; i++) {
        var key = store.key(i);
        if (key && key.indexOf(prefix()) === 0) {
          var data = read(key);
          if (data) { events = events.concat(data.events.filter(wellFormed)); }
        }
      }
    }
    events.sort(function (a, b) { return a.time < b.time ? -1 : (a.time > b.time ? 1 : 0); });
    return {format: 'benzo-course-record', format_version: 1, course: course(), record_id: recordId(),
            created: now(), events: events};
  }
  function download() {
    var blob = new Blob([JSON.stringify(all(), null, 1)], {type: 'application/json'});
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'course-record-' + now().slice(0, 10) + '.json';
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function clear() {
    var store = storage(), keys = [];
    if (!store) { return; }
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(course() + '/record') === 0) { keys.push(key); }
    }
    keys.forEach(function (key) { store.removeItem(key); });
  }
  window.courseRecord = {available: function () { return !!storage(); }, page: page, version: version,
                         add: add, find: find, latest: latest, pageEvents: pageEvents, all: all,
                         download: download, clear: clear};
})();
