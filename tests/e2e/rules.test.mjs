// Rule docs: /rules lists every rule and filters; every /rules/<ID> answers 200 with its
// invalid and fixed examples, why it matters, and the fix safety.
import { BASE, openPage, assert, assertEqual, noProblems } from './harness.mjs';

export const tests = [
  {
    name: 'every rule page answers 200 with its examples; /rules is searchable',
    async fn(browser) {
      const { context, page, problems } = await openPage(browser);
      try {
        await page.goto(BASE + '/rules');
        const ids = await page.$$eval('#rules-table tbody th a', (as) => as.map((a) => a.textContent.trim()));
        assert(ids.length >= 100, `many rules listed: ${ids.length}`);
        const rq = context.request;
        for (const id of ids) {
          const res = await rq.get(`${BASE}/rules/${id}`);
          assertEqual(res.status(), 200, `/rules/${id}`);
          const html = await res.text();
          assert(html.includes(`<span class="rule-id">${id}</span>`), `${id}: heading`);
          for (const cls of ['what', 'why', 'example-invalid', 'example-fixed', 'fix-safety']) {
            assert(html.includes(`doc-section ${cls}`), `${id}: section ${cls}`);
          }
          const pres = html.match(/<pre class="code"/g) || [];
          assert(pres.length >= 2, `${id}: at least two examples, got ${pres.length}`);
        }
        // Live search.
        await page.fill('#rule-search', 'mac');
        const visible = await page.$$eval('#rules-table tbody tr:not([hidden]) th', (t) => t.map((x) => x.textContent.trim()));
        assert(visible.includes('MUL-J10') && visible.length < ids.length / 3, `search "mac": ${visible}`);
        assert((await page.innerText('#rule-count')).startsWith(String(visible.length)), 'count');
        // Alias and unknown IDs.
        assertEqual((await rq.get(`${BASE}/rules/MUL-C01`)).status(), 200, 'alias');
        assertEqual((await rq.get(`${BASE}/rules/NOPE-404`)).status(), 404, 'unknown rule');
        await page.goto(BASE + '/rules/CAL-A001');
        const why = await page.innerText('.doc-section.why');
        assert(why.includes("invalid character 'd' looking for beginning of value"), `runtime error quoted: ${why}`);
        const reports = await page.innerText('.example-findings');
        assert(reports.includes('error') && reports.includes('Fix (safe)'), `findings on the example: ${reports}`);
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
];
