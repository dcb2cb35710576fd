// Content-Security-Policy: the editor, the embed, short-link pages and the rule docs work
// under the policy the server sends (nonce for Leptos' inline scripts, no 'unsafe-inline'
// or 'unsafe-eval' for scripts) with zero `securitypolicyviolation` events: hydration, the
// wasm, Monaco with its workers, markers, hovers and the corrected diff.
import { BASE, SAMPLE, openPage, setSource, waitForMarker, assert, assertEqual, noProblems, recordCspViolations, cspViolations } from './harness.mjs';

const NETWORKS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: csp
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "data0"}]'
    cni.projectcalico.org/ipv4pools: "default-ipv4-ippool"
spec:
  containers:
  - name: app
    image: nginx
`;

async function load(browser, path) {
  const t = await openPage(browser);
  await recordCspViolations(t.page);
  const res = await t.page.goto(BASE + path);
  const csp = res.headers()['content-security-policy'] || '';
  assert(/script-src 'self'( 'nonce-[A-Za-z0-9_-]+')? 'wasm-unsafe-eval'/.test(csp), `${path}: CSP ${csp}`);
  assert(!/unsafe-inline[^;]*;/.test(csp.split('script-src')[1].split(';')[0] + ';'), `${path}: script-src allows inline: ${csp}`);
  return { ...t, csp };
}

async function editorWorks(t, path) {
  const { page } = t;
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.waitForSelector('#editor-host[data-editor-ready="true"]');
  assert(/'nonce-/.test(t.csp), `${path}: the page's CSP names a nonce: ${t.csp}`);
  await waitForMarker(page, 'CAL-A001');
  // A hover (Monaco's Markdown renderer) and the worker-backed diff.
  await page.waitForFunction(() => window.podnetChecked
    && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId());
  await page.evaluate(() => {
    const ed = window.podnetEditor;
    const model = ed.getModel();
    const line = model.getLinesContent().findIndex((l) => l.includes('cni.projectcalico.org/ipv4pools')) + 1;
    ed.focus();
    ed.setPosition({ lineNumber: line, column: model.getLineContent(line).indexOf('default') + 3 });
    ed.trigger('test', 'editor.action.showHover', {});
  });
  await page.locator('.monaco-hover-content').filter({ hasText: /Calico IPv4 pools/ }).first().waitFor();
}

async function expectNoViolations(t, path) {
  await t.page.waitForTimeout(300);
  const v = await cspViolations(t.page);
  assert(v.length === 0, `${path}: CSP violations: ${v.join(' | ')}`);
  noProblems(t.problems, path);
}

export const tests = [
  {
    name: 'CSP: the editor hydrates, runs Monaco (markers, hover, workers) with no violation',
    async fn(browser) {
      const t = await load(browser, '/');
      try {
        await editorWorks(t, '/');
        await setSource(t.page, NETWORKS_POD);
        await waitForMarker(t.page, 'CAL-A001', 7);
        // The corrected diff (Monaco's diff worker) shows the fix.
        await t.page.click('#fix-all');
        await t.page.waitForFunction(() => window.podnetEditor.getValue().includes(`'["default-ipv4-ippool"]'`));
        assert(await t.page.evaluate(() => document.querySelectorAll('.monaco-editor').length) >= 1, 'Monaco rendered');
        const workers = t.page.workers().length;
        assert(workers >= 1, `Monaco started its worker (${workers})`);
        await expectNoViolations(t, '/');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'CSP: a private link checks in the browser (wasm engine) with no violation',
    async fn(browser) {
      const a = await load(browser, '/');
      let url;
      try {
        await editorWorks(a, '/');
        await a.page.click('#share-button');
        await a.page.waitForSelector('#share-dialog[open]');
        await a.page.click('#share-private');
        await a.page.waitForFunction(() => /#v1\./.test(document.getElementById('share-link').value));
        url = await a.page.inputValue('#share-link');
        await expectNoViolations(a, '/ (share)');
      } finally {
        await a.context.close();
      }
      const t = await load(browser, url.slice(BASE.length));
      try {
        await editorWorks(t, 'private link');
        await expectNoViolations(t, 'private link');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'CSP: embed, short link and embedded short link pages with no violation',
    async fn(browser) {
      const res = await fetch(BASE + '/api/v1/links', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: `# csp ${Date.now()}\n${SAMPLE}` }),
      });
      assertEqual(res.status, 201, 'create link');
      const { id } = await res.json();
      for (const path of ['/embed', '/embed?readonly=1&theme=dark&height=300', `/s/${id}`, `/embed/s/${id}`]) {
        const t = await load(browser, path);
        try {
          await editorWorks(t, path);
          const referrer = (await t.page.evaluate(() => fetch(location.href).then((r) => r.headers.get('referrer-policy'))));
          assertEqual(referrer, path.includes('/s/') ? 'no-referrer' : 'strict-origin-when-cross-origin', `${path} Referrer-Policy`);
          await expectNoViolations(t, path);
        } finally {
          await t.context.close();
        }
      }
    },
  },
  {
    name: 'CSP: the rule pages (search script included) with no violation',
    async fn(browser) {
      for (const path of ['/rules', '/rules/CAL-A001', '/rules/MUL-J01']) {
        const t = await load(browser, path);
        try {
          await t.page.waitForSelector('main#content h1');
          if (path === '/rules') {
            // The search also reads each rule's runtime-error text now, so a narrow word.
            await t.page.fill('#rule-search', 'hwaddr');
            await t.page.waitForFunction(() => /shown/.test(document.getElementById('rule-count').textContent)
              && document.querySelectorAll('#rules-table tbody tr:not([hidden])').length < 10);
          }
          await expectNoViolations(t, path);
        } finally {
          await t.context.close();
        }
      }
    },
  },
];
