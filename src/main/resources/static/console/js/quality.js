// The data-health page's charts, one per unit: the values of the metrics table's rows of that unit.
// A chart's height comes from its data-height (no style attribute: the Content-Security-Policy refuses inline styles).
(function () {
  if (!window.echarts) return;
  document.querySelectorAll('.metric-chart').forEach(function (el) {
    var names = [], values = [];
    document.querySelectorAll('#metrics tr[data-unit="' + el.dataset.unit + '"]').forEach(function (r) {
      if (r.dataset.value === undefined || r.dataset.value === '') return;
      names.push(r.dataset.metric); values.push(Number(r.dataset.value));
    });
    el.style.height = el.dataset.height + 'px';
    echarts.init(el).setOption({ tooltip: { renderMode: 'richText' }, grid: { left: 200, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'value' }, yAxis: { type: 'category', data: names }, series: [{ type: 'bar', data: values }] });
  });
})();
