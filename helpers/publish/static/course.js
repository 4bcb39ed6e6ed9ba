/* Course handout page script: runs offline, loads nothing.
   Print: charts are 760-940 px wide; scale each one to the printed column so nothing is clipped. */
(function () {
  var PRINT_COLUMN_PX = 680;  /* A4 with 12 mm margins leaves about 700 CSS px */
  document.querySelectorAll('.plotly-graph-div').forEach(function (chart) {
    var width = chart.style.width.endsWith('px') ? parseFloat(chart.style.width) : chart.offsetWidth;
    if (width > PRINT_COLUMN_PX) {
      chart.style.setProperty('--course-print-zoom', (PRINT_COLUMN_PX / width).toFixed(3));
    }
  });
})();
