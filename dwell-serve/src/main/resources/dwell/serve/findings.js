// The findings list: filters live in the address (so a reload or a shared link shows the same list), the list,
// its facets and the timeline come from the JSON API, and every string is set as text, never as markup.
(function () {
  'use strict';
  var FACETS = [['level', 'Level'], ['detector', 'Detector'], ['rule', 'Rule'], ['host', 'Host'],
    ['technique', 'Technique'], ['status', 'Triage']];
  var LIMIT = 100;
  var params = new URLSearchParams(location.search);
  var body = document.getElementById('findings-body'), info = document.getElementById('page-info');
  var q = document.getElementById('q'), since = document.getElementById('since'), until = document.getElementById('until');
  var chart = null, generation = 0;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function get(path) {
    return fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return r.json();
    });
  }
  function where(ev) {
    return ev.path + (ev.line > 0 ? ':' + ev.line : '') + (ev.record > 0 ? ' #' + ev.record : '');
  }
  function set(name, value) {
    if (value) params.set(name, value); else params.delete(name);
  }
  function reload(keepOffset) {
    if (!keepOffset) params.delete('offset');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
    load();
  }

  function table(page) {
    clear(body);
    page.findings.forEach(function (f) {
      var tr = document.createElement('tr'), td = el('td', null, 't'), a = el('a', f.time || '-');
      a.href = '/finding/' + encodeURIComponent(f.id);
      td.appendChild(a);
      tr.appendChild(td);
      tr.appendChild(el('td', f.rule.level, 'lv-' + f.rule.level));
      tr.appendChild(el('td', f.detector));
      tr.appendChild(el('td', f.rule.title));
      tr.appendChild(el('td', f.host || ''));
      tr.appendChild(el('td', where(f.evidence)));
      tr.appendChild(el('td', f.triage ? f.triage.status + (f.triage.note ? ': ' + f.triage.note : '') : 'needs-review'));
      body.appendChild(tr);
    });
    var offset = Number(params.get('offset') || 0);
    info.textContent = page.total + ' findings' + (page.total ? ', ' + (offset + 1) + '-' + (offset + page.findings.length) : '');
  }

  function facets(counts) {
    var box = document.getElementById('facets');
    clear(box);
    FACETS.forEach(function (f) {
      var chosen = params.getAll(f[0]), div = el('div', null, 'facet');
      div.id = 'facet-' + f[0];
      div.appendChild(el('h3', f[1]));
      (counts[f[0]] || []).forEach(function (v) {
        var label = el('label'), box = document.createElement('input');
        box.type = 'checkbox';
        box.value = v.value;
        box.checked = chosen.indexOf(v.value) >= 0;
        box.addEventListener('change', function () {
          var now = params.getAll(f[0]).filter(function (x) { return x !== v.value; });
          if (box.checked) now.push(v.value);
          params.delete(f[0]);
          now.forEach(function (x) { params.append(f[0], x); });
          reload();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(' ' + v.value + ' (' + v.count + ')'));
        div.appendChild(label);
      });
      box.appendChild(div);
    });
  }

  // findings per day; dragging across the chart sets the time window
  function timeline(t) {
    var box = document.getElementById('timeline');
    if (chart) { chart.destroy(); chart = null; }
    clear(box);
    if (!t.days.length) { box.appendChild(el('p', 'No dated findings.', 'muted')); return; }
    var opts = {
      width: Math.max(400, box.clientWidth || 1000), height: 160, cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      series: [{}, { label: 'findings per day', stroke: '#2f81f7', fill: 'rgba(47,129,247,0.3)', paths: uPlot.paths.bars({ size: [0.9, 8] }) }],
      hooks: { setSelect: [function (u) {
        if (u.select.width < 2) return;
        var from = u.posToVal(u.select.left, 'x'), to = u.posToVal(u.select.left + u.select.width, 'x');
        set('since', new Date(from * 1000).toISOString().replace('.000Z', 'Z'));
        set('until', new Date(to * 1000).toISOString().replace('.000Z', 'Z'));
        since.value = params.get('since');
        until.value = params.get('until');
        reload();
      }] }
    };
    chart = new uPlot(opts, [t.days, t.counts], box);
  }

  function load() {
    var mine = ++generation, qs = params.toString();
    document.documentElement.setAttribute('data-ready', 'false');
    var api = new URLSearchParams(qs);
    api.set('limit', String(LIMIT));
    Promise.all([get('/api/findings?' + api), get('/api/facets?' + qs), get('/api/timeline?' + qs)]).then(function (r) {
      if (mine !== generation) return;
      table(r[0]);
      facets(r[1]);
      timeline(r[2]);
      document.getElementById('prev').disabled = Number(params.get('offset') || 0) === 0;
      document.getElementById('next').disabled = Number(params.get('offset') || 0) + LIMIT >= r[0].total;
      document.documentElement.setAttribute('data-ready', 'true');
    }).catch(function (e) {
      info.textContent = String(e.message);
      document.documentElement.setAttribute('data-ready', 'true');
    });
  }

  q.value = params.get('q') || '';
  since.value = params.get('since') || '';
  until.value = params.get('until') || '';
  q.addEventListener('keyup', function (e) { if (e.key === 'Enter') { set('q', q.value); reload(); } });
  [since, until].forEach(function (i) {
    i.addEventListener('keyup', function (e) { if (e.key === 'Enter') { set(i.id, i.value); reload(); } });
  });
  document.getElementById('clear').addEventListener('click', function () {
    params = new URLSearchParams();
    q.value = since.value = until.value = '';
    reload();
  });
  document.getElementById('prev').addEventListener('click', function () {
    set('offset', String(Math.max(0, Number(params.get('offset') || 0) - LIMIT)));
    reload(true);
  });
  document.getElementById('next').addEventListener('click', function () {
    set('offset', String(Number(params.get('offset') || 0) + LIMIT));
    reload(true);
  });
  load();
})();
