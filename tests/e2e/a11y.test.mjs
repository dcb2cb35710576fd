// axe-core scans (light and dark): the editor page with findings, the rules list, a rule page
// and the embed view when the server has one. No serious or critical violation.
import { BASE, OUT, openPage, openEditor, waitForMarker, assert } from './harness.mjs';
import { scan } from './axe.mjs';

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
