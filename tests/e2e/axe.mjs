// One axe-core scan: no serious or critical violation (WCAG 2.x A/AA and best practice).
// axe is injected as an inline script, which the app's CSP refuses: scans run in contexts
// with bypassCSP (tests/e2e/csp.test.mjs checks the app under its CSP).
import { createRequire } from 'node:module';
import { assert } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export async function scan(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert(bad.length === 0, `${what}: ${bad.length} serious/critical axe violations:\n${text.join('\n')}`);
  return result.violations.length;
}
