/* The slide decks (helpers/publish/slides.py): start reveal.js with the deck's settings (the JSON in
   #course-reveal-config) and the speaker notes plugin (key S), and draw each chart at the size of its slide.
   A chart on a hidden slide (or behind a prediction's commit) draws at zero size, so charts are sized again when
   reveal is ready, when the slide changes and after a click or change on the slide (a commit, a control). */
(function () {
  var config = JSON.parse(document.getElementById('course-reveal-config').textContent);
  var REVEALED_CHART_PX = 420;
  /* A chart's height on a slide: its designed height (layout.height), at most what the slide leaves under its
     heading, so that the whole chart is in view without scrolling. */
  function room(slide) {
    var style = window.getComputedStyle(slide), heading = slide.querySelector('h1, h2');
    return slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      - (heading ? heading.offsetHeight + parseFloat(window.getComputedStyle(heading).marginBottom) : 0);
  }
  /* Each chart keeps its designed width (its wrapper's max-width) where the column is narrower, scaled down to the
     column with CSS zoom (as the handouts do on a narrow screen), so that its legend and titles keep their places;
     a title longer than that width widens the layout until the title fits (the slide cuts nothing off). */
  function fitChart(chart, free, body, wide) {
    var wrapper = chart.closest('.course-chart'), column = wrapper.clientWidth;
    /* what stands above or below the chart (a prediction's question for a line on it) takes its share */
    var others = Math.max(0, body.scrollHeight - wrapper.offsetHeight);
    var designed = Math.max(parseFloat(wrapper.style.maxWidth) || column, wide || 0);
    var zoom = column < designed ? column / designed : 1;
    var width = Math.floor(column / zoom);
    var fits = (free - others - 8) / zoom;
    var height = Math.floor(Math.min((chart.layout || {}).height || fits, fits));
    /* a chart a prediction reveals is what the room looks at after its vote: at least REVEALED_CHART_PX on screen
       (less only where the slide has less room); the line to write and the explanations scroll under it */
    if (chart.closest('.course-predict-reveal')) {
      height = Math.max(height, Math.floor(Math.min(REVEALED_CHART_PX, free - 8) / zoom));
    }
    var drawn = chart._fullLayout || {};
    if (column > 0 && height > 0 && (drawn.width !== width || drawn.height !== height)) {
      chart.style.zoom = zoom;
      chart.style.width = width + 'px';
      chart.style.height = height + 'px';
      window.Plotly.relayout(chart, {width: width, height: height}).then(function () {
        var title = chart.querySelector('.gtitle'), box = title && title.getBBox();
        var needed = box && box.width ? Math.ceil(box.x + box.width + 8) : 0;
        if (needed > width) { fitChart(chart, free, body, needed); }
      });
    }
  }
  function fitCharts(slide) {
    if (!slide || !window.Plotly) { return; }
    var free = room(slide), body = slide.querySelector('.course-slide-body');
    slide.querySelectorAll('.course-chart .js-plotly-plot').forEach(function (chart) { fitChart(chart, free, body); });
  }
  function fitCurrent() { fitCharts(window.Reveal.getCurrentSlide()); }
  /* After the room commits a prediction, its question makes way (slides.css) for the chart, sized to fit. */
  function showReveal(event) {
    var prediction = event.target.closest && event.target.closest('.course-predict');
    var slide = prediction && prediction.closest('.course-slide');
    if (!slide) { return; }
    window.setTimeout(function () { fitCharts(slide); slide.scrollTop = 0; }, 120);
  }
  document.addEventListener('submit', showReveal, true);
  config.plugins = [window.RevealNotes];
  window.Reveal.on('ready', function (event) { fitCharts(event.currentSlide); });
  window.Reveal.on('slidechanged', function (event) { fitCharts(event.currentSlide); });
  ['click', 'change', 'submit'].forEach(function (type) {
    document.addEventListener(type, function () { window.setTimeout(fitCurrent, 60); }, true);
  });
  window.Reveal.initialize(config);
}());
