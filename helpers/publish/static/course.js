/* Course handout page script (lesson pages and the index): runs offline, loads nothing.
   Print: charts are up to 940 px wide; scale each one to the printed column so nothing is clipped. The factors are
   set on load, when the window is resized (plotly redraws the charts) and before printing. */
(function () {
  var PRINT_COLUMN_PX = 680;  /* A4 with 12 mm margins leaves about 700 CSS px */
  function fitPrint() {
    document.querySelectorAll('.plotly-graph-div').forEach(function (chart) {
      var svg = chart.querySelector('svg.main-svg');
      /* layout px, before any zoom: the width fitScreen set (plotly redraws to it a moment later), or as drawn */
      var width = chart.style.width.endsWith('px') ? parseFloat(chart.style.width)
                : (svg && parseFloat(svg.getAttribute('width'))) || chart.offsetWidth;
      chart.style.setProperty('--course-print-zoom', width > PRINT_COLUMN_PX ? (PRINT_COLUMN_PX / width).toFixed(3) : '1');
    });
  }
  /* On a narrow screen, wide tables scroll sideways: let the keyboard reach (and scroll) them too. */
  function focusScrollers() {
    document.querySelectorAll('.jp-RenderedHTMLCommon, .jp-OutputArea-output').forEach(function (area) {
      if (area.scrollWidth > area.clientWidth + 1 && !area.hasAttribute('tabindex')) { area.setAttribute('tabindex', '0'); }
    });
  }
  /* In a column narrower than a chart's designed width (its wrapper's max-width), the chart keeps its designed
     layout and is scaled down to the column: on a phone nothing of it (titles, legend) is cut off. */
  function fitScreen() {
    document.querySelectorAll('.course-chart').forEach(function (wrapper) {
      var chart = wrapper.querySelector('.js-plotly-plot'), column = wrapper.parentElement.clientWidth;
      var designed = parseFloat(wrapper.style.maxWidth);
      if (!chart || !column || !designed) { return; }
      var narrow = column < designed, width = narrow ? designed + 'px' : '100%';
      if (chart.style.width !== width) {
        chart.style.width = width;
        if (window.Plotly && chart._fullLayout) { Plotly.Plots.resize(chart); }
      }
      wrapper.style.setProperty('--course-screen-zoom', narrow ? (column / designed).toFixed(3) : '1');
    });
  }
  function fitPage() { fitScreen(); fitPrint(); focusScrollers(); }
  /* "Download my record" and "Clear my record" (window.courseRecord, record.js): the file in the course's record
     format; clearing asks first, then empties every page's record and reloads. Without storage they say so. */
  function recordTools() {
    var record = window.courseRecord;
    document.querySelectorAll('button[data-course-record]').forEach(function (button) {
      if (!record || !record.available()) {
        button.disabled = true;
        button.textContent += ' (unavailable: this browser keeps nothing for these pages)';
        return;
      }
      button.addEventListener('click', function () {
        if (button.dataset.courseRecord === 'download') { record.download(); return; }
        if (window.confirm('Delete every answer this browser keeps for the course, on every page? ' +
                           'This cannot be undone: download your record first to keep a copy.')) {
          record.clear();
          window.location.reload();
        }
      });
    });
  }
  recordTools();
  fitPage();
  window.addEventListener('load', fitPage);
  window.addEventListener('resize', function () { setTimeout(fitPage, 300); });
  window.addEventListener('beforeprint', fitPrint);
})();
