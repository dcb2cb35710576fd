// Short links and private links in the browser: share, then open the link in a fresh
// context and see the same text and findings; a private link round-trips without any request
// carrying the text.
import { BASE, SAMPLE, openEditor, openPage, setSource, editorValue, waitForMarker, assert, assertEqual, noProblems } from './harness.mjs';

// The sample with two comment lines on top: CAL-A001 moves to line 8.
function uniqueText(tag) {
  return `# ${tag}\n# shared from a test\n${SAMPLE}`;
}

async function openShare(page) {
  await page.click('#share-button');
  await page.waitForSelector('#share-dialog[open]');
  // Opening the dialog uploads nothing; the short link is an explicit choice.
  await page.click('#share-short');
}

async function openLink(browser, url) {
  const t = await openPage(browser);
  await t.page.goto(url);
  await t.page.waitForSelector('#app[data-hydrated="true"]');
  await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
  await t.page.waitForFunction(() => !!(window.monaco && window.podnetEditor));
  return t;
}

export const tests = [
  {
    name: 'Share: a short link opens in a fresh browser with the same text and findings',
    async fn(browser) {
      const text = uniqueText(`short ${Date.now()}`);
      const a = await openEditor(browser);
      let url;
      try {
        await setSource(a.page, text);
        await waitForMarker(a.page, 'CAL-A001', 8);
        await openShare(a.page);
        await a.page.waitForFunction(() => /\/s\/[A-Za-z0-9_-]{1,12}$/.test(document.getElementById('share-link').value));
        url = await a.page.inputValue('#share-link');
        assert(url.startsWith(BASE + '/s/'), `link ${url}`);
        const id = url.split('/s/')[1];
        assert(id.length <= 12, `id ${id} too long`);
        const embed = await a.page.inputValue('#share-embed');
        assert(embed.includes(`<iframe`) && embed.includes(`/embed/s/${id}`), `iframe snippet: ${embed}`);
        const md = await a.page.inputValue('#share-markdown');
        assert(md.includes('```yaml\n' + text), `markdown has the manifest: ${md}`);
        assert(md.includes('CAL-A001') && md.includes(`(${url})`), `markdown has findings and link: ${md}`);
        // Sharing the same text again gives the same link.
        await a.page.click('#share-short');
        await a.page.waitForFunction((u) => document.getElementById('share-message').textContent.startsWith('Short link') && document.getElementById('share-link').value === u, url);
        noProblems(a.problems, 'sharer');
      } finally {
        await a.context.close();
      }

      const b = await openLink(browser, url);
      try {
        assertEqual(await editorValue(b.page), text, 'text of the opened link');
        await waitForMarker(b.page, 'CAL-A001', 8);
        const findings = await b.page.textContent('#findings');
        assert(findings.includes('CAL-A001'), `findings list: ${findings}`);
        noProblems(b.problems, 'opener');
      } finally {
        await b.context.close();
      }
    },
  },
  {
    name: 'Share: the editor (not a private link) never loads the engine module',
    async fn(browser) {
      const t = await openPage(browser);
      const seen = [];
      t.page.on('request', (r) => seen.push(r.url()));
      try {
        await t.page.goto(BASE + '/');
        await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await waitForMarker(t.page, 'CAL-A001', 6);
        await setSource(t.page, SAMPLE + '# edited\n');
        await t.page.waitForTimeout(500);
        assert(!seen.some((u) => u.includes('podnet_engine')), `engine loaded: ${seen.filter((u) => u.includes('podnet_engine'))}`);
        assert(seen.some((u) => u.includes('/api/fn/check')), 'checked by the server');
        noProblems(t.problems, 'editor');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'Share: a private link round-trips without any request carrying the text',
    async fn(browser) {
      const marker = `privatetoken${Date.now()}`;
      const text = uniqueText(marker);
      const a = await openEditor(browser);
      let url;
      try {
        await setSource(a.page, text);
        await waitForMarker(a.page, 'CAL-A001', 8);
        await openShare(a.page);
        await a.page.click('#share-private');
        await a.page.waitForFunction(() => document.getElementById('share-link').value.includes('#v1.'));
        url = await a.page.inputValue('#share-link');
        assert(url.startsWith(BASE + '/#v1.'), `private link ${url}`);
        const embed = await a.page.inputValue('#share-embed');
        assert(embed.includes('/embed#v1.'), `private embed snippet: ${embed}`);
      } finally {
        await a.context.close();
      }

      const t = await openPage(browser);
      const seen = [];
      t.page.on('request', (r) => seen.push({ url: r.url(), body: r.postData() || '' }));
      try {
        await t.page.goto(url);
        await t.page.waitForSelector('#app[data-hydrated="true"]');
        await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await t.page.waitForFunction(() => !!(window.monaco && window.podnetEditor));
        assertEqual(await editorValue(t.page), text, 'text of the private link');
        await waitForMarker(t.page, 'CAL-A001', 8);
        const findings = await t.page.textContent('#findings');
        assert(findings.includes('CAL-A001'), `findings list: ${findings}`);
        // Edit: still checked, still nothing sent.
        await setSource(t.page, text + '# edited\n');
        await t.page.waitForTimeout(500);
        const fragment = url.split('#')[1];
        for (const r of seen) {
          assert(!r.url.includes(marker) && !r.body.includes(marker), `a request carried the text: ${r.url} ${r.body.slice(0, 200)}`);
          assert(!r.url.includes(fragment.slice(0, 20)) && !r.body.includes(fragment.slice(0, 20)), `a request carried the fragment: ${r.url}`);
          assert(!r.url.includes('/api/fn/'), `private page called the server: ${r.url}`);
        }
        // The engine module (loaded only for private links) did the checking.
        assert(seen.some((r) => r.url.endsWith('/pkg/podnet_engine.wasm')), 'the engine module was loaded');
        noProblems(t.problems, 'private link');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'Share: a snapshot over 256 KiB gets a clear message',
    async fn(browser) {
      const a = await openEditor(browser);
      try {
        await setSource(a.page, '# big\n' + ('#'.repeat(1000) + '\n').repeat(300));
        await openShare(a.page);
        await a.page.waitForFunction(() => document.getElementById('share-message').textContent.includes('256 KiB'));
        assertEqual(await a.page.inputValue('#share-link'), '', 'no link for an oversized snapshot');
      } finally {
        await a.context.close();
      }
    },
  },
];
