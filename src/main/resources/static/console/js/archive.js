// Ops's archive upload: the file goes up, the import runs in the background; the bar follows the named phases
// (never going back, 100 only when done), then the final counts, the link to the row-level report and the history,
// read again when an import ends. Addresses and texts come from #archive-form's data- attributes.
(function () {
  var form = document.getElementById('archive-form');
  if (!form) return;
  var base = form.dataset.base, lang = form.dataset.lang;
  var phases = JSON.parse(form.dataset.phases), states = JSON.parse(form.dataset.states);
  var csrf = {}; csrf[document.querySelector('meta[name=csrf-header]').content] = document.querySelector('meta[name=csrf-token]').content;
  var status = document.getElementById('archive-status'), bar = document.getElementById('archive-bar');
  var counts = document.getElementById('archive-counts'), report = document.getElementById('archive-report');
  var shown = 0;
  function history() {
    fetch(base, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (rows) {
      var body = document.querySelector('#archive-history tbody');
      body.innerHTML = '';
      document.getElementById('archive-none').classList.toggle('d-none', rows.length > 0);
      rows.forEach(function (h) {
        var tr = body.insertRow(-1);
        [h.file_name, states[h.status] || h.status, (h.started_at || '').replace('T', ' ').substring(0, 19),
         h.rows_read, h.imported, h.merged, h.duplicates, h.rejected].forEach(function (v, i) {
          var td = tr.insertCell(-1); td.textContent = v == null ? '' : v; if (i > 2) td.className = 'text-end';
        });
      });
    });
  }
  function show(p) {
    shown = Math.max(shown, p.percent); // the server's percent never goes back; a late answer must not either
    bar.style.width = shown + '%'; bar.textContent = shown + '%';
    bar.classList.toggle('bg-danger', p.phase === 'FAILED'); bar.classList.toggle('bg-success', p.phase === 'DONE');
    var text = phases[p.phase] || p.phase;
    if (p.phase !== 'DONE' && p.phase !== 'FAILED' && p.total > 0) text += ' ' + p.processed + ' / ' + p.total;
    status.textContent = text + (p.message ? ' · ' + p.message : '');
  }
  function finished(p, reportUrl) {
    if (p.result && p.result.counts) {
      counts.querySelectorAll('[data-count]').forEach(function (dd) { dd.textContent = p.result.counts[dd.dataset.count]; });
      counts.classList.remove('d-none');
    }
    report.href = reportUrl; report.classList.remove('d-none');
    history();
  }
  function poll(url, reportUrl) {
    fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (p) {
      show(p);
      if (p.phase === 'DONE' || p.phase === 'FAILED') finished(p, reportUrl);
      else setTimeout(function () { poll(url, reportUrl); }, 400);
    });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    shown = 0; show({ phase: 'QUEUED', percent: 0, total: 0 });
    counts.classList.add('d-none');
    report.classList.add('d-none');
    var data = new FormData(); data.append('file', document.getElementById('archive-file').files[0]); data.append('lang', lang);
    fetch(base, { method: 'POST', body: data, headers: csrf, credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (!res.ok) { status.textContent = res.body.error || res.body.message || ''; return; }
        poll(res.body.progress, res.body.report);
      });
  });
  history();
})();
