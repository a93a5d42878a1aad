(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('findings-data').textContent);
  var LV = ['informational', 'low', 'medium', 'high', 'critical'];
  var rows = data.rows, view = rows.slice(), page = 0, size = 100, sortCol = 0, asc = true;
  var q = document.getElementById('q'), lvl = document.getElementById('lvl');
  var body = document.getElementById('findings-body'), info = document.getElementById('page-info');
  function key(r, c) {
    switch (c) {
      case 0: return r[0] || '';
      case 1: return r[1];
      case 2: return data.detectors[r[2]];
      case 3: return data.rules[r[3]];
      case 4: return data.hosts[r[4]] || '';
      case 5: return data.paths[r[5]] + ':' + ('000000000' + r[6]).slice(-10);
      case 6: return data.shas[r[5]] || '';
      case 7: return r[9] || '';
      case 8: return r[8] || '';
      default: return r[10] || '';
    }
  }
  function haystack(r) {
    return [r[0], LV[r[1]], data.detectors[r[2]], data.rules[r[3]], data.hosts[r[4]], data.paths[r[5]], r[8], r[9], r[10]]
      .join(' ').toLowerCase();
  }
  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function render() {
    while (body.firstChild) body.removeChild(body.firstChild);
    var pages = Math.max(1, Math.ceil(view.length / size));
    if (page >= pages) page = pages - 1;
    var end = Math.min(view.length, (page + 1) * size);
    for (var i = page * size; i < end; i++) {
      var r = view[i], tr = document.createElement('tr');
      cell(tr, r[0]);
      cell(tr, LV[r[1]], 'lv-' + LV[r[1]]);
      cell(tr, data.detectors[r[2]]);
      cell(tr, data.rules[r[3]]);
      cell(tr, data.hosts[r[4]]);
      cell(tr, data.paths[r[5]] + (r[6] ? ':' + r[6] : '') + (r[7] ? ' #' + r[7] : ''));
      cell(tr, data.shas[r[5]]);
      cell(tr, r[9]);
      cell(tr, r[8]);
      cell(tr, r[10]);
      body.appendChild(tr);
    }
    info.textContent = view.length + ' findings, page ' + (page + 1) + ' of ' + pages;
  }
  function apply() {
    var s = q.value.toLowerCase(), m = lvl.value;
    view = rows.filter(function (r) {
      return (m === '' || LV[r[1]] === m) && (s === '' || haystack(r).indexOf(s) >= 0);
    });
    sort();
  }
  function sort() {
    view.sort(function (a, b) {
      var x = key(a, sortCol), y = key(b, sortCol);
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    page = 0;
    render();
  }
  q.addEventListener('change', apply);
  q.addEventListener('keyup', function (e) { if (e.key === 'Enter') apply(); });
  lvl.addEventListener('change', apply);
  document.getElementById('prev').addEventListener('click', function () { if (page > 0) { page--; render(); } });
  document.getElementById('next').addEventListener('click', function () { page++; render(); });
  var ths = document.querySelectorAll('#findings th');
  for (var i = 0; i < ths.length; i++) {
    (function (c) {
      ths[c].addEventListener('click', function () { if (sortCol === c) asc = !asc; else { sortCol = c; asc = true; } sort(); });
    })(i);
  }
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
