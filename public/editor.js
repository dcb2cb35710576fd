// podnet editor glue: Monaco (AMD build served at /vendor/monaco) <-> the Leptos app.
//
// The wasm side (app/src/client.rs) calls window.podnetGlue.*; everything the engine reports
// uses 1-based lines and 1-based *character* columns, Monaco wants UTF-16 columns, so the
// conversion lives here, where the line text is at hand.
// Globals for tests and embedding hosts: window.monaco, window.podnetEditor.
(function () {
  'use strict';

  var VS = '/vendor/monaco/vs';
  var textarea = null;
  var editor = null;
  var onChange = function () {};

  // 1-based character column -> 1-based UTF-16 column on this line.
  function utf16Column(lineText, column) {
    var units = 0;
    var chars = 1;
    for (var ch of lineText) {
      if (chars >= column) break;
      units += ch.length;
      chars += 1;
    }
    return units + 1 + Math.max(0, column - chars);
  }

  function clamp(n, lo, hi) {
    return Math.min(Math.max(n, lo), hi);
  }

  function loadMonaco() {
    return new Promise(function (resolve, reject) {
      if (window.monaco && window.monaco.editor) return resolve(window.monaco);
      var script = document.createElement('script');
      script.src = VS + '/loader.js';
      script.onerror = function () { reject(new Error('could not load ' + script.src)); };
      script.onload = function () {
        window.require.config({ paths: { vs: VS } });
        window.require(['vs/editor/editor.main'], function () { resolve(window.monaco); }, reject);
      };
      document.head.appendChild(script);
    });
  }

  function themeFor(dark) {
    return dark ? 'vs-dark' : 'vs';
  }

  var glue = {
    // Replace the textarea #id with Monaco; call cb(text) for the initial text and every edit.
    mount: function (id, cb) {
      textarea = document.getElementById(id);
      onChange = cb;
      if (!textarea) return;
      // Until Monaco is ready (or if it never loads) the textarea is the editor.
      textarea.addEventListener('input', function () {
        if (!editor) onChange(textarea.value);
      });
      loadMonaco().then(function (monaco) {
        var host = textarea.parentElement;
        var box = document.createElement('div');
        box.className = 'monaco-box';
        host.insertBefore(box, textarea);
        var dark = window.matchMedia('(prefers-color-scheme: dark)');
        editor = monaco.editor.create(box, {
          value: textarea.value,
          language: 'yaml',
          theme: themeFor(dark.matches),
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          tabSize: 2,
          insertSpaces: true,
          detectIndentation: false,
          renderWhitespace: 'boundary',
          fontSize: 14,
          ariaLabel: 'Kubernetes YAML',
          fixedOverflowWidgets: true
        });
        dark.addEventListener('change', function (e) { monaco.editor.setTheme(themeFor(e.matches)); });
        textarea.hidden = true;
        var label = document.querySelector('label[for="' + id + '"]');
        if (label) label.addEventListener('click', function () { editor.focus(); });
        editor.onDidChangeModelContent(function () {
          textarea.value = editor.getValue();
          onChange(textarea.value);
        });
        window.podnetEditor = editor;
        host.setAttribute('data-editor-ready', 'true');
        onChange(editor.getValue());
      }).catch(function (err) {
        console.warn('podnet: Monaco unavailable, keeping the plain text box', err);
        onChange(textarea.value);
      });
    },

    getValue: function () {
      if (editor) return editor.getValue();
      return textarea ? textarea.value : '';
    },

    // diagnostics: JSON array of podnet diagnostics for the current text.
    setMarkers: function (json) {
      if (!editor) return;
      var monaco = window.monaco;
      var model = editor.getModel();
      var last = model.getLineCount();
      var severity = {
        error: monaco.MarkerSeverity.Error,
        warning: monaco.MarkerSeverity.Warning,
        info: monaco.MarkerSeverity.Info
      };
      var markers = JSON.parse(json).map(function (d) {
        var s = d.range.start;
        var e = d.range.end;
        var sl = clamp(s.line, 1, last);
        var el = clamp(e.line, sl, last);
        var sc = utf16Column(model.getLineContent(sl), s.column);
        var ec = utf16Column(model.getLineContent(el), e.column);
        if (el === sl && ec <= sc) ec = sc + 1; // keep empty ranges visible
        return {
          owner: 'podnet',
          source: 'podnet',
          code: d.rule,
          severity: severity[d.severity] || monaco.MarkerSeverity.Info,
          message: d.rule + ': ' + d.message,
          startLineNumber: sl,
          startColumn: sc,
          endLineNumber: el,
          endColumn: ec
        };
      });
      monaco.editor.setModelMarkers(model, 'podnet', markers);
    },

    // Replace the whole text as ONE undoable edit (Ctrl+Z restores the previous text).
    replaceAll: function (text) {
      if (!editor) {
        textarea.value = text;
        onChange(text);
        return;
      }
      var model = editor.getModel();
      var position = editor.getPosition();
      editor.pushUndoStop();
      editor.executeEdits('podnet-fix', [{ range: model.getFullModelRange(), text: text }]);
      editor.pushUndoStop();
      if (position) editor.setPosition(model.validatePosition(position)); // keep the cursor's place
      editor.focus();
    },

    // Move the cursor to a 1-based line / character column and focus the editor.
    reveal: function (line, column) {
      if (!editor) {
        if (!textarea) return;
        var lines = textarea.value.split('\n');
        var l = clamp(line, 1, lines.length);
        var offset = 0;
        for (var i = 0; i < l - 1; i++) offset += lines[i].length + 1;
        offset += utf16Column(lines[l - 1], column) - 1;
        textarea.focus();
        textarea.setSelectionRange(offset, offset);
        return;
      }
      var model = editor.getModel();
      var ln = clamp(line, 1, model.getLineCount());
      var pos = { lineNumber: ln, column: utf16Column(model.getLineContent(ln), column) };
      editor.setPosition(pos);
      editor.revealPositionInCenterIfOutsideViewport(pos);
      editor.focus();
    }
  };

  window.podnetGlue = glue;
})();
