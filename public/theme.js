// podnet theme: "system" (default), "light" or "dark", stored in localStorage
// ("podnet.theme"). Sets <html data-theme="light|dark"> before the page paints; the CSS and
// Monaco follow it. window.podnetTheme = { mode(), resolved(), set(mode), onChange(cb) }.
(function () {
  'use strict';
  var KEY = 'podnet.theme';
  // Controls that need JavaScript (class js-only) are hidden without it.
  document.documentElement.classList.add('js');
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var listeners = [];
  function stored() {
    try { return localStorage.getItem(KEY) || 'system'; } catch (e) { return 'system'; }
  }
  // Embeds choose their theme themselves (server/src/web/embed-host.js).
  var embed = /^\/embed(\/|$)/.test(window.location.pathname);
  var mode = embed ? 'system' : stored();
  function resolved() {
    if (embed) {
      var set = document.documentElement.getAttribute('data-theme');
      if (set === 'light' || set === 'dark') return set;
    }
    if (mode === 'light' || mode === 'dark') return mode;
    return media && media.matches ? 'dark' : 'light';
  }
  function apply() {
    var r = resolved();
    if (embed) {
      listeners.forEach(function (cb) { try { cb(r); } catch (e) { /* keep going */ } });
      return;
    }
    document.documentElement.setAttribute('data-theme', r);
    document.documentElement.setAttribute('data-theme-mode', mode);
    listeners.forEach(function (cb) { try { cb(r); } catch (e) { /* keep going */ } });
  }
  if (media && media.addEventListener) media.addEventListener('change', function () { if (mode === 'system') apply(); });
  window.podnetTheme = {
    mode: function () { return mode; },
    resolved: resolved,
    set: function (m) {
      mode = (m === 'light' || m === 'dark') ? m : 'system';
      try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode */ }
      apply();
    },
    onChange: function (cb) { listeners.push(cb); }
  };
  apply();
})();
