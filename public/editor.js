// podnet editor glue: Monaco (the ESM bundle of scripts/monaco-bundle.mjs, served at
// /vendor/monaco: editor core, the features used here, YAML, one worker) <-> the Leptos app.
//
// The wasm side (app/src/client.rs) calls window.podnetGlue.*; everything the engine reports
// uses 1-based lines and 1-based *character* columns, Monaco wants UTF-16 columns, so the
// conversion lives here, where the line text is at hand.
//
// What lives here: markers (rule ID linked to its doc page), quick fixes as Monaco code
// actions (unsafe ones labelled, never preferred), hovers on annotation values, the
// corrected-YAML diff editor, the theme, drag and drop / open file, and keeping the text in
// localStorage so a reload loses nothing.
// Private links: engineCheck / engineFix run the engine module (/pkg/podnet_engine.*, loaded
// on first use) so their text never leaves the browser.
// Globals for tests and embedding hosts: window.monaco, window.podnetEditor,
// window.podnetDiff, window.podnetChecked ({version, at} of the last applied markers).
(function () {
  'use strict';

  var MONACO = '/vendor/monaco';
  // The engine module (podnet-engine) for private links, loaded on first use.
  var ENGINE = '/pkg/podnet_engine';
  var engine = null;
  // The visitor's own draft; shared pages (/s/<id>, #v1. links) keep their edits apart.
  var OWN_KEY = 'podnet.source';
  var SHARED_KEY = 'podnet.shared.source';
  var SOURCE_KEY = OWN_KEY;
  var textarea = null;
  var editor = null;
  var diff = null;
  var onChange = function () {};
  var onStatus = function () {};
  // The findings (and hovers) of the model version they were computed for.
  var state = { version: -1, diagnostics: [], markers: [], hovers: [], hoverVersion: -1 };
  var corrected = { original: null, fixed: null };
  var saved = { enabled: true, text: null, ok: true, timer: null };

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

  // A podnet range ({start:{line,column}, end}) -> Monaco range on `model`.
  function toRange(model, r) {
    var last = model.getLineCount();
    var sl = clamp(r.start.line, 1, last);
    var el = clamp(r.end.line, sl, last);
    var sc = utf16Column(model.getLineContent(sl), r.start.column);
    var ec = utf16Column(model.getLineContent(el), r.end.column);
    return { startLineNumber: sl, startColumn: sc, endLineNumber: el, endColumn: ec };
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }

  // Keep the text in localStorage (debounced; flushed when the page is hidden or left).
  function persistSoon() {
    if (!saved.enabled) return;
    if (saved.timer) clearTimeout(saved.timer);
    saved.timer = setTimeout(persistNow, 250);
  }
  function persistNow() {
    if (!saved.enabled) return true;
    if (saved.timer) { clearTimeout(saved.timer); saved.timer = null; }
    var text = glue.getValue();
    if (text === saved.text) return saved.ok;
    saved.ok = storageSet(SOURCE_KEY, text);
    if (saved.ok) saved.text = text;
    return saved.ok;
  }

  // Private links are checked in the browser by the engine module; everything else by the
  // server, so the page's own wasm does not carry the engine.
  function loadEngine() {
    if (!engine) {
      engine = import(ENGINE + '.js').then(function (m) {
        return m.default({ module_or_path: ENGINE + '.wasm' }).then(function () { return m; });
      });
      engine.catch(function () { engine = null; }); // a later call tries again
    }
    return engine;
  }

  // The bundle is an ES module: import() it (a classic script may), its CSS alongside, and
  // start its one worker (diffs, links, word ranges) from the same origin.
  function loadMonaco() {
    if (window.monaco && window.monaco.editor) return Promise.resolve(window.monaco);
    window.MonacoEnvironment = {
      getWorker: function (_moduleId, label) {
        return new Worker(MONACO + '/editor.worker.js', { name: label });
      }
    };
    var css = new Promise(function (resolve) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = MONACO + '/editor.css';
      link.onload = link.onerror = resolve; // without its CSS the editor still works
      document.head.appendChild(link);
    });
    return Promise.all([import(MONACO + '/editor.js'), css]).then(function (r) {
      window.monaco = r[0];
      return r[0];
    });
  }

  function theme() {
    return window.podnetTheme ? window.podnetTheme.resolved() : 'light';
  }
  function monacoTheme(t) {
    return t === 'dark' ? 'podnet-dark' : 'podnet-light';
  }
  // Monaco's themes with comment colours that meet WCAG AA contrast.
  function defineThemes(monaco) {
    monaco.editor.defineTheme('podnet-light', {
      base: 'vs', inherit: true,
      rules: [{ token: 'comment', foreground: '0a6a0a' }, { token: 'type', foreground: '006464' }],
      colors: {
        'diffEditor.insertedTextBackground': '#2ea04333',
        'diffEditor.insertedLineBackground': '#2ea0431f',
        'diffEditor.removedTextBackground': '#f8514933',
        'diffEditor.removedLineBackground': '#f851491f'
      }
    });
    monaco.editor.defineTheme('podnet-dark', {
      base: 'vs-dark', inherit: true,
      rules: [{ token: 'comment', foreground: '8fc37f' }],
      // Subtler diff highlights, so the text on them keeps AA contrast.
      colors: {
        // AA contrast on the editor and on the panel behind a partly shown last line.
        'editorLineNumber.foreground': '#9a9a9a',
        'diffEditor.insertedTextBackground': '#2ea04326',
        'diffEditor.insertedLineBackground': '#2ea0431a',
        'diffEditor.removedTextBackground': '#f8514926',
        'diffEditor.removedLineBackground': '#f851491a'
      }
    });
  }

  function wireTheme() {
    var select = document.getElementById('theme-select');
    if (select && window.podnetTheme) {
      select.value = window.podnetTheme.mode();
      select.addEventListener('change', function () { window.podnetTheme.set(select.value); });
    }
    if (window.podnetTheme) {
      window.podnetTheme.onChange(function (t) {
        if (window.monaco) window.monaco.editor.setTheme(monacoTheme(t));
      });
    }
  }

  // Open file button, file input and drag and drop onto the editor.
  function wireFiles(host) {
    var input = document.getElementById('file-input');
    var button = document.getElementById('open-file');
    function load(file) {
      if (!file) return;
      if (file.size > 2 * 1024 * 1024) {
        onStatus('"' + file.name + '" is larger than 2 MiB; not opened.');
        return;
      }
      file.text().then(function (text) {
        glue.replaceAll(text.replace(/\r\n/g, '\n'));
        onStatus('Opened "' + file.name + '". Ctrl+Z restores your previous text.');
      }, function () { onStatus('Could not read "' + file.name + '".'); });
    }
    if (button && input) {
      button.addEventListener('click', function () { input.click(); });
      input.addEventListener('change', function () {
        load(input.files && input.files[0]);
        input.value = '';
      });
    }
    function hasFiles(e) {
      return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0;
    }
    host.addEventListener('dragover', function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer.dropEffect = 'copy';
      host.classList.add('dragging');
    }, true);
    host.addEventListener('dragleave', function () { host.classList.remove('dragging'); }, true);
    host.addEventListener('drop', function (e) {
      host.classList.remove('dragging');
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      load(e.dataTransfer.files[0]);
    }, true);
  }

  // Panels (Examples, Profile): focus moves into a panel when it opens; Escape closes it
  // and returns focus to its toolbar button.
  function wirePanels() {
    [['examples-button', 'examples-panel'], ['profile-button', 'profile-panel']].forEach(function (pair) {
      var button = document.getElementById(pair[0]);
      var panel = document.getElementById(pair[1]);
      if (!button || !panel) return;
      button.addEventListener('click', function () {
        // The app shows the panel on its next render: wait a few frames for it.
        var tries = 0;
        (function focusWhenShown() {
          if (panel.hidden) {
            if (++tries < 20 && button.getAttribute('aria-expanded') !== 'false') requestAnimationFrame(focusWhenShown);
            return;
          }
          var first = panel.querySelector('button.example, input, select, textarea');
          if (first) first.focus();
        })();
      });
      panel.addEventListener('keydown', function (e) {
        if (e.key !== 'Escape') return;
        var close = panel.querySelector('button.close');
        if (close) close.click();
        button.focus();
      });
    });
  }

  // A way out of the editor for keyboard users: Esc then Tab (Shift+Tab) moves the focus to
  // the next (previous) control of the page; Ctrl+M (Monaco's own) makes Tab move the focus.
  // The hint is the editor's accessible description.
  function wireWayOut(editor, host, textarea) {
    var hint = textarea.getAttribute('aria-describedby') ||
      (document.getElementById('editor-hint') ? 'editor-hint' : null);
    var input = editor.getDomNode() && editor.getDomNode().querySelector('textarea');
    if (input && hint) input.setAttribute('aria-describedby', hint);
    var armed = false;
    editor.onKeyDown(function (e) {
      var ev = e.browserEvent;
      if (ev.key === 'Escape') { armed = true; return; }
      if (ev.key === 'Tab' && armed) {
        armed = false;
        e.preventDefault();
        e.stopPropagation();
        var all = Array.prototype.filter.call(document.querySelectorAll(
          'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select, textarea:not([hidden]), [tabindex]:not([tabindex="-1"])'),
          function (el) { return !host.contains(el) && el.offsetParent !== null && el.tabIndex >= 0; });
        var before = all.filter(function (el) { return host.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING; });
        var after = all.filter(function (el) { return host.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING; });
        var target = ev.shiftKey ? before[before.length - 1] : after[0];
        if (target) target.focus();
        return;
      }
      armed = false;
    });
  }

  function registerProviders(monaco) {
    monaco.languages.registerCodeActionProvider('yaml', {
      provideCodeActions: function (model, range, context) {
        var actions = [];
        if (!editor || model !== editor.getModel() || model.getVersionId() !== state.version) {
          return { actions: actions, dispose: function () {} };
        }
        state.diagnostics.forEach(function (d, i) {
          var fix = d.fix;
          if (!fix || fix.applicability === 'display-only' || !fix.edits.length) return;
          var marker = state.markers[i];
          if (!monaco.Range.areIntersectingOrTouching(marker, range)) return;
          var unsafe = fix.applicability === 'unsafe';
          actions.push({
            title: (unsafe ? 'Unsafe fix (check the result): ' : 'Fix: ') + fix.title + ' (' + d.rule + ')',
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: !unsafe,
            edit: {
              edits: fix.edits.map(function (e) {
                return {
                  resource: model.uri,
                  versionId: model.getVersionId(),
                  textEdit: { range: toRange(model, e.range), text: e.content }
                };
              })
            }
          });
        });
        // Safe ones first.
        actions.sort(function (a, b) { return (b.isPreferred ? 1 : 0) - (a.isPreferred ? 1 : 0); });
        return { actions: actions, dispose: function () {} };
      }
    }, { providedCodeActionKinds: ['quickfix'] });

    monaco.languages.registerHoverProvider('yaml', {
      provideHover: function (model, position) {
        if (!editor || model !== editor.getModel() || model.getVersionId() !== state.hoverVersion) return null;
        for (var i = 0; i < state.hovers.length; i++) {
          var h = state.hovers[i];
          var r = monaco.Range.lift(toRange(model, h.range));
          if (r.containsPosition(position)) {
            return { range: r, contents: [{ value: h.markdown }] };
          }
        }
        return null;
      }
    });
  }

  function mountDiff(monaco) {
    var host = document.getElementById('diff-host');
    if (!host) return;
    var box = document.createElement('div');
    box.className = 'monaco-diff-box';
    host.appendChild(box);
    diff = monaco.editor.createDiffEditor(box, {
      unusualLineTerminators: 'off',
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      renderSideBySideInlineBreakpoint: 700,
      // Long annotation values wrap, so the change is on screen.
      wordWrap: 'on',
      diffWordWrap: 'on',
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      renderFinalNewline: 'on',
      hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 3, revealLineCount: 10 },
      fontSize: 13,
      ariaLabel: 'Corrected YAML',
      originalAriaLabel: 'Your YAML',
      modifiedAriaLabel: 'Corrected YAML (safe fixes applied)'
    });
    var text = editor.getValue();
    diff.setModel({
      original: monaco.editor.createModel(text, 'yaml'),
      modified: monaco.editor.createModel(text, 'yaml')
    });
    // The diff editor does not pass its aria labels on to its two editors.
    diff.getOriginalEditor().updateOptions({ ariaLabel: 'Your YAML (read only)' });
    diff.getModifiedEditor().updateOptions({ ariaLabel: 'Corrected YAML, safe fixes applied (read only)' });
    // Show the first change whenever the corrected text changes.
    var revealNext = false;
    diff.onDidUpdateDiff(function () {
      if (!revealNext) return;
      revealNext = false;
      var changes = diff.getLineChanges() || [];
      if (changes.length) {
        var line = changes[0].modifiedStartLineNumber || 1;
        diff.getModifiedEditor().revealLineInCenter(line);
      }
    });
    diff.__revealNext = function () { revealNext = true; };
    window.podnetDiff = diff;
    host.setAttribute('data-diff-ready', 'true');
  }

  // The source of the state the server embedded (`#podnet-state`), or null.
  function stateSource() {
    var el = document.getElementById('podnet-state');
    if (!el) return null;
    try {
      var state = JSON.parse(el.textContent);
      return state && typeof state.source === 'string' ? state.source : null;
    } catch (e) {
      return null;
    }
  }

  // What the HTML parser makes of `text` in a textarea.
  function htmlParsed(text) {
    return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  }

  var glue = {
    // Replace the textarea #id with Monaco; call cb(text) for the initial text and every
    // edit, status(text) for messages.
    // persist: keep the text in localStorage (the editor page; not embeds).
    mount: function (id, cb, status, persist) {
      textarea = document.getElementById(id);
      onChange = cb;
      if (status) onStatus = status;
      if (!textarea) return;
      // The server writes the text into the textarea escaped, but the HTML parser still
      // changes it (CR LF and CR become LF, NUL becomes U+FFFD): when the textarea holds
      // just that parsed form of the page state's text, take the exact text from the state.
      var exact = stateSource();
      if (exact !== null && textarea.value === htmlParsed(exact)) textarea.value = exact;
      saved.enabled = persist !== false;
      // On the editor page itself (not a shared link) the text of the last visit wins
      // over the sample.
      var stored = saved.enabled ? storageGet(SOURCE_KEY) : null;
      var shared = /^#v/.test(window.location.hash) || window.location.pathname !== '/';
      if (shared) SOURCE_KEY = SHARED_KEY;
      // A private link will need the engine: fetch it alongside Monaco.
      if (/^#v/.test(window.location.hash)) loadEngine();
      if (stored !== null && !shared && stored !== textarea.value) {
        textarea.value = stored;
        onStatus('Restored your text from the last visit.');
      }
      saved.text = stored;
      wireTheme();
      wirePanels();
      var host = textarea.parentElement;
      wireFiles(host);
      // Until Monaco is ready (or if it never loads) the textarea is the editor.
      textarea.addEventListener('input', function () {
        if (!editor) { onChange(textarea.value); persistSoon(); }
      });
      window.addEventListener('pagehide', persistNow);
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'hidden') persistNow();
      });
      // Leaving is safe when the text is stored; warn when it could not be.
      window.addEventListener('beforeunload', function (e) {
        if (!persistNow()) {
          e.preventDefault();
          e.returnValue = '';
        }
      });
      loadMonaco().then(function (monaco) {
        defineThemes(monaco);
        var box = document.createElement('div');
        box.className = 'monaco-box';
        host.insertBefore(box, textarea);
        editor = monaco.editor.create(box, {
          value: textarea.value,
          language: 'yaml',
          theme: monacoTheme(theme()),
          // U+2028/U+2029 in a value are the user's text: never ask to remove them (a
          // confirm dialog) and never remove them silently.
          unusualLineTerminators: 'off',
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          tabSize: 2,
          insertSpaces: true,
          detectIndentation: false,
          renderWhitespace: 'boundary',
          fontSize: 14,
          ariaLabel: 'Kubernetes YAML. Ctrl+. opens quick fixes, F8 goes to the next finding.',
          fixedOverflowWidgets: true,
          renderFinalNewline: 'on',
          lightbulb: { enabled: 'on' },
          hover: { delay: 250 },
          // Phones: lines wrap, so revealing a finding never scrolls the editor sideways.
          wordWrap: window.matchMedia && window.matchMedia('(max-width: 700px)').matches ? 'on' : 'off',
          // Read-only embeds: Tab moves on, as in any page.
          readOnly: textarea.readOnly,
          tabFocusMode: textarea.readOnly
        });
        wireWayOut(editor, host, textarea);
        // Carry what was typed, the selection and the focus across the swap.
        var hadFocus = document.activeElement === textarea;
        if (editor.getValue() !== textarea.value) editor.setValue(textarea.value);
        var model = editor.getModel();
        var from = model.getPositionAt(textarea.selectionStart || 0);
        var to = model.getPositionAt(textarea.selectionEnd || 0);
        editor.setSelection(window.monaco.Range.fromPositions(from, to));
        textarea.hidden = true;
        if (hadFocus) { editor.focus(); editor.revealPositionInCenterIfOutsideViewport(to); }
        var label = document.querySelector('label[for="' + id + '"]');
        if (label) label.addEventListener('click', function () { editor.focus(); });
        editor.onDidChangeModelContent(function () {
          textarea.value = editor.getValue();
          onChange(textarea.value);
          persistSoon();
        });
        editor.addAction({
          id: 'podnet.fixAll',
          label: 'podnet: Fix all (safe fixes)',
          keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF],
          run: function () { var b = document.getElementById('fix-all'); if (b) b.click(); }
        });
        registerProviders(monaco);
        window.podnetEditor = editor;
        mountDiff(monaco);
        host.setAttribute('data-editor-ready', 'true');
        onChange(editor.getValue());
      }).catch(function (err) {
        console.warn('podnet: Monaco unavailable, keeping the plain text box', err);
        onChange(textarea.value);
      });
    },

    // A shared text was loaded into the page (a new #v1. fragment): from now on its edits
    // are kept apart from the visitor's own draft.
    useSharedStorage: function () {
      if (SOURCE_KEY === SHARED_KEY) return;
      persistNow();
      SOURCE_KEY = SHARED_KEY;
      saved.text = null;
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
      var severity = {
        error: monaco.MarkerSeverity.Error,
        warning: monaco.MarkerSeverity.Warning,
        info: monaco.MarkerSeverity.Info
      };
      var diagnostics = JSON.parse(json);
      var origin = window.location.origin;
      var markers = diagnostics.map(function (d) {
        var r = toRange(model, d.range);
        if (r.endLineNumber === r.startLineNumber && r.endColumn <= r.startColumn) {
          r.endColumn = r.startColumn + 1; // keep empty ranges visible
        }
        var unsafe = d.fix && d.fix.applicability === 'unsafe';
        return {
          owner: 'podnet',
          source: 'podnet',
          code: { value: d.rule, target: monaco.Uri.parse(origin + '/rules/' + encodeURIComponent(d.rule)) },
          severity: severity[d.severity] || monaco.MarkerSeverity.Info,
          message: d.rule + ': ' + d.message +
            // The plain cause, when the engine knows it (a trailing comma, smart quotes, …).
            (d.help ? '\nWhy: ' + d.help : '') +
            (d.fix && d.fix.applicability !== 'display-only'
              ? '\n' + (unsafe ? 'Unsafe fix' : 'Quick fix') + ': ' + d.fix.title + ' (Ctrl+.)'
              : ''),
          startLineNumber: r.startLineNumber,
          startColumn: r.startColumn,
          endLineNumber: r.endLineNumber,
          endColumn: r.endColumn
        };
      });
      state.version = model.getVersionId();
      state.diagnostics = diagnostics;
      state.markers = markers;
      monaco.editor.setModelMarkers(model, 'podnet', markers);
      window.podnetChecked = { version: state.version, at: performance.now(), count: markers.length };
      document.dispatchEvent(new CustomEvent('podnet:markers', { detail: window.podnetChecked }));
    },

    // hovers: JSON array of {range, markdown} for the current text.
    setHovers: function (json) {
      if (!editor) return;
      state.hovers = JSON.parse(json);
      state.hoverVersion = editor.getModel().getVersionId();
    },

    // The corrected view: `fixed` (safe fixes applied) against `original`.
    setCorrected: function (original, fixed) {
      corrected.original = original;
      corrected.fixed = fixed;
      if (!diff) return;
      var models = diff.getModel();
      if (models.original.getValue() !== original) models.original.setValue(original);
      if (models.modified.getValue() !== fixed) {
        if (diff.__revealNext) diff.__revealNext();
        models.modified.setValue(fixed);
      }
      var summary = document.getElementById('corrected-summary');
      if (summary) {
        summary.textContent = original === fixed
          ? 'No safe fix changes your text.'
          : 'Your text (left) against the text with every safe fix applied (right).';
      }
    },

    // Replace the whole text as ONE undoable edit (Ctrl+Z restores the previous text).
    replaceAll: function (text) {
      if (!editor) {
        textarea.value = text;
        onChange(text);
        persistSoon();
        return;
      }
      var model = editor.getModel();
      var position = editor.getPosition();
      editor.pushUndoStop();
      editor.executeEdits('podnet', [{ range: model.getFullModelRange(), text: text }]);
      editor.pushUndoStop();
      if (position) editor.setPosition(model.validatePosition(position)); // keep the cursor's place
      editor.focus();
    },
    // Changes the text to `text` with one undoable edit of only the part that differs
    // (the forms use it: the cursor, the focus and every other line stay as they are).
    applyText: function (text) {
      var old = glue.getValue();
      if (old === text) return;
      if (!editor) {
        textarea.value = text;
        onChange(text);
        persistSoon();
        return;
      }
      var start = 0;
      var max = Math.min(old.length, text.length);
      while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
      var end = 0;
      while (end < max - start &&
             old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
      var model = editor.getModel();
      var range = window.monaco.Range.fromPositions(
        model.getPositionAt(start), model.getPositionAt(old.length - end));
      editor.pushUndoStop();
      editor.executeEdits('podnet-form', [{ range: range, text: text.slice(start, text.length - end) }]);
      editor.pushUndoStop();
    },

    // One finding's fix (its edits, JSON) as one undoable edit: from the findings list.
    applyFix: function (json) {
      if (!editor) { onStatus('The editor is still loading; try again in a moment.'); return; }
      var model = editor.getModel();
      if (model.getVersionId() !== state.version) {
        onStatus('The text changed since it was checked; try again when the findings are up to date.');
        return;
      }
      var edits = JSON.parse(json).map(function (e) {
        return { range: toRange(model, e.range), text: e.content };
      });
      editor.pushUndoStop();
      editor.executeEdits('podnet-fix', edits);
      editor.pushUndoStop();
      onStatus('Fix applied. Ctrl+Z undoes.');
    },
    // "Ignore here…": a podnet:ignore comment with the user's reason above `line`.
    ignoreHere: function (rule, line) {
      var reason = window.prompt('Ignore ' + rule + ' on line ' + line + '. Why? (kept in the comment)', '');
      if (reason === null) return;
      reason = reason.replace(/[\r\n]+/g, ' ').trim();
      if (!reason) { onStatus('Not ignored: a suppression needs a reason.'); return; }
      var text = glue.getValue();
      var lines = text.split('\n');
      var l = clamp(line, 1, lines.length);
      var indent = (lines[l - 1].match(/^[ \t]*/) || [''])[0];
      var comment = indent + '# podnet:ignore ' + rule + ' ' + reason + '\n';
      if (!editor) {
        lines.splice(l - 1, 0, comment.slice(0, -1));
        glue.replaceAll(lines.join('\n'));
      } else {
        editor.pushUndoStop();
        editor.executeEdits('podnet-ignore', [{ range: new window.monaco.Range(l, 1, l, 1), text: comment }]);
        editor.pushUndoStop();
      }
      onStatus(rule + ' ignored on line ' + (l + 1) + '. Ctrl+Z undoes.');
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
    },

    copyText: function (text) {
      window.__podnetCopied = text; // for tests
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(function () { fallbackCopy(text); });
      } else {
        fallbackCopy(text);
      }
    },

    download: function (name, text) {
      var blob = new Blob([text], { type: 'application/yaml' });
      var url = URL.createObjectURL(blob);
      var a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    },

    // The engine module's check and safe fixes (private links): JSON in, JSON out.
    engineCheck: function (text, profile, inventory) {
      return loadEngine().then(function (m) { return m.check(text, profile, inventory); });
    },
    engineFix: function (text, profile, inventory) {
      return loadEngine().then(function (m) { return m.fix(text, profile, inventory); });
    },
    // The Forms panel: the form view of a text, and annotation changes as a new text.
    engineFormsView: function (text, profile, inventory) {
      return loadEngine().then(function (m) { return m.forms_view(text, profile, inventory); });
    },
    engineFormsApply: function (text, pod, changes) {
      return loadEngine().then(function (m) { return m.forms_apply(text, pod, changes); });
    },

    load: function (key) {
      var v = storageGet(key);
      return v === null ? undefined : v;
    },

    save: function (key, value) {
      storageSet(key, value);
    }
  };

  function fallbackCopy(text) {
    var t = document.createElement('textarea');
    t.value = text;
    t.setAttribute('readonly', '');
    t.style.position = 'fixed';
    t.style.opacity = '0';
    document.body.appendChild(t);
    t.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    t.remove();
  }

  window.podnetGlue = glue;
})();
