// Shared helpers for the browser tests (node + playwright-core only).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BASE = (process.env.PODNET_URL || 'http://127.0.0.1:3917').replace(/\/$/, '');
export const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(OUT, { recursive: true });

export const SAMPLE = `apiVersion: v1
kind: Pod
metadata:
  name: samplepod
  annotations:
    cni.projectcalico.org/ipv4pools: "default-ipv4-ippool"   # must be a JSON array
    k8s.v1.cni.cncf.io/networks: default/flannel-conf
spec:
  containers:
  - name: app
    image: nginx
`;

export const FIXED_LINE_6 =
  `    cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'   # must be a JSON array`;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run'],
  });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// A fresh context + page that records console errors, page errors and failed responses.
// bypassCSP: for test tools that inject inline scripts (axe); the app itself never needs it.
export async function openPage(browser, { javaScriptEnabled = true, colorScheme = 'light', bypassCSP = false } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled, colorScheme, bypassCSP, viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], badResponses: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) problems.badResponses.push(`${r.status()} ${r.url()}`); });
  page.setDefaultTimeout(15000);
  return { context, page, problems };
}

// Load `/` and wait until the page is hydrated and Monaco is up.
export async function openEditor(browser, opts) {
  const t = await openPage(browser, opts);
  await t.page.goto(BASE + '/');
  await t.page.waitForSelector('#app[data-hydrated="true"]');
  await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
  await t.page.waitForFunction(() => !!(window.monaco && window.podnetEditor));
  return t;
}

export function setSource(page, text) {
  return page.evaluate((t) => window.podnetEditor.getModel().setValue(t), text);
}

export function editorValue(page) {
  return page.evaluate(() => window.podnetEditor.getValue());
}

// Wait for a podnet marker with `rule` (in code or message), optionally on `line`.
export async function waitForMarker(page, rule, line) {
  const handle = await page.waitForFunction(([rule, line]) => {
    const markers = window.monaco.editor.getModelMarkers({ owner: 'podnet' });
    return markers.find((m) =>
      (String(m.code && m.code.value !== undefined ? m.code.value : m.code).includes(rule) ||
        m.message.includes(rule)) && (line === undefined || m.startLineNumber === line)) || null;
  }, [rule, line], { timeout: 10000 }).catch(async (e) => {
    const markers = await page.evaluate(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' }));
    throw new Error(`no ${rule} marker${line ? ' on line ' + line : ''}; markers: ${JSON.stringify(markers)} (${e.message.split('\n')[0]})`);
  });
  return handle.jsonValue();
}

export function noProblems(problems, what = 'page') {
  assert(problems.pageErrors.length === 0, `${what}: uncaught page errors: ${problems.pageErrors.join(' | ')}`);
  assert(problems.consoleErrors.length === 0, `${what}: console errors: ${problems.consoleErrors.join(' | ')}`);
}

// Record Content-Security-Policy violations: `securitypolicyviolation` events in the page
// (installed before any script runs, so in every frame of `page`) and CSP messages from its
// workers. Call before `goto`; read with `cspViolations(page)`.
export async function recordCspViolations(page) {
  const fromWorkers = [];
  page.__cspWorkers = fromWorkers;
  page.on('worker', (w) => w.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromWorkers.push(`worker ${w.url()}: ${m.text()}`);
  }));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`);
    });
  });
}

export async function cspViolations(page) {
  const inPage = [];
  for (const frame of page.frames()) {
    inPage.push(...await frame.evaluate(() => window.__cspViolations || []).catch(() => []));
  }
  return inPage.concat(page.__cspWorkers || []);
}

// Post `source` to `/` as the page without JavaScript does (a form built by Playwright,
// which works with JavaScript on or off; with JavaScript the page itself checks live
// instead of posting), and wait for the result page.
export async function postSource(page, source, action = 'validate') {
  await page.goto(BASE + '/rules');
  await Promise.all([page.waitForNavigation(), page.evaluate(([source, action]) => {
    const f = document.createElement('form');
    f.method = 'post';
    f.action = '/';
    for (const [k, v] of [['source', source], ['action', action]]) {
      const i = document.createElement('textarea');
      i.name = k;
      i.value = v;
      f.appendChild(i);
    }
    document.body.appendChild(f);
    f.submit();
  }, [source, action])]);
}
