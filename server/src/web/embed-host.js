// The embed page's script (served at /embed-host.js): applies the embed options to the
// editor (read-only, theme) and tells the parent page the document's height, so the iframe
// can fit: parent.postMessage({type: 'podnet:resize', height}, '*').
(function () {
  'use strict';
  var opts = {};
  try { opts = JSON.parse(document.getElementById('podnet-embed').textContent) || {}; } catch (e) { /* defaults */ }

  var last = -1;
  function report() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last && window.parent !== window) {
      last = h;
      window.parent.postMessage({ type: 'podnet:resize', height: h }, '*');
    }
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener('load', report);
  report();

  function dark() {
    if (opts.theme === 'dark') return true;
    if (opts.theme === 'light') return false;
    return window.matchMedia('(prefers-color-scheme: dark)').matches;
  }
  document.documentElement.setAttribute('data-theme', dark() ? 'dark' : 'light');
  var timer = setInterval(function () {
    var ed = window.podnetEditor;
    if (!ed || !window.monaco) return;
    clearInterval(timer);
    ed.updateOptions({ readOnly: !!opts.readonly });
    if (opts.theme === 'dark' || opts.theme === 'light') {
      window.monaco.editor.setTheme(opts.theme === 'dark' ? 'vs-dark' : 'vs');
    }
    report();
  }, 50);
})();
