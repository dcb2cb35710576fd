// /rules: filter the table as the user types (the form still works without JavaScript).
(function () {
  'use strict';
  var input = document.getElementById('rule-search');
  var table = document.getElementById('rules-table');
  var count = document.getElementById('rule-count');
  if (!input || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var hay = row.getAttribute('data-search') || '';
      var ok = words.every(function (w) { return hay.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    if (count) count.textContent = shown + ' shown';
  }
  input.addEventListener('input', filter);
  if (input.form) input.form.addEventListener('submit', function (e) { e.preventDefault(); filter(); });
})();
