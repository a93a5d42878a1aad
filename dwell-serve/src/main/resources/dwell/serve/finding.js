// A finding's triage form: the decision goes to the API as JSON, and the page reloads to show it saved.
(function () {
  'use strict';
  var form = document.getElementById('triage');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var err = document.getElementById('triage-error');
    err.textContent = '';
    fetch('/api/findings/' + encodeURIComponent(form.getAttribute('data-finding')) + '/triage', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: document.getElementById('status').value, note: document.getElementById('note').value })
    }).then(function (r) {
      if (r.ok) { location.reload(); return null; }
      return r.json().then(function (b) { err.textContent = b.error || ('HTTP ' + r.status); });
    }).catch(function (x) { err.textContent = String(x.message); });
  });
  document.documentElement.setAttribute('data-ready', 'true');
})();
