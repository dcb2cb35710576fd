// Browser benchmark (not a test): keystroke-to-markers latency in the editor, median and 95th
// percentile, for a 60-line manifest and a 5,000-line stream. Latency = from the keydown
// event to the moment podnet's markers for the text after that key are set (includes the
// debounce, the server round trip and applying the markers).
// Usage: PODNET_URL=http://127.0.0.1:3917 node tests/e2e/bench-latency.mjs [keystrokes]
import { launch, openEditor, setSource } from './harness.mjs';

const N = Number(process.argv[2] || 40);

const POD = (i) => `apiVersion: v1
kind: Pod
metadata:
  name: app-${i}
  annotations:
    cni.projectcalico.org/ipv4pools: "default-ipv4-ippool"
    k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.${i % 250}.10/24"]}]'
spec:
  containers:
  - name: app
    image: nginx
---
`;

function stream(lines) {
  let out = '# podnet benchmark stream\n';
  let i = 0;
  while (out.split('\n').length < lines) out += POD(i++);
  return out.split('\n').slice(0, lines).join('\n') + '\n';
}

function pct(sorted, p) {
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

async function settle(page) {
  await page.waitForFunction(() => window.podnetChecked && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId(), null, { timeout: 60000 });
}

async function measure(page, text, label) {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  const pasteStart = Date.now();
  await setSource(page, text);
  await settle(page);
  const pasteMs = Date.now() - pasteStart;
  const lines = await page.evaluate(() => window.podnetEditor.getModel().getLineCount());
  await page.evaluate(() => {
    window.__lat = [];
    window.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true);
    document.addEventListener('podnet:markers', (e) => {
      const model = window.podnetEditor.getModel();
      if (window.__keyAt !== undefined && e.detail.version === model.getVersionId()) {
        window.__lat.push(e.detail.at - window.__keyAt);
        window.__keyAt = undefined;
      }
    });
    const ed = window.podnetEditor;
    ed.focus();
    ed.setPosition({ lineNumber: 1, column: ed.getModel().getLineMaxColumn(1) });
  });
  for (let i = 0; i < N; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    await page.waitForFunction((n) => window.__lat.length >= n, i + 1, { timeout: 60000 });
    await page.waitForTimeout(150);
  }
  const lat = (await page.evaluate(() => window.__lat)).slice().sort((a, b) => a - b);
  const markers = await page.evaluate(() => window.podnetChecked.count);
  const longTasks = (await page.evaluate(() => window.__long)).sort((a, b) => b - a);
  const r = {
    label, lines, markers, keystrokes: lat.length,
    median_ms: Math.round(pct(lat, 50)), p95_ms: Math.round(pct(lat, 95)),
    min_ms: Math.round(lat[0]), max_ms: Math.round(lat[lat.length - 1]), paste_to_markers_ms: pasteMs,
    longest_main_thread_task_ms: Math.round(longTasks[0] || 0),
  };
  console.log(JSON.stringify(r));
  return r;
}

const browser = await launch();
try {
  const { context, page } = await openEditor(browser);
  await measure(page, stream(60), '60-line manifest');
  await measure(page, stream(5000), '5,000-line stream');
  await context.close();
} finally {
  await browser.close();
}
