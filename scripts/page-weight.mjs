// Page weight and time-to-editor of the served site (issue 9).
// Loads `/` cold (fresh browser context, cache disabled) N times with
// `Accept-Encoding: gzip, br`, sums the compressed transfer sizes of all responses,
// split into Monaco (`/vendor/monaco/...`) and everything else, and measures the time
// from navigation start until the editor accepts input (`#editor-host[data-editor-ready]`,
// then a typed marker shows up in `window.podnetEditor.getValue()`). Prints a table and
// the medians. Target: the page without Monaco < 300 KB compressed.
// Usage: PODNET_URL=http://127.0.0.1:3961 node scripts/page-weight.mjs [runs=5]
// PODNET_PAGE: the page to load instead of `/` (e.g. a private link `/#v1.…`, which also
// loads the engine module).
import { chromium } from 'playwright-core';

const BASE = (process.env.PODNET_URL || 'http://127.0.0.1:3961').replace(/\/$/, '');
const RUNS = Number(process.argv[2] || 5);
const PAGE = process.env.PODNET_PAGE || '/';
const MARK = 'zqbenchmark';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run'],
});

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => (n / 1024).toFixed(1);

async function coldLoad() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'Accept-Encoding': 'gzip, br' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const reqs = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    reqs.set(e.requestId, {
      url: e.response.url, status: e.response.status,
      encoding: h['content-encoding'] || 'identity',
      contentLength: h['content-length'] !== undefined ? Number(h['content-length']) : null,
      encoded: null,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.encoded = e.encodedDataLength;
  });
  const t0 = Date.now();
  await page.goto(BASE + PAGE, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#editor-host[data-editor-ready="true"]', { timeout: 60000 });
  const tReady = Date.now() - t0;
  await page.click('#editor-host .view-lines');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(MARK);
  await page.waitForFunction((m) => window.podnetEditor && window.podnetEditor.getValue().includes(m), MARK, { timeout: 30000 });
  const tInput = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  await context.close();
  const rows = [...reqs.values()].filter((r) => r.url.startsWith(BASE));
  const sum = (pred, field) => rows.filter(pred).reduce((a, r) => a + (r[field] ?? r.encoded ?? 0), 0);
  const isMonaco = (r) => new URL(r.url).pathname.startsWith('/vendor/monaco/');
  return {
    tReady, tInput, rows,
    monacoBody: sum(isMonaco, 'contentLength'), otherBody: sum((r) => !isMonaco(r), 'contentLength'),
    monacoWire: sum(isMonaco, 'encoded'), otherWire: sum((r) => !isMonaco(r), 'encoded'),
    monacoCount: rows.filter(isMonaco).length, otherCount: rows.filter((r) => !isMonaco(r)).length,
  };
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await coldLoad();
  runs.push(r);
  console.log(`run ${i + 1}: editor ready ${r.tReady} ms, input reflected ${r.tInput} ms; ` +
    `without Monaco ${r.otherCount} responses ${kb(r.otherBody)} KB body / ${kb(r.otherWire)} KB wire; ` +
    `Monaco ${r.monacoCount} responses ${kb(r.monacoBody)} KB body / ${kb(r.monacoWire)} KB wire`);
}
await browser.close();

const last = runs[runs.length - 1];
console.log('\nResponses of the last load (body = Content-Length of the compressed body where sent, else the wire size; wire = CDP encodedDataLength incl. headers):');
console.log('| path | status | encoding | body KB | wire KB |');
console.log('|---|---:|---|---:|---:|');
for (const r of last.rows.sort((a, b) => (b.encoded ?? 0) - (a.encoded ?? 0))) {
  console.log(`| ${new URL(r.url).pathname} | ${r.status} | ${r.encoding} | ${r.contentLength === null ? '(chunked)' : kb(r.contentLength)} | ${kb(r.encoded ?? 0)} |`);
}
const m = (f) => median(runs.map(f));
const other = m((r) => r.otherWire);
console.log(`\n| part | responses | compressed body KB | on the wire KB |`);
console.log('|---|---:|---:|---:|');
console.log(`| page without Monaco | ${last.otherCount} | ${kb(m((r) => r.otherBody))} | ${kb(other)} |`);
console.log(`| Monaco (/vendor/monaco/) | ${last.monacoCount} | ${kb(m((r) => r.monacoBody))} | ${kb(m((r) => r.monacoWire))} |`);
console.log(`| total | ${last.rows.length} | ${kb(m((r) => r.otherBody + r.monacoBody))} | ${kb(m((r) => r.otherWire + r.monacoWire))} |`);
console.log(`\nmedian of ${RUNS} cold loads: editor ready ${m((r) => r.tReady)} ms, typed input reflected ${m((r) => r.tInput)} ms`);
console.log(`target: page without Monaco < 300 KB compressed: ${other < 300 * 1024 ? 'MET' : 'NOT MET'} (${kb(other)} KB on the wire)`);
