// The OpenAPI document validates (npm @apidevtools/swagger-parser), and every documented
// operation answers as documented: a documented status, a documented content type, and the
// documented required properties.
import SwaggerParser from '@apidevtools/swagger-parser';
import { BASE, SAMPLE, openPage, assert } from './harness.mjs';

export const tests = [
  {
    name: 'API: /api/openapi.json validates and each documented endpoint answers as documented',
    async fn(browser) {
      const { context } = await openPage(browser);
      const rq = context.request;
      try {
        const raw = await (await rq.get(BASE + '/api/openapi.json')).json();
        await SwaggerParser.validate(structuredClone(raw));
        const doc = await SwaggerParser.dereference(structuredClone(raw));
        const link = await (await rq.post(BASE + '/api/v1/links', { data: { source: SAMPLE } })).json();
        const params = { id: null };
        let calls = 0;
        for (const [path, item] of Object.entries(doc.paths)) {
          for (const [method, op] of Object.entries(item)) {
            const id = path.startsWith('/api/v1/links/') ? link.id : 'CAL-A001';
            const url = BASE + path.replace('{id}', id);
            const res = method === 'post'
              ? await rq.post(url, {
                // The explain endpoint takes the runtime's error text (and the manifest).
                data: path.endsWith('/explain')
                  ? { text: "plugin type=\"calico\" failed (add): invalid character 'd' looking for beginning of value", source: SAMPLE }
                  : { source: SAMPLE },
                failOnStatusCode: false,
              })
              : await rq.get(url, { failOnStatusCode: false });
            const status = String(res.status());
            const documented = op.responses[status];
            assert(documented, `${method.toUpperCase()} ${path}: status ${status} is not documented`);
            assert(res.status() < 300, `${method.toUpperCase()} ${path}: ${status} ${await res.text()}`);
            const type = (res.headers()['content-type'] || '').split(';')[0];
            assert(documented.content && documented.content[type], `${method.toUpperCase()} ${path}: content type ${type} is not documented`);
            const schema = documented.content[type].schema;
            if (type === 'application/json' && schema.required) {
              const body = await res.json();
              for (const key of schema.required) {
                assert(key in body, `${method.toUpperCase()} ${path}: response lacks ${key}`);
              }
            }
            calls += 1;
          }
        }
        assert(calls >= 8, `only ${calls} operations documented`);
        void params;
      } finally {
        await context.close();
      }
    },
  },
];
