// /explain: show the matches as the user pastes or types (POST /api/v1/explain). The list is
// built with text nodes only; the form still works without JavaScript (POST /explain).
(function () {
  'use strict';
  var text = document.getElementById('explain-page-text');
  var source = document.getElementById('explain-page-source');
  var out = document.getElementById('explain-page-results');
  if (!text || !out) return;
  var timer = null;
  var seq = 0;
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = content;
    return e;
  }
  function labelled(label, value) {
    var p = el('p');
    p.appendChild(el('strong', null, label));
    p.appendChild(document.createTextNode(value));
    return p;
  }
  function render(data) {
    out.textContent = '';
    if (!data.errors || data.errors.length === 0) {
      out.appendChild(el('p', 'explain-none', 'No runtime error found in this text.'));
      return;
    }
    if (data.matches.length === 0) out.appendChild(el('p', 'explain-none', 'No rule matches this error.'));
    var ol = el('ol', 'explain-matches');
    data.matches.forEach(function (m) {
      var li = el('li', 'explain-match' + (m.outside ? ' outside' : ''));
      li.setAttribute('data-rule', m.rule);
      var title = el('p', 'explain-title');
      var id;
      if (m.outside) {
        id = el('span', 'explain-rule', m.rule);
      } else {
        id = el('a', 'explain-rule', m.rule);
        id.href = '/rules/' + encodeURIComponent(m.rule);
      }
      title.appendChild(id);
      title.appendChild(document.createTextNode(' '));
      title.appendChild(el('code', null, m.name));
      title.appendChild(el('span', 'explain-score', ' ' + Math.round(m.score * 100) + '% match'));
      if (m.outside) title.appendChild(el('span', 'explain-outside', ' Outside the manifest'));
      li.appendChild(title);
      var caps = Object.keys(m.captures).map(function (k) { return k + ': ' + m.captures[k]; });
      if (caps.length) li.appendChild(el('p', 'explain-captures', 'From the error: ' + caps.join(', ')));
      if (m.look) li.appendChild(labelled('Look at: ', m.look));
      li.appendChild(labelled('Why: ', m.why));
      li.appendChild(labelled('Fix: ', m.fix));
      ol.appendChild(li);
    });
    out.appendChild(ol);
    if (data.findings && data.findings.length) {
      var n = data.findings.filter(function (f) { return f.explains; }).length;
      out.appendChild(el('h2', null, 'In the manifest'));
      out.appendChild(el('p', null, data.findings.length + ' finding(s), ' + n + ' explain the error.'));
      var ul = el('ul', 'explain-findings');
      data.findings.forEach(function (f) {
        var li = el('li', 'finding sev-' + f.severity + (f.explains ? ' explained' : ''));
        li.appendChild(document.createTextNode('line ' + f.range.start.line + ', column ' + f.range.start.column + ': '));
        var a = el('a', null, f.rule);
        a.href = '/rules/' + encodeURIComponent(f.rule);
        li.appendChild(a);
        li.appendChild(document.createTextNode(' ' + f.message));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
  }
  function run() {
    var body = { text: text.value };
    if (source && source.value.trim()) body.source = source.value;
    if (!text.value.trim()) { out.textContent = ''; return; }
    var mine = ++seq;
    out.setAttribute('aria-busy', 'true');
    fetch('/api/v1/explain', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (data) {
      if (mine !== seq) return;
      out.setAttribute('aria-busy', 'false');
      if (data.error) { out.textContent = ''; out.appendChild(el('p', 'explain-none', data.error.message)); return; }
      render(data);
    }).catch(function () { out.setAttribute('aria-busy', 'false'); });
  }
  function soon(ms) {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  }
  text.addEventListener('input', function (e) { soon(e.inputType === 'insertFromPaste' ? 0 : 300); });
  if (source) source.addEventListener('input', function () { soon(400); });
})();
