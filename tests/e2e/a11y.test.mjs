// axe-core scans (light and dark): the editor page with findings, the rules list, a rule page
// and the embed view when the server has one. No serious or critical violation.
import { createRequire } from 'node:module';
import { BASE, OUT, openPage, openEditor, waitForMarker, assert } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

// axe is injected as an inline script, which the app's CSP refuses: the scans run in
// contexts with bypassCSP (tests/e2e/csp.test.mjs checks the app under its CSP).
async function scan(page, what) {
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

export const tests = [];
for (const colorScheme of ['light', 'dark']) {
  tests.push({
    name: `axe: editor page with findings, panels open (${colorScheme})`,
    async fn(browser) {
      const { context, page } = await openEditor(browser, { colorScheme, bypassCSP: true });
      try {
        await page.click('#examples-button');
        await page.click('#examples-panel .example[data-example="calico-secondary"]');
        await waitForMarker(page, 'CAL-M006');
        await page.click('#profile-button');
        await page.waitForTimeout(300);
        await scan(page, `/ (${colorScheme})`);
      } finally {
        await context.close();
      }
    },
  });
  tests.push({
    name: `axe: the Forms panel with findings and the New wizard (${colorScheme})`,
    async fn(browser) {
      const { context, page } = await openEditor(browser, { colorScheme, bypassCSP: true });
      try {
        await waitForMarker(page, 'CAL-A001');
        await page.click('#forms-button');
        await page.waitForSelector('#calico-ipv4pools-broken');
        await page.waitForSelector('#msg-calico-ipv4pools .field-fix');
        await page.click('#net-0 details.more summary');
        await page.click('#wizard-button');
        await page.waitForSelector('#wizard-panel:not([hidden])');
        await scan(page, `forms + wizard (${colorScheme})`);
      } finally {
        await context.close();
      }
    },
  });
  tests.push({
    name: `axe: /rules and /rules/CAL-A001 (${colorScheme})`,
    async fn(browser) {
      const { context, page } = await openPage(browser, { colorScheme, bypassCSP: true });
      try {
        for (const path of ['/rules', '/rules/CAL-A001', '/rules/MUL-J16']) {
          await page.goto(BASE + path);
          await scan(page, `${path} (${colorScheme})`);
        }
      } finally {
        await context.close();
      }
    },
  });
  tests.push({
    name: `axe: /embed when it exists (${colorScheme})`,
    async fn(browser) {
      const { context, page } = await openPage(browser, { colorScheme, bypassCSP: true });
      try {
        const res = await page.goto(BASE + '/embed');
        if (!res || res.status() === 404) {
          console.log('     (no /embed on this server: skipped)');
          return;
        }
        await page.waitForTimeout(1500);
        await scan(page, `/embed (${colorScheme})`);
      } finally {
        await context.close();
      }
    },
  });
}
