// Health, a clean page load, the light and dark look, and the public API's contract.
import { BASE, OUT, SAMPLE, openEditor, openPage, assert, assertEqual, noProblems } from './harness.mjs';

async function post(request, path, body, headers) {
  const res = await request.post(BASE + path, { data: body, headers, failOnStatusCode: false });
  let json = null;
  try { json = await res.json(); } catch { /* not JSON */ }
  return { status: res.status(), json, type: res.headers()['content-type'] || '' };
}

export const tests = [
  {
    name: '/healthz answers ok',
    async fn(browser) {
      const { context } = await openPage(browser);
      try {
        const res = await context.request.get(BASE + '/healthz');
        assertEqual(res.status(), 200, '/healthz status');
        assertEqual((await res.text()).trim(), 'ok', '/healthz body');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'page loads without console errors or failed requests (light and dark screenshots)',
    async fn(browser) {
      for (const colorScheme of ['light', 'dark']) {
        const { context, page, problems } = await openEditor(browser, { colorScheme });
        try {
          assertEqual(await page.evaluate(() => window.podnetEditor.getValue()), SAMPLE, 'initial editor text');
          await page.waitForTimeout(700);
          await page.screenshot({ path: `${OUT}/page-${colorScheme}.png`, fullPage: true });
          noProblems(problems, colorScheme);
          assert(problems.badResponses.length === 0, `${colorScheme}: failed requests: ${problems.badResponses.join(', ')}`);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    name: 'API: /api/v1/check and /api/v1/fix answer the contract; bad input gets JSON errors',
    async fn(browser) {
      const { context } = await openPage(browser);
      const rq = context.request;
      try {
        let r = await post(rq, '/api/v1/check', SAMPLE, { 'content-type': 'application/yaml' });
        assertEqual(r.status, 200, 'check (YAML body) status');
        assertEqual(r.json.version, 1, 'version');
        assertEqual(r.json.files[0].path, 'input', 'file path');
        assert(Array.isArray(r.json.files[0].diagnostics), 'diagnostics array');
        assert(typeof r.json.summary.errors === 'number', 'summary.errors');
        assert(typeof r.json.fixed === 'string', 'fixed');

        r = await post(rq, '/api/v1/check', JSON.stringify({ source: SAMPLE, profile: {} }), { 'content-type': 'application/json' });
        assertEqual(r.status, 200, 'check (JSON body) status');

        r = await post(rq, '/api/v1/fix', JSON.stringify({ source: SAMPLE }), { 'content-type': 'application/json' });
        assertEqual(r.status, 200, 'fix status');
        assert(typeof r.json.fixed === 'string' && Array.isArray(r.json.applied) && Array.isArray(r.json.remaining), 'fix shape');

        // A Buffer: playwright would JSON-encode a string that does not parse as JSON.
        r = await post(rq, '/api/v1/check', Buffer.from('{"source": '), { 'content-type': 'application/json' });
        assertEqual(r.status, 400, 'malformed JSON');
        assert(r.json && r.json.error, 'malformed JSON answers a JSON error');

        r = await post(rq, '/api/v1/check', 'x', { 'content-type': 'image/png' });
        assertEqual(r.status, 415, 'wrong content type');

        r = await post(rq, '/api/v1/check', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), { 'content-type': 'text/plain' });
        assertEqual(r.status, 422, 'invalid UTF-8');

        r = await post(rq, '/api/v1/check', 'a'.repeat(2 * 1024 * 1024 + 1), { 'content-type': 'text/plain' });
        assertEqual(r.status, 413, 'body over 2 MiB');
        assert(r.json && r.json.error, '413 answers a JSON error');
      } finally {
        await context.close();
      }
    },
  },
];
