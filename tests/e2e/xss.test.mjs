// XSS: a manifest full of markup and `javascript:` URLs (in annotation values, names,
// comments, keys, a NAD name that shows in rule messages and hovers) renders as inert text
// everywhere it is shown: the editor with its markers and hovers, the findings list, the
// Share dialog, the no-JS form post result, rule pages with reflected query parameters,
// short links, private links (checked by the wasm engine) and the embedded views.
//
// Every check fails when any payload script runs (a dialog opens or `window.__xss` is set),
// when the DOM holds an element the payload made (an `<img src=x>`, an inline event handler,
// a `<script>` running payload code, a `javascript:` link), or when the CSP had to block
// something (it is the second line of defence; escaping is the first).
import http from 'node:http';
import { BASE, openPage, postSource, setSource, waitForMarker, assert, assertEqual, noProblems, recordCspViolations, cspViolations } from './harness.mjs';

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '"><img src=x onerror="window.__xss=1">';
const JS_URL = 'javascript:window.__xss=1';

// Payloads in: a comment, metadata.name / namespace (object display in the findings
// groups), a label key, annotation values (CAL-A001, CAL-S001, CAL-H001, MUL-J10 ...), a
// JSON networks annotation (hover table; MUL-J05/J06/J15 and MUL-X01 messages name the
// NAD), an annotation key (CAL-A003 quotes it), the short networks form, a NAD's name
// and config.
export const XSS_MANIFEST = `# ${SCRIPT} ${IMG} ${JS_URL}
apiVersion: v1
kind: Pod
metadata:
  name: "${SCRIPT}"
  namespace: '${IMG}'
  labels:
    k8s.v1.cni.cncf.io/networks: "${SCRIPT}"
  annotations:
    cni.projectcalico.org/ipv4pools: "${SCRIPT}"   # ${IMG}
    k8s.v1.cni.cncf.io/networks: '[{"name": "${SCRIPT}", "interface": "\\"><img src=x onerror=\\"window.__xss=1\\">", "mac": "${JS_URL}"}, {"name": "\\"><img src=x onerror=\\"window.__xss=1\\">"}]'
    cni.projectcalico.org/ipAddrs: '["${JS_URL}", "${SCRIPT}"]'
    cni.projectcalico.org/<img src=x onerror=window.__xss=1>: "${JS_URL}"
    cni.projectcalico.org/hwAddr: '${IMG}'
spec:
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: short-form
  annotations:
    k8s.v1.cni.cncf.io/networks: '${JS_URL}, ${IMG}@${SCRIPT}'
    cni.projectcalico.org/ipv6pools: '["${SCRIPT}", "${JS_URL}"]'
spec:
  containers:
  - name: app
    image: nginx
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: '${IMG}'
spec:
  config: '{"cniVersion": "${SCRIPT}", "type": "${JS_URL}", "plugins": [] '
`;

// Lines (1-based) of the annotations to hover.
const POOLS_LINE = 10;
const NETWORKS_LINE = 11;

// A page that records dialogs and CSP violations (call before navigating).
async function guarded(browser, opts) {
  const t = await openPage(browser, opts);
  t.dialogs = [];
  t.page.on('dialog', (d) => { t.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  if (!opts || opts.javaScriptEnabled !== false) await recordCspViolations(t.page);
  return t;
}

// What the payload would leave behind in a document, if it were markup.
function injected() {
  const found = [];
  if (window.__xss !== undefined) found.push(`window.__xss = ${window.__xss}`);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href|data)$/i.test(a.name)) {
        found.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
    if (el.localName === 'img' && (el.getAttribute('src') === 'x' || /__xss/.test(el.outerHTML))) {
      found.push(`injected ${el.outerHTML}`);
    }
    if (el.localName === 'script' && el.type !== 'application/json' && /__xss/.test(el.textContent)) {
      found.push(`injected <script>${el.textContent}</script>`);
    }
    if (el.localName === 'a' && /__xss/.test(el.getAttribute('href') || '')) {
      found.push(`injected <a href="${el.getAttribute('href')}">`);
    }
  }
  return found;
}

// Fails if any payload ran or left markup, in any frame of the page.
async function assertInert(t, what) {
  const { page } = t;
  await page.waitForTimeout(250); // let an onerror of a broken <img> fire, if there is one
  assert(t.dialogs.length === 0, `${what}: a dialog opened: ${t.dialogs.join(' | ')}`);
  for (const frame of page.frames()) {
    const found = await frame.evaluate(injected).catch((e) => [`cannot inspect ${frame.url()}: ${e.message}`]);
    assert(found.length === 0, `${what} (${frame.url()}): ${found.join(' | ')}`);
  }
  const csp = await cspViolations(page);
  assert(csp.length === 0, `${what}: the CSP blocked something (escaping failed?): ${csp.join(' | ')}`);
}

// Text (not markup) of a selector contains every payload string it should show.
async function showsAsText(page, selector, wants, what) {
  const text = await page.textContent(selector);
  for (const w of wants) assert(text.includes(w), `${what}: ${selector} shows ${JSON.stringify(w)} as text; got ${text.slice(0, 400)}`);
}

async function waitForEditor(page) {
  await page.waitForSelector('#app[data-hydrated="true"]');
  await page.waitForSelector('#editor-host[data-editor-ready="true"]');
  await page.waitForFunction(() => !!(window.monaco && window.podnetEditor));
}

async function settled(page) {
  await page.waitForFunction(() => window.podnetChecked
    && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId(), null, { timeout: 10000 });
}

// Show Monaco's hover at a line/column; return its text once it holds every `wants`.
async function hover(page, line, column, wants) {
  await page.evaluate(([line, column]) => {
    const ed = window.podnetEditor;
    ed.focus();
    ed.setPosition({ lineNumber: line, column });
    ed.trigger('test', 'editor.action.showHover', {});
  }, [line, column]);
  const text = () => page.evaluate(() => [...document.querySelectorAll('.monaco-hover-content')].map((e) => e.textContent).join('\n'));
  await page.waitForFunction((wants) => {
    const t = [...document.querySelectorAll('.monaco-hover-content')].map((e) => e.textContent).join('\n');
    return wants.every((w) => t.includes(w));
  }, wants, { timeout: 10000 }).catch(async () => {
    throw new Error(`hover at ${line}:${column} lacks one of ${JSON.stringify(wants)}: ${await text()}`);
  });
  return text();
}

// The editor holding XSS_MANIFEST with its findings: markers, list, hovers.
// markerHovers: false for read-only editors, where Monaco shows no marker messages in hovers.
async function checkEditorView(t, what, { hovers = true, markerHovers = true } = {}) {
  const { page } = t;
  await waitForEditor(page);
  await waitForMarker(page, 'CAL-A003');
  await waitForMarker(page, 'MUL-X01');
  await settled(page);
  await assertInert(t, what);
  await showsAsText(page, '#findings', [SCRIPT, IMG, JS_URL, 'cni.projectcalico.org/<img src=x onerror=window.__xss=1>'], what);
  const markers = await page.evaluate(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' }).map((m) => m.message).join('\n'));
  assert(markers.includes(SCRIPT) && markers.includes(IMG), `${what}: markers carry the payload as text`);
  if (hovers) {
    // The networks annotation: our Markdown table (NAD names, interface, MAC) and the
    // marker messages in the same hover.
    // On the NAD name, where the MUL-J05 marker is.
    const col = (await page.evaluate((l) => window.podnetEditor.getModel().getLineContent(l), NETWORKS_LINE)).indexOf('"<script>') + 4;
    // NAD name and interface in the table, the marker messages (MUL-J05 names the NAD).
    await hover(page, NETWORKS_LINE, col, ['Multus networks', SCRIPT, '"><img src=x onerror="window.__xss=1"> (requested)',
      ...(markerHovers ? ['MUL-J05', `"${SCRIPT}" is looked up`] : [])]);
    await assertInert(t, `${what}, networks hover`);
    await page.keyboard.press('Escape');
    const pcol = (await page.evaluate((l) => window.podnetEditor.getModel().getLineContent(l), POOLS_LINE)).indexOf('"<') + 3;
    // The value in a code span, and the CAL-A001 marker message.
    await hover(page, POOLS_LINE, pcol, ['Calico IPv4 pools', `Calico cannot read ${SCRIPT} as a JSON array`,
      ...(markerHovers ? ['CAL-A001', "invalid character '<'"] : [])]);
    await assertInert(t, `${what}, pools hover`);
    await page.keyboard.press('Escape');
  }
  await assertInert(t, what);
}

async function createLink(source) {
  const res = await fetch(BASE + '/api/v1/links', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source }),
  });
  assertEqual(res.status, 201, 'POST /api/v1/links');
  return (await res.json()).id;
}

export const tests = [
  {
    name: 'XSS: editor, markers, hovers, findings list and Share dialog show the payloads as text',
    async fn(browser) {
      const t = await guarded(browser);
      try {
        await t.page.goto(BASE + '/');
        await waitForEditor(t.page);
        await setSource(t.page, XSS_MANIFEST);
        await checkEditorView(t, 'editor');
        // Findings grouped by object: the object's name/namespace are the payloads.
        await showsAsText(t.page, '#findings', [`${IMG}/${SCRIPT}`], 'findings groups');
        // Click a finding (reveal) and open the Share dialog (Markdown with the messages).
        await t.page.click('#findings li .msg >> nth=0');
        await t.page.click('#share-button');
        await t.page.waitForSelector('#share-dialog[open]');
        await t.page.waitForFunction(() => document.getElementById('share-markdown').value.includes('CAL-A003'));
        const md = await t.page.inputValue('#share-markdown');
        assert(md.includes(SCRIPT), 'the Markdown snippet holds the text');
        await assertInert(t, 'editor with the Share dialog');
        noProblems(t.problems, 'editor');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'XSS: the no-JS form post and its result page (with and without JavaScript)',
    async fn(browser) {
      // Without JavaScript: the plain form.
      const a = await guarded(browser, { javaScriptEnabled: false });
      try {
        await a.page.goto(BASE + '/');
        await a.page.fill('textarea[name="source"]', XSS_MANIFEST);
        await Promise.all([a.page.waitForNavigation(), a.page.click('#validate')]);
        // Page evaluation still works with JavaScript off (it runs in Playwright's world).
        const found = await a.page.evaluate(injected);
        assert(found.length === 0, `no-JS result: ${found.join(' | ')}`);
        assert(a.dialogs.length === 0, 'no dialog');
        await showsAsText(a.page, '#findings', [SCRIPT, IMG, JS_URL], 'no-JS result');
        assertEqual((await a.page.inputValue('textarea[name="source"]')).replace(/\r\n/g, '\n'), XSS_MANIFEST, 'textarea after the post');
      } finally {
        await a.context.close();
      }
      // The same post's result page in a browser with JavaScript: it hydrates from the
      // embedded state (JSON in a data <script>) and then checks live.
      const b = await guarded(browser);
      try {
        await postSource(b.page, XSS_MANIFEST);
        await showsAsText(b.page, '#findings', [SCRIPT, IMG], 'POST / result');
        await checkEditorView(b, 'POST / result, hydrated', { hovers: false });
        noProblems(b.problems, 'POST / result');
      } finally {
        await b.context.close();
      }
    },
  },
  {
    name: 'XSS: reflected parameters on rule pages, embeds and error pages stay text',
    async fn(browser) {
      const t = await guarded(browser);
      try {
        for (const payload of [SCRIPT, IMG, JS_URL]) {
          const q = encodeURIComponent(payload);
          // The search box reflects ?q= (value attribute); the rule page ignores it.
          await t.page.goto(`${BASE}/rules?q=${q}`);
          await assertInert(t, `/rules?q=${payload}`);
          assertEqual(await t.page.inputValue('#rule-search'), payload, '/rules?q= reflected as the input value');
          await t.page.goto(`${BASE}/rules/CAL-A001?q=${q}&id=${q}`);
          await t.page.waitForSelector('main#content h1');
          await assertInert(t, `/rules/CAL-A001?q=${payload}`);
          // Unknown IDs: the 404s name the ID (as text/plain, or escaped HTML).
          for (const path of [`/rules/${q}`, `/s/${q}`, `/embed/s/${q}`, `/api/v1/rules/${q}`, `/${q}`]) {
            await t.page.goto(BASE + path);
            await assertInert(t, path);
          }
          // Embed options from the query.
          await t.page.goto(`${BASE}/embed?theme=${q}&height=${q}&panels=${q}&readonly=${q}&link=${q}`);
          await waitForEditor(t.page);
          await assertInert(t, `/embed?...=${payload}`);
        }
        noProblems({ ...t.problems, consoleErrors: t.problems.consoleErrors.filter((e) => !/404/.test(e)) }, 'reflected');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'XSS: short link /s/<id> and /embed/s/<id> (also framed on another page) show the payloads as text',
    async fn(browser) {
      const id = await createLink(XSS_MANIFEST);
      for (const path of [`/s/${id}`, `/embed/s/${id}`, `/embed/s/${id}?readonly=1&panels=editor,findings`]) {
        const t = await guarded(browser);
        try {
          await t.page.goto(BASE + path);
          await checkEditorView(t, path, { markerHovers: !path.includes('readonly=1') });
          noProblems(t.problems, path);
        } finally {
          await t.context.close();
        }
      }
      // Framed by a page of another origin, as the Share dialog's snippet does.
      const server = http.createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>docs</title></head><body>` +
          `<iframe class="podnet-embed" src="${BASE}/embed/s/${id}" style="width:1000px;height:700px"></iframe></body></html>`);
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const t = await guarded(browser);
      try {
        await t.page.goto(`http://127.0.0.1:${server.address().port}/`);
        let frame;
        for (let i = 0; i < 100 && !frame; i++) {
          frame = t.page.frames().find((f) => f.url().includes('/embed/s/'));
          if (!frame) await t.page.waitForTimeout(100);
        }
        assert(frame, 'the embed frame');
        await frame.waitForSelector('#editor-host[data-editor-ready="true"]');
        await frame.waitForFunction(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' }).some((m) => m.message.includes('CAL-A003')));
        const findings = await frame.textContent('#findings');
        assert(findings.includes(SCRIPT) && findings.includes(IMG), `framed findings: ${findings.slice(0, 300)}`);
        await assertInert(t, 'framed /embed/s/<id>');
        noProblems(t.problems, 'framed embed');
      } finally {
        await t.context.close();
        server.close();
      }
    },
  },
  {
    name: 'XSS: a private link (checked by the wasm engine) and its embed show the payloads as text',
    async fn(browser) {
      const a = await guarded(browser);
      let url;
      try {
        await a.page.goto(BASE + '/');
        await waitForEditor(a.page);
        await setSource(a.page, XSS_MANIFEST);
        await waitForMarker(a.page, 'CAL-A003');
        await a.page.click('#share-button');
        await a.page.waitForSelector('#share-dialog[open]');
        await a.page.click('#share-private');
        await a.page.waitForFunction(() => /#v1\./.test(document.getElementById('share-link').value));
        url = await a.page.inputValue('#share-link');
        await assertInert(a, 'private link dialog');
      } finally {
        await a.context.close();
      }
      const hash = url.slice(url.indexOf('#'));
      for (const path of ['/' + hash, '/embed' + hash]) {
        const t = await guarded(browser);
        try {
          // No request may carry the text; the findings come from the wasm engine.
          const sent = [];
          t.page.on('request', (r) => { if ((r.postData() || '').includes('__xss')) sent.push(r.url()); });
          await t.page.goto(BASE + path);
          await checkEditorView(t, `private ${path.slice(0, 8)}`);
          assert(sent.length === 0, `private link sent the text to ${sent.join(', ')}`);
          noProblems(t.problems, path);
        } finally {
          await t.context.close();
        }
      }
    },
  },
];
