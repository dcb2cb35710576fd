// The full editor: code actions, Fix all + undo, the corrected diff, hovers, profile and
// inventory, examples, persistence, files, theme, findings grouping and filters.
import {
  BASE, OUT, SAMPLE, FIXED_LINE_6, openEditor, setSource, editorValue, waitForMarker,
  assert, assertEqual, noProblems,
} from './harness.mjs';

const NETWORKS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: multi
  namespace: apps
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"], "mac": "02:00:00:00:00:0a", "default-route": ["10.1.1.1"]}, {"name": "sriov-a", "namespace": "net", "interface": "data0"}]'
spec:
  containers:
  - name: app
    image: nginx
`;

const POOLS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: dual
  annotations:
    cni.projectcalico.org/ipv4pools: '["10.244.0.0/16", "fd00::/64"]'
spec:
  containers:
  - name: app
    image: nginx
`;

const UNSAFE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
      annotations:
        cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    spec:
      containers:
      - name: db
        image: postgres:16
`;

const ISOLATION = `apiVersion: v1
kind: Pod
metadata:
  name: samplepod
  namespace: development
  annotations:
    k8s.v1.cni.cncf.io/networks: privileged/macvlan-conf
spec:
  containers:
  - name: samplepod
    image: nginx
`;

const INVENTORY = `apiVersion: v1
kind: List
items:
- apiVersion: k8s.cni.cncf.io/v1
  kind: NetworkAttachmentDefinition
  metadata:
    name: flannel-conf
    namespace: default
  spec:
    config: '{"cniVersion": "0.3.1", "type": "flannel", "delegate": {"isDefaultGateway": true}}'
`;

// Wait until the markers belong to the editor's current text.
async function settled(page) {
  await page.waitForFunction(() => window.podnetChecked
    && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId(), null, { timeout: 10000 });
}

function markers(page) {
  return page.evaluate(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' })
    .map((m) => ({ rule: m.code && m.code.value, severity: m.severity, line: m.startLineNumber })));
}

async function waitForLine(page, n, want, what) {
  await page.waitForFunction(([n, want]) => window.podnetEditor.getModel().getLineContent(n) === want,
    [n, want], { timeout: 10000 }).catch(async () => {
    const line = await page.evaluate((n) => window.podnetEditor.getModel().getLineContent(n), n);
    throw new Error(`${what}: line ${n} is ${JSON.stringify(line)}, want ${JSON.stringify(want)}`);
  });
}

async function hoverText(page, line, column) {
  await page.evaluate(([line, column]) => {
    const ed = window.podnetEditor;
    ed.focus();
    ed.setPosition({ lineNumber: line, column });
    ed.trigger('test', 'editor.action.showHover', {});
  }, [line, column]);
  const hover = page.locator('.monaco-hover-content').filter({ hasText: /Multus networks|Calico IPv/ }).first();
  await hover.waitFor({ timeout: 10000 });
  return hover.innerText();
}

async function findingRules(page) {
  return page.$$eval('#findings li .rule', (els) => [...new Set(els.map((e) => e.textContent.trim()))].sort());
}

export const tests = [
  {
    name: 'quick fix through the code action (Ctrl+.): the marker links to its rule page',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        const marker = await waitForMarker(page, 'CAL-A001', 6);
        await settled(page);
        assert(String(marker.code.target.path || marker.code.target).includes('/rules/CAL-A001'),
          `marker code links to the rule page: ${JSON.stringify(marker.code)}`);
        await page.evaluate(() => { window.podnetEditor.focus(); window.podnetEditor.setPosition({ lineNumber: 6, column: 45 }); });
        await page.keyboard.press('Control+Period');
        const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Wrap in a JSON array' }).first();
        await item.waitFor({ timeout: 10000 });
        await page.keyboard.press('Enter');
        await waitForLine(page, 6, FIXED_LINE_6, 'after the quick fix');
        await page.waitForFunction(() => !window.monaco.editor.getModelMarkers({ owner: 'podnet' })
          .some((m) => m.code && m.code.value === 'CAL-A001'), null, { timeout: 10000 });
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'unsafe fixes: labelled in the code action, applied from the lightbulb, never by Fix all',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, UNSAFE);
        await waitForMarker(page, 'CAL-S005', 15);
        await settled(page);
        const tag = await page.locator('#findings li', { hasText: 'CAL-S005' }).locator('.fix-tag').innerText();
        assertEqual(tag, 'unsafe fix', 'findings list tag');
        await page.click('#fix-all');
        await page.locator('#status', { hasText: 'Nothing to fix' }).waitFor();
        assertEqual(await editorValue(page), UNSAFE, 'Fix all leaves the unsafe fix alone');
        await page.evaluate(() => { window.podnetEditor.focus(); window.podnetEditor.setPosition({ lineNumber: 15, column: 45 }); });
        await page.keyboard.press('Control+Period');
        const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Unsafe fix' }).first();
        await item.waitFor({ timeout: 10000 });
        assert((await item.innerText()).includes('Use strategy type Recreate'), 'unsafe action title');
        await item.click();
        await page.waitForFunction(() => window.podnetEditor.getValue().includes('strategy: {type: Recreate}'), null, { timeout: 10000 });
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'Fix all then undo restores the text; the diff view shows exactly the changed line',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        await waitForMarker(page, 'CAL-A001', 6);
        // The corrected view: original = the text, modified = the safe fixes applied.
        await page.waitForFunction((want) => {
          const d = window.podnetDiff;
          return d && d.getModel().modified.getLineContent(6) === want;
        }, FIXED_LINE_6, { timeout: 10000 });
        const changes = await page.waitForFunction(() => {
          const c = window.podnetDiff.getLineChanges();
          return c && c.length ? c : null;
        }, null, { timeout: 10000 }).then((h) => h.jsonValue());
        assertEqual(changes.length, 1, `one changed region: ${JSON.stringify(changes)}`);
        const c = changes[0];
        assertEqual(`${c.originalStartLineNumber}-${c.originalEndLineNumber} -> ${c.modifiedStartLineNumber}-${c.modifiedEndLineNumber}`,
          '6-6 -> 6-6', 'changed lines');
        const original = await page.evaluate(() => window.podnetDiff.getModel().original.getValue());
        assertEqual(original, SAMPLE, 'diff original is the text');
        await page.click('#fix-all');
        await waitForLine(page, 6, FIXED_LINE_6, 'after Fix all');
        await page.locator('#status', { hasText: 'Applied 1 fix' }).waitFor();
        await page.evaluate(() => window.podnetEditor.focus());
        await page.keyboard.press('Control+z');
        await page.waitForFunction((s) => window.podnetEditor.getValue() === s, SAMPLE, { timeout: 5000 });
        await waitForMarker(page, 'CAL-A001', 6);
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'hover on a networks annotation: attachments, namespaces, assigned interfaces, IPs, MAC, default route',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, NETWORKS_POD);
        await settled(page);
        const text = await hoverText(page, 7, 50);
        for (const want of ['Multus networks', 'macvlan-conf', 'apps', 'net1', 'assigned by Multus', 'data0', 'requested',
          '10.1.1.10/24', '02:00:00:00:00:0a', '10.1.1.1', 'sriov-a', 'net']) {
          assert(text.includes(want), `hover shows ${want}: ${text}`);
        }
        await page.screenshot({ path: `${OUT}/hover-networks.png` });
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'hover on a pools annotation: each entry with its family',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, POOLS_POD);
        await waitForMarker(page, 'CAL-P003', 6);
        await settled(page);
        const text = await hoverText(page, 6, 44);
        assert(text.includes('Calico IPv4 pools'), text);
        assert(/10\.244\.0\.0\/16\s+IPv4/.test(text), `IPv4 entry: ${text}`);
        assert(/fd00::\/64\s+IPv6 \(wrong family here\)/.test(text), `IPv6 entry flagged: ${text}`);
        await page.screenshot({ path: `${OUT}/hover-pools.png` });
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'profile: turning on namespace isolation makes MUL-X02 an error; it is kept over a reload',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, ISOLATION);
        let m = await waitForMarker(page, 'MUL-X02', 7);
        assertEqual(m.severity, 2, 'MUL-X02 is info without isolation');
        await page.click('#profile-button');
        await page.locator('#profile-panel').waitFor({ state: 'visible' });
        await page.check('#profile-isolation');
        await page.waitForFunction(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' })
          .some((m) => m.code.value === 'MUL-X02' && m.severity === 8), null, { timeout: 10000 });
        await page.locator('#findings li.sev-error', { hasText: 'MUL-X02' }).waitFor();
        await page.reload();
        await page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await page.waitForFunction(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' })
          .some((m) => m.code.value === 'MUL-X02' && m.severity === 8), null, { timeout: 10000 });
        await page.click('#profile-button');
        assert(await page.isChecked('#profile-isolation'), 'isolation still on after reload');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'inventory: pasting the NAD resolves the reference (MUL-X01 goes away)',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        await waitForMarker(page, 'MUL-X01', 7);
        await page.click('#profile-button');
        await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'profile-namespace', null, { timeout: 5000 })
          .catch(async () => { throw new Error(`focus moves into the panel; focus is on #${await page.evaluate(() => document.activeElement.id)}`); });
        await page.fill('#profile-inventory', INVENTORY);
        await page.waitForFunction(() => !window.monaco.editor.getModelMarkers({ owner: 'podnet' })
          .some((m) => m.code.value === 'MUL-X01'), null, { timeout: 10000 });
        await page.locator('#findings', { hasNotText: 'MUL-X01' }).waitFor();
        await waitForMarker(page, 'CAL-A001', 6);
        await page.focus('#profile-inventory');
        await page.keyboard.press('Escape');
        assert(await page.locator('#profile-panel').isHidden(), 'Escape closes the panel');
        assertEqual(await page.evaluate(() => document.activeElement.id), 'profile-button', 'focus back on Profile');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'examples: each opens in the editor with its expected findings',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        const examples = await page.$$eval('#examples-panel .example', (els) =>
          els.map((e) => ({ id: e.dataset.example, expected: e.dataset.expected.split(' ').sort() })));
        assert(examples.length >= 6, `at least 6 examples, got ${examples.length}`);
        for (const ex of examples) {
          await page.click('#examples-button');
          await page.locator('#examples-panel').waitFor({ state: 'visible' });
          // Focus moves into the gallery; Enter on an example opens it.
          await page.focus(`#examples-panel .example[data-example="${ex.id}"]`);
          await page.keyboard.press('Enter');
          await page.waitForFunction((want) => {
            const got = [...new Set(window.monaco.editor.getModelMarkers({ owner: 'podnet' }).map((m) => m.code.value))].sort();
            return JSON.stringify(got) === JSON.stringify(want);
          }, ex.expected, { timeout: 10000 }).catch(async () => {
            throw new Error(`example ${ex.id}: markers ${JSON.stringify(await markers(page))}, want ${ex.expected}`);
          });
          await page.waitForFunction((want) => {
            const got = [...new Set([...document.querySelectorAll('#findings li .rule')].map((e) => e.textContent.trim()))].sort();
            return JSON.stringify(got) === JSON.stringify(want);
          }, ex.expected, { timeout: 10000 });
          assert(await page.locator('#examples-panel').isHidden(), 'gallery closes');
        }
        // Loading an example is one undoable edit.
        await page.evaluate(() => window.podnetEditor.trigger('test', 'undo', null));
        assert((await editorValue(page)).length > 0, 'undo after an example');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'reload keeps the text (local storage)',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        const text = SAMPLE.replace('samplepod', 'kept-over-reload');
        await setSource(page, text);
        await page.waitForTimeout(500);
        await page.reload();
        await page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await page.waitForFunction(() => !!window.podnetEditor);
        assertEqual(await editorValue(page), text, 'text after reload');
        await page.locator('#status', { hasText: 'Restored' }).waitFor();
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'findings: grouped by object, severity filters with counts',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await page.click('#examples-button');
        await page.click('#examples-panel .example[data-example="sriov"]');
        await waitForMarker(page, 'MUL-X06');
        const groups = await page.$$eval('#findings h3', (els) => els.map((e) => e.textContent));
        assertEqual(groups.length, 2, `two objects: ${groups}`);
        assert(groups[0].startsWith('NetworkAttachmentDefinition default/sriov-net1'), groups[0]);
        assert(groups[1].startsWith('Pod default/testpod1'), groups[1]);
        assertEqual(await page.innerText('#filter-info .count'), '1', 'info count');
        await page.click('#filter-info');
        assertEqual(await page.getAttribute('#filter-info', 'aria-pressed'), 'false', 'pressed state');
        assert(!(await findingRules(page)).includes('MUL-N09'), 'info hidden');
        await page.keyboard.press('Enter'); // the focused filter button toggles back
        await page.locator('#findings li', { hasText: 'MUL-N09' }).waitFor();
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'open file and drag and drop load a file into the editor (undoable)',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await page.setInputFiles('#file-input', { name: 'pod.yaml', mimeType: 'application/yaml', buffer: Buffer.from(POOLS_POD) });
        await page.waitForFunction((t) => window.podnetEditor.getValue() === t, POOLS_POD, { timeout: 5000 });
        await page.locator('#status', { hasText: 'Opened "pod.yaml"' }).waitFor();
        await page.evaluate((text) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
          const host = document.getElementById('editor-host');
          host.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
          host.querySelector('.monaco-editor').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        }, NETWORKS_POD);
        await page.waitForFunction((t) => window.podnetEditor.getValue() === t, NETWORKS_POD, { timeout: 5000 });
        await page.evaluate(() => window.podnetEditor.trigger('test', 'undo', null));
        assertEqual(await editorValue(page), POOLS_POD, 'undo restores the previous file');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'theme: follows the system, switchable; Monaco follows',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser, { colorScheme: 'dark' });
      try {
        assertEqual(await page.getAttribute('html', 'data-theme'), 'dark', 'system dark');
        assert(await page.locator('.monaco-editor.vs-dark').count() > 0, 'Monaco dark');
        await page.selectOption('#theme-select', 'light');
        assertEqual(await page.getAttribute('html', 'data-theme'), 'light', 'switched to light');
        await page.locator('.monaco-editor.vs').first().waitFor();
        await page.reload();
        await page.waitForSelector('#editor-host[data-editor-ready="true"]');
        assertEqual(await page.getAttribute('html', 'data-theme'), 'light', 'choice kept');
        assertEqual(await page.inputValue('#theme-select'), 'light', 'select shows the choice');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'copy corrected and download give the safely fixed text',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        await waitForMarker(page, 'CAL-A001', 6);
        await page.click('#copy-corrected');
        await page.waitForFunction(() => typeof window.__podnetCopied === 'string', null, { timeout: 5000 });
        const copied = await page.evaluate(() => window.__podnetCopied);
        assertEqual(copied.split('\n')[5], FIXED_LINE_6, 'copied line 6');
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
        assertEqual(download.suggestedFilename(), 'podnet-corrected.yaml', 'download name');
        assertEqual(await editorValue(page), SAMPLE, 'the editor text is untouched');
        assert(await page.locator('#share-button').isVisible(), 'Share button is there');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'screenshots: main page with findings, light and dark',
    async fn(browser) {
      for (const colorScheme of ['light', 'dark']) {
        const { context, page, problems } = await openEditor(browser, { colorScheme });
        try {
          await page.click('#examples-button');
          await page.click('#examples-panel .example[data-example="sriov"]');
          await waitForMarker(page, 'MUL-X06');
          await page.waitForFunction(() => window.podnetDiff.getLineChanges() && window.podnetDiff.getLineChanges().length > 0, null, { timeout: 10000 });
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${OUT}/workspace-${colorScheme}.png`, fullPage: true });
          noProblems(problems, colorScheme);
        } finally {
          await context.close();
        }
      }
    },
  },
];
