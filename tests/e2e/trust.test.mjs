// Issue #16, "Trust in the editor": Share asks before it stores, the local mode, your own
// draft is never overwritten by a shared page, damaged links say so and fragment changes
// load, typing before Monaco is ready is kept.
import { BASE, SAMPLE, FIXED_LINE_6, openEditor, openPage, setSource, editorValue, waitForMarker, assert, assertEqual, noProblems } from './harness.mjs';

async function waitForEditor(page) {
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.waitForSelector('#editor-host[data-editor-ready="true"]');
  await page.waitForFunction(() => !!(window.monaco && window.podnetEditor));
}

// A private link for `text`, made by the Share dialog of a fresh page.
async function privateLink(browser, text) {
  const a = await openEditor(browser);
  try {
    await setSource(a.page, text);
    await a.page.click('#share-button');
    await a.page.waitForFunction(() => /#v1\./.test(document.getElementById('share-link').value));
    return await a.page.inputValue('#share-link');
  } finally {
    await a.context.close();
  }
}

export const tests = [
  {
    name: 'trust: opening Share uploads nothing; only "Short link" does, once; modes expose aria-pressed',
    async fn(browser) {
      const t = await openEditor(browser);
      const posts = [];
      t.page.on('request', (r) => { if (r.url().includes('/api/v1/links')) posts.push(r.method()); });
      try {
        await setSource(t.page, `# share ${Date.now()}\n${SAMPLE}`);
        await t.page.click('#share-button');
        await t.page.waitForSelector('#share-dialog[open]');
        await t.page.waitForFunction(() => /#v1\./.test(document.getElementById('share-link').value));
        await t.page.waitForTimeout(500);
        assertEqual(posts.length, 0, 'requests to /api/v1/links after opening Share');
        assertEqual(await t.page.getAttribute('#share-private', 'aria-pressed'), 'true', 'private pressed');
        assertEqual(await t.page.getAttribute('#share-short', 'aria-pressed'), 'false', 'short not pressed');
        const explain = await t.page.textContent('#share-dialog');
        assert(/uploads the text/.test(explain) && /nothing is stored/.test(explain), `the dialog says which choice uploads: ${explain}`);
        // Close and reopen: still nothing sent.
        await t.page.click('#share-close');
        await t.page.click('#share-button');
        await t.page.waitForTimeout(300);
        assertEqual(posts.length, 0, 'requests after reopening');
        await t.page.click('#share-short');
        await t.page.waitForFunction(() => /\/s\//.test(document.getElementById('share-link').value));
        assertEqual(posts.length, 1, 'one upload after "Short link"');
        assertEqual(await t.page.getAttribute('#share-short', 'aria-pressed'), 'true', 'short pressed');
        noProblems(t.problems);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: the page says live checking sends the text; the local mode checks in the browser',
    async fn(browser) {
      const t = await openEditor(browser);
      const sent = [];
      t.page.on('request', (r) => { if (r.url().includes('/api/fn/')) sent.push(r.url()); });
      try {
        const note = await t.page.textContent('#privacy-note');
        assert(/sends your text to this server/.test(note), `privacy note: ${note}`);
        await t.page.check('#local-mode');
        await t.page.waitForTimeout(300);
        sent.length = 0;
        await setSource(t.page, SAMPLE.replace('samplepod', 'localpod'));
        await waitForMarker(t.page, 'CAL-A001', 6);
        await t.page.waitForTimeout(300);
        assertEqual(sent.length, 0, `requests to the server in local mode (${sent.join(', ')})`);
        assert(/not sent/.test(await t.page.textContent('#privacy-note')), 'the note follows the mode');
        noProblems(t.problems);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: editing a shared link never overwrites your own draft',
    async fn(browser) {
      const link = await privateLink(browser, `# shared text\n${SAMPLE}`);
      const t = await openPage(browser);
      try {
        const own = `# my own draft ${Date.now()}\n${SAMPLE}`;
        await t.page.goto(BASE + '/');
        await waitForEditor(t.page);
        await setSource(t.page, own);
        await t.page.waitForTimeout(400); // persisted (250 ms debounce)
        // A private link, edited.
        await t.page.goto(link);
        await waitForEditor(t.page);
        await t.page.waitForFunction(() => window.podnetEditor.getValue().startsWith('# shared text'));
        await t.page.evaluate(() => window.podnetEditor.trigger('t', 'type', { text: 'x' }));
        await t.page.waitForTimeout(400);
        // A short link, edited.
        const res = await t.page.evaluate(async (s) => (await fetch('/api/v1/links', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: s }) })).json(), `# short text ${Date.now()}\n${SAMPLE}`);
        await t.page.goto(BASE + res.url);
        await waitForEditor(t.page);
        await t.page.evaluate(() => window.podnetEditor.trigger('t', 'type', { text: 'y' }));
        await t.page.waitForTimeout(400);
        await t.page.goto(BASE + '/');
        await waitForEditor(t.page);
        assertEqual(await editorValue(t.page), own, 'own draft after visiting shared pages');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: a damaged #v1. link says so; a new fragment in an open tab is loaded',
    async fn(browser) {
      const link = await privateLink(browser, `# good link\n${SAMPLE}`);
      const t = await openPage(browser);
      try {
        const truncated = link.slice(0, link.length - 12);
        await t.page.goto(truncated);
        await waitForEditor(t.page);
        await t.page.waitForFunction(() => /could not be read/.test(document.getElementById('status').textContent));
        const status = await t.page.textContent('#status');
        assert(/damaged/.test(status), `the reason is given: ${status}`);
        // Change the fragment in the open tab.
        await t.page.evaluate((h) => { window.location.hash = h; }, link.slice(link.indexOf('#')));
        await t.page.waitForFunction(() => window.podnetEditor.getValue().startsWith('# good link'));
        await waitForMarker(t.page, 'CAL-A001', 7);
        noProblems(t.problems);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: typing before Monaco is ready keeps every character, the cursor and the focus',
    async fn(browser) {
      const t = await openPage(browser);
      try {
        // A slow network for Monaco: the loader arrives 1.5 s late.
        await t.page.route('**/vendor/monaco/**', async (route) => {
          await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
        });
        await t.page.addInitScript(() => { try { localStorage.clear(); } catch (e) { /* */ } });
        await t.page.goto(BASE + '/');
        await t.page.waitForSelector('#app[data-hydrated="true"]');
        await t.page.focus('#source');
        await t.page.evaluate(() => { const s = document.getElementById('source'); s.setSelectionRange(0, 0); });
        const typed = '# typed while the editor loads, forty!!\n';
        await t.page.keyboard.type(typed, { delay: 60 });
        await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await t.page.keyboard.type('# after\n', { delay: 20 });
        const value = await editorValue(t.page);
        assert(value.startsWith(typed + '# after\n'), `typed text kept in order: ${JSON.stringify(value.slice(0, 80))}`);
        assert(await t.page.evaluate(() => window.podnetEditor.hasTextFocus()), 'the editor has the focus');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: a text over the server limit says its size and the limit, clears stale results, sends nothing',
    async fn(browser) {
      const t = await openEditor(browser);
      const sent = [];
      t.page.on('request', (r) => { if (r.url().includes('/api/fn/check')) sent.push(r.postData() ? r.postData().length : 0); });
      try {
        await waitForMarker(t.page, 'CAL-A001', 6);
        sent.length = 0;
        const big = SAMPLE + '# ' + 'x'.repeat(3_000_000) + '\n';
        await setSource(t.page, big);
        await t.page.waitForFunction(() => /Not checked/.test(document.getElementById('status').textContent));
        const status = await t.page.textContent('#status');
        assert(/3\.0 MB/.test(status) && /2 MiB/.test(status), `size and limit in plain words: ${status}`);
        assert(!/deserializ|delimiter/.test(status), `no codec jargon: ${status}`);
        assert(/podnet check/.test(status) && /this browser/.test(status), `offers the CLI and the local mode: ${status}`);
        const findings = await t.page.textContent('#findings');
        assert(!findings.includes('CAL-A001'), `stale findings cleared: ${findings.slice(0, 200)}`);
        const markers = await t.page.evaluate(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' }).length);
        assertEqual(markers, 0, 'stale markers');
        assertEqual(sent.length, 0, 'check requests for the big text');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: a large check shows progress; a small one is sent at once (no fixed debounce)',
    async fn(browser) {
      const t = await openEditor(browser);
      try {
        await waitForMarker(t.page, 'CAL-A001', 6);
        await t.page.evaluate(() => {
          window.__statuses = [];
          new MutationObserver(() => window.__statuses.push(document.getElementById('status').textContent))
            .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });
        });
        const large = (SAMPLE + '---\n').repeat(1200);
        await setSource(t.page, large);
        await t.page.waitForFunction(() => window.podnetChecked && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId(), null, { timeout: 30000 });
        const statuses = await t.page.evaluate(() => window.__statuses);
        assert(statuses.some((s) => /Checking 0\.\d MB/.test(s)), `progress shown: ${JSON.stringify(statuses)}`);
        assert(!/Checking/.test(await t.page.textContent('#status')), 'progress cleared after the check');
        // Small text: the request leaves within 40 ms of the edit.
        await setSource(t.page, SAMPLE);
        await t.page.waitForFunction(() => window.podnetChecked && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId());
        const delay = await t.page.evaluate(() => new Promise((resolve) => {
          const started = performance.now();
          const orig = window.fetch;
          window.fetch = function (...args) {
            if (String(args[0] && args[0].url || args[0]).includes('/api/fn/check')) {
              window.fetch = orig;
              resolve(performance.now() - started);
            }
            return orig.apply(this, args);
          };
          window.podnetEditor.trigger('t', 'type', { text: '#' });
        }));
        assert(delay < 40, `check sent ${delay.toFixed(1)} ms after the keystroke`);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: Esc then Tab leaves the editor; the way out is its accessible description',
    async fn(browser) {
      const t = await openEditor(browser);
      try {
        const described = await t.page.evaluate(() => {
          const input = window.podnetEditor.getDomNode().querySelector('textarea');
          const id = input.getAttribute('aria-describedby');
          return id && document.getElementById(id) ? document.getElementById(id).textContent : null;
        });
        assert(described && /Esc then Tab/.test(described), `editor description: ${described}`);
        await t.page.evaluate(() => window.podnetEditor.focus());
        await t.page.keyboard.press('Tab');
        assert(await t.page.evaluate(() => window.podnetEditor.hasTextFocus()), 'plain Tab indents in the editor');
        await t.page.keyboard.press('Escape');
        await t.page.keyboard.press('Tab');
        const outside = await t.page.evaluate(() => !document.getElementById('editor-host').contains(document.activeElement) && document.activeElement !== document.body);
        assert(outside, 'Esc then Tab moved the focus to the next control');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: embeds show the way out; read-only embeds let Tab move on; findings have a heading',
    async fn(browser) {
      const t = await openPage(browser);
      try {
        await t.page.goto(BASE + '/embed?readonly=1');
        await waitForEditor(t.page);
        const hint = await t.page.textContent('#editor-hint');
        assert(/Tab/.test(hint), `embed hint: ${hint}`);
        assert(await t.page.evaluate(() => window.podnetEditor.getOption(window.monaco.editor.EditorOption.readOnly)), 'read-only embed is read-only');
        await t.page.evaluate(() => window.podnetEditor.focus());
        await t.page.keyboard.press('Tab');
        const outside = await t.page.evaluate(() => !document.getElementById('editor-host').contains(document.activeElement));
        assert(outside, 'Tab left the read-only embed editor');
        const heading = await t.page.textContent('.embed-findings h2');
        assertEqual(heading.trim(), 'Findings', 'embed findings heading');
        await t.page.goto(BASE + '/embed');
        await waitForEditor(t.page);
        await t.page.evaluate(() => window.podnetEditor.focus());
        await t.page.keyboard.press('Escape');
        await t.page.keyboard.press('Tab');
        assert(await t.page.evaluate(() => !document.getElementById('editor-host').contains(document.activeElement)), 'Esc then Tab leaves the embed editor');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: Apply and "Ignore here…" from the findings list',
    async fn(browser) {
      const t = await openEditor(browser);
      try {
        await waitForMarker(t.page, 'CAL-A001', 6);
        const item = t.page.locator('#findings li.finding', { hasText: 'CAL-A001' }).first();
        await item.locator('button.apply').click();
        await t.page.waitForFunction((l) => window.podnetEditor.getModel().getLineContent(6) === l, FIXED_LINE_6);
        await t.page.evaluate(() => window.podnetEditor.trigger('t', 'undo'));
        await waitForMarker(t.page, 'CAL-A001', 6);
        t.page.once('dialog', (d) => d.accept('pools are rendered by Helm later'));
        await t.page.locator('#findings li.finding', { hasText: 'CAL-A001' }).first().locator('button.ignore').click();
        await t.page.waitForFunction(() => window.podnetEditor.getModel().getLineContent(6) === '    # podnet:ignore CAL-A001 pools are rendered by Helm later');
        await t.page.waitForFunction(() => !window.monaco.editor.getModelMarkers({ owner: 'podnet' }).some((m) => m.message.startsWith('CAL-A001')));
        noProblems(t.problems);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'trust: without JavaScript the toolbar shows only the buttons that work',
    async fn(browser) {
      const t = await openPage(browser, { javaScriptEnabled: false });
      try {
        await t.page.goto(BASE + '/');
        assert(await t.page.locator('#validate').isVisible(), 'Check now is there');
        assert(await t.page.locator('#fix-all').isVisible(), 'Fix all is there');
        for (const id of ['share-button', 'download', 'copy-corrected', 'open-file', 'forms-button', 'wizard-button', 'examples-button', 'profile-button', 'theme-select']) {
          assert(!(await t.page.locator('#' + id).isVisible()), `#${id} hidden without JavaScript`);
        }
        assert(!(await t.page.locator('#findings button.apply').first().isVisible().catch(() => false)), 'no Apply buttons without JavaScript');
      } finally {
        await t.context.close();
      }
    },
  },
];
