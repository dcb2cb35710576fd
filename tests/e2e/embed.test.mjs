// Embedding: the iframe snippet from the Share dialog on a page of another local origin
// renders the editor, fits its frame to the height the embed reports, and "Open in podnet"
// opens the full editor with the same state. The main app refuses to be framed.
import http from 'node:http';
import { BASE, SAMPLE, openEditor, openPage, setSource, editorValue, waitForMarker, assert, assertEqual, noProblems } from './harness.mjs';

// Serve `html` from another origin (a second local port).
function host(html) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

function page(body) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>docs</title></head><body><h1>Docs page</h1>${body}</body></html>`;
}

async function frameOf(p, pathPart) {
  for (let i = 0; i < 100; i++) {
    const f = p.frames().find((fr) => fr !== p.mainFrame() && fr.url().includes(pathPart));
    if (f) return f;
    await p.waitForTimeout(100);
  }
  throw new Error(`no frame with ${pathPart}: ${p.frames().map((f) => f.url()).join(', ')}`);
}

export const tests = [
  {
    name: 'Embed: the iframe snippet renders on another origin, fits its height, opens the full editor',
    async fn(browser) {
      const text = `# embedded ${Date.now()}\n${SAMPLE}`;
      const a = await openEditor(browser);
      let snippet;
      try {
        await setSource(a.page, text);
        await waitForMarker(a.page, 'CAL-A001', 7);
        await a.page.click('#share-button');
        await a.page.click('#share-short');
        await a.page.waitForFunction(() => document.getElementById('share-embed').value.includes('/embed/s/'));
        snippet = await a.page.inputValue('#share-embed');
      } finally {
        await a.context.close();
      }

      const { server, url } = await host(page(snippet));
      const t = await openPage(browser);
      try {
        await t.page.goto(url);
        const frame = await frameOf(t.page, '/embed/s/');
        await frame.waitForSelector('#app[data-hydrated="true"]');
        await frame.waitForSelector('#editor-host[data-editor-ready="true"]');
        assertEqual(await frame.evaluate(() => window.podnetEditor.getValue()), text, 'embedded text');
        await frame.waitForFunction(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' }).some((m) => String(m.code && m.code.value || m.code).includes('CAL-A001')));
        const findings = await frame.textContent('#findings');
        assert(findings.includes('CAL-A001'), `embedded findings: ${findings}`);
        // The frame's height follows what the embed reports (the snippet starts at 420px).
        await t.page.waitForFunction(() => {
          const f = document.querySelector('iframe.podnet-embed');
          return f && f.style.height !== '420px' && parseInt(f.style.height, 10) > 100;
        });
        const frameHeight = await t.page.evaluate(() => parseInt(document.querySelector('iframe.podnet-embed').style.height, 10));
        const docHeight = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        assert(Math.abs(frameHeight - docHeight) <= 2, `frame ${frameHeight}px, embedded document ${docHeight}px`);
        // Open in podnet: the full editor with the same state.
        const [popup] = await Promise.all([
          t.context.waitForEvent('page'),
          frame.click('#open-in-podnet'),
        ]);
        await popup.waitForSelector('#app[data-hydrated="true"]');
        await popup.waitForSelector('#editor-host[data-editor-ready="true"]');
        assert(popup.url().startsWith(BASE + '/#v1.'), `full editor url ${popup.url()}`);
        assertEqual(await popup.evaluate(() => window.podnetEditor.getValue()), text, 'full editor text');
        await waitForMarker(popup, 'CAL-A001', 7);
        assert(await popup.$('.embed') === null, 'the full editor, not the embed');
        noProblems(t.problems, 'host page');
      } finally {
        await t.context.close();
        server.close();
      }
    },
  },
  {
    name: 'Embed: query options (read-only, theme, height, panels)',
    async fn(browser) {
      const t = await openPage(browser);
      try {
        await t.page.goto(BASE + '/embed?readonly=1&theme=dark&height=240&panels=editor');
        await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await t.page.waitForFunction(() => window.podnetEditor.getRawOptions().readOnly === true);
        const h = await t.page.evaluate(() => document.getElementById('editor-host').getBoundingClientRect().height);
        assert(Math.abs(h - 240) <= 2, `editor height ${h}`);
        assert(await t.page.isHidden('#findings'), 'findings panel hidden');
        assert(await t.page.isHidden('header.top'), 'no page header in the embed');
        const theme = await t.page.evaluate(() => document.documentElement.getAttribute('data-theme'));
        assertEqual(theme, 'dark', 'theme');
        const bg = await t.page.evaluate(() => getComputedStyle(document.querySelector('.monaco-editor-background') || document.body).backgroundColor);
        assert(bg !== 'rgb(255, 255, 255)', `dark editor background, got ${bg}`);
        noProblems(t.problems, 'embed');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'Embed: the main app refuses to be framed; /embed may be',
    async fn(browser) {
      const { server, url } = await host(page(
        `<iframe id="app" src="${BASE}/" style="width:600px;height:300px"></iframe>` +
        `<iframe id="emb" src="${BASE}/embed" style="width:600px;height:300px"></iframe>`));
      const t = await openPage(browser);
      try {
        await t.page.goto(url);
        const emb = await frameOf(t.page, '/embed');
        await emb.waitForSelector('#app[data-hydrated="true"]');
        await t.page.waitForTimeout(500);
        const appFrame = t.page.frames().find((f) => f !== t.page.mainFrame() && !f.url().includes('/embed'));
        const blocked = !appFrame || appFrame.url().startsWith('chrome-error:') ||
          (await appFrame.evaluate(() => !document.querySelector('#app')).catch(() => true));
        assert(blocked, `the main app rendered inside a frame (${appFrame && appFrame.url()})`);
      } finally {
        await t.context.close();
        server.close();
      }
    },
  },
];
