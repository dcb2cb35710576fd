// Tiny test runner: imports every tests/e2e/*.test.mjs (each exports `tests`, a list of
// { name, fn(browser) }), runs them one by one with one Chromium, prints a line per test and
// ends with "N passed, N failed". Exit code 1 if any test failed.
// Env: PODNET_URL (default http://127.0.0.1:3917), E2E_FILTER (substring of test names).
// Arguments: test files to run (`node tests/e2e/run.mjs csp.test.mjs`); none: all of them.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { launch, BASE } from './harness.mjs';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).map((a) => path.basename(a));
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs') && (!only.length || only.includes(f))).sort();
const filter = process.env.E2E_FILTER || '';

const all = [];
for (const f of files) {
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  for (const t of mod.tests) all.push({ file: f, ...t });
}

console.log(`running ${all.length} browser tests against ${BASE}`);
const browser = await launch();
let passed = 0;
let failed = 0;
for (const t of all) {
  if (filter && !t.name.includes(filter)) continue;
  const started = Date.now();
  try {
    await Promise.race([
      t.fn(browser),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 60 s')), 60000)),
    ]);
    passed += 1;
    console.log(`ok   ${t.file} > ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${t.file} > ${t.name} (${Date.now() - started} ms)\n     ${String(e && e.message || e).split('\n').join('\n     ')}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
