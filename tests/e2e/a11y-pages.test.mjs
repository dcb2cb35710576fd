// axe on the pages a11y.test.mjs does not reach (issue #16): the Share dialog open, a short
// link's page (/s/<id>), its embed (/embed/s/<id>), the styled error page of an unknown link,
// and /explain when the server has it. Light and dark; no serious or critical violation.
import { BASE, SAMPLE, openPage, openEditor } from './harness.mjs';
import { scan } from './axe.mjs';

async function shortLink(page) {
  const res = await page.request.post(BASE + '/api/v1/links', { data: { source: SAMPLE } });
  return (await res.json()).id;
}

export const tests = [];
for (const colorScheme of ['light', 'dark']) {
  tests.push({
    name: `axe: the Share dialog open (${colorScheme})`,
    async fn(browser) {
      const { context, page } = await openEditor(browser, { colorScheme, bypassCSP: true });
      try {
        await page.click('#share-button');
        await page.waitForSelector('#share-dialog[open]');
        await page.waitForFunction(() => /#v1\./.test(document.getElementById('share-link').value));
        await scan(page, `share dialog (${colorScheme})`);
      } finally {
        await context.close();
      }
    },
  });
  tests.push({
    name: `axe: /s/<id>, /embed/s/<id>, /s/doesnotexist, /explain (${colorScheme})`,
    async fn(browser) {
      const { context, page } = await openPage(browser, { colorScheme, bypassCSP: true });
      try {
        const id = await shortLink(page);
        for (const path of [`/s/${id}`, `/embed/s/${id}`, '/s/doesnotexist', '/explain']) {
          const res = await page.goto(BASE + path);
          if (path === '/explain' && res && res.status() === 404) continue;
          await page.waitForTimeout(800);
          await scan(page, `${path} (${colorScheme})`);
        }
      } finally {
        await context.close();
      }
    },
  });
}
