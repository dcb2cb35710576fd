// Without JavaScript the page is a plain form that validates (and fixes) on the server.
import { BASE, OUT, SAMPLE, FIXED_LINE_6, openPage, assert, assertEqual } from './harness.mjs';

export const tests = [
  {
    name: 'no JavaScript: textarea holds the sample, Validate shows CAL-A001 from the server',
    async fn(browser) {
      const { context, page } = await openPage(browser, { javaScriptEnabled: false });
      try {
        await page.goto(BASE + '/');
        const value = await page.inputValue('textarea[name="source"]');
        assertEqual(value, SAMPLE, 'textarea content');
        await Promise.all([page.waitForNavigation(), page.click('#validate')]);
        assertEqual(new URL(page.url()).pathname, '/', 'posted back to /');
        const findings = await page.innerText('#findings');
        assert(findings.includes('CAL-A001'), `server-rendered findings show CAL-A001, got: ${findings}`);
        assert(findings.includes('6:38'), `server-rendered findings show 6:38, got: ${findings}`);
        assertEqual(await page.inputValue('textarea[name="source"]'), SAMPLE, 'textarea after post');
        await page.screenshot({ path: `${OUT}/nojs-validated.png`, fullPage: true });
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'no JavaScript: Fix all rewrites the text on the server',
    async fn(browser) {
      const { context, page } = await openPage(browser, { javaScriptEnabled: false });
      try {
        await page.goto(BASE + '/');
        await Promise.all([page.waitForNavigation(), page.click('#fix-all')]);
        const value = await page.inputValue('textarea[name="source"]');
        assertEqual(value.split('\n')[5], FIXED_LINE_6, 'line 6 after the server-side fix');
        const findings = await page.innerText('#findings');
        assert(!findings.includes('CAL-A001'), `no CAL-A001 left, got: ${findings}`);
      } finally {
        await context.close();
      }
    },
  },
];
