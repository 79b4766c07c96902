// The admin dashboard's three charts. Data and labels come from the data- attributes of #dashboard-charts
// (no inline script: the Content-Security-Policy allows scripts from the hub's own files only).
(function () {
  var holder = document.getElementById('dashboard-charts');
  if (!holder || !window.echarts) return;
  var d = holder.dataset;
  var runsPerDay = JSON.parse(d.runsPerDay), totals = JSON.parse(d.totals), countLabels = JSON.parse(d.countLabels);
  var statusLabels = { SUCCEEDED: d.statusSucceeded, FAILED: d.statusFailed, RUNNING: d.statusRunning };
  // tooltips drawn on the canvas: ECharts' HTML tooltips carry style attributes, which the policy refuses
  var tooltip = { renderMode: 'richText' };
  var days = [...new Set(runsPerDay.map(r => r.day))];
  var statuses = [...new Set(runsPerDay.map(r => r.status))];
  echarts.init(document.getElementById('chart-runs')).setOption({
    title: { text: d.labelRuns }, tooltip: tooltip, legend: { top: 25 },
    xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
    series: statuses.map(s => ({ name: statusLabels[s] || s, type: 'bar', stack: 'runs',
      data: days.map(day => (runsPerDay.find(r => r.day === day && r.status === s) || { runs: 0 }).runs) }))
  });
  var routeIds = totals.map(t => t.routeId);
  echarts.init(document.getElementById('chart-rows')).setOption({
    title: { text: d.labelRows }, tooltip: tooltip, legend: { top: 25 },
    xAxis: { type: 'category', data: routeIds }, yAxis: { type: 'value' },
    // each kind counts its own things (receipts: read, applied, ...; reports: findings; imports: imported, ...)
    series: [...new Set(totals.flatMap(t => Object.keys(t.counts)))].map(name => ({ name: countLabels[name] || name,
      type: 'bar', data: totals.map(t => t.counts[name] || 0) }))
  });
  echarts.init(document.getElementById('chart-failures')).setOption({
    title: { text: d.labelFailures }, tooltip: tooltip, legend: { top: 25 },
    xAxis: { type: 'category', data: routeIds }, yAxis: { type: 'value' },
    series: [{ name: d.labelAllRuns, type: 'bar', data: totals.map(t => t.runs) },
             { name: d.labelFailedRuns, type: 'bar', data: totals.map(t => t.failedRuns) }]
  });
})();
