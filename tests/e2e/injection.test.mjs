// Markup injection, tried the way an attacker would: every payload of the corpus in
// tests/security (made by generate.py: it closes `</textarea>`, `</title>`, `</script>`,
// `</style>`, `</noscript>`, `-->`, `]]>`, quotes and `</code></pre>`, carries
// `javascript:`/`data:` URLs, U+2028/U+2029 and a NUL byte) in values, keys, comments,
// object and NAD names, the profile, the inventory and rule-page queries, on every page that
// shows user text, with JavaScript on and off.
//
// The checks are structural: after load no element or attribute that a payload spells
// exists in any frame (everything a payload would create is marked `pwn`), no inline event
// handler or `javascript:` URL exists, no payload code ran, no CSP violation fired, and the
// text shown (Monaco's model, or the textarea without JavaScript) equals the source.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BASE, openPage, postSource, assert, assertEqual, recordCspViolations, cspViolations } from './harness.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'security');
const corpus = JSON.parse(readFileSync(path.join(dir, 'payloads.json'), 'utf8'));
const MANIFEST = readFileSync(path.join(dir, 'payloads.yaml'), 'utf8');
const MANIFEST_NUL = readFileSync(path.join(dir, 'payloads-nul.yaml'), 'utf8');
const MANIFESTS = [['payloads', MANIFEST], ['NUL', MANIFEST_NUL]];

// What a payload would leave in a document if it became markup (runs in the page).
function injected() {
  const found = [];
  if (window.__pwn !== undefined) found.push(`window.__pwn = ${window.__pwn}`);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/pwn/i.test(a.name) || /^pwn/i.test(a.value)) found.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (/^on/i.test(a.name)) found.push(`handler <${el.localName} ${a.name}="${a.value}">`);
      if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name)) {
        found.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
    if (el.localName === 'script' && el.type !== 'application/json' && /__pwn/.test(el.textContent)) {
      found.push(`<script>${el.textContent}</script>`);
    }
    if (el.localName === 'style' && /display:none/.test(el.textContent)) found.push(`<style>${el.textContent}</style>`);
  }
  return found;
}

async function guarded(browser, javaScriptEnabled = true) {
  const t = await openPage(browser, { javaScriptEnabled });
  t.dialogs = [];
  t.page.on('dialog', (d) => { t.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  if (javaScriptEnabled) await recordCspViolations(t.page);
  t.js = javaScriptEnabled;
  return t;
}

async function assertInert(t, what) {
  await t.page.waitForTimeout(200); // an <img onerror> would fire by now
  assert(t.dialogs.length === 0, `${what}: a dialog opened: ${t.dialogs.join(' | ')}`);
  for (const frame of t.page.frames()) {
    const found = await frame.evaluate(injected).catch((e) => [`cannot inspect ${frame.url()}: ${e.message}`]);
    assert(found.length === 0, `${what} (${frame.url()}): ${found.join(' | ')}`);
  }
  if (t.js) {
    const csp = await cspViolations(t.page);
    assert(csp.length === 0, `${what}: CSP violations: ${csp.join(' | ')}`);
  }
}

// With JavaScript: the page hydrated, Monaco holds exactly `source` and the check of that
// text has arrived. Without: the textarea holds it (the HTML parser turns a NUL into U+FFFD).
async function assertShows(t, source, what) {
  const { page } = t;
  if (t.js) {
    await page.waitForSelector('#app[data-hydrated="true"]');
    await page.waitForSelector('#editor-host[data-editor-ready="true"]');
    await page.waitForFunction(() => !!window.podnetEditor);
    assertEqual(await page.evaluate(() => window.podnetEditor.getValue()), source, `${what}: the editor's text`);
    await page.waitForFunction(() => window.podnetChecked
      && window.podnetChecked.version === window.podnetEditor.getModel().getVersionId(), null, { timeout: 20000 });
  } else {
    const value = await page.inputValue('textarea#source');
    assertEqual(value.replace(/\r\n/g, '\n'), source.replace(/\0/g, '\uFFFD'), `${what}: the textarea's text`);
  }
  const findings = await page.textContent('#findings');
  assert(/CAL-A001|MUL-|CAL-|YAML-/.test(findings), `${what}: findings listed: ${findings.slice(0, 200)}`);
}

async function createLink(source, profile) {
  const res = await fetch(BASE + '/api/v1/links', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source, profile }),
  });
  assertEqual(res.status, 201, 'POST /api/v1/links');
  return (await res.json()).id;
}

function privateFragment(source, profile) {
  const packed = deflateRawSync(Buffer.from(JSON.stringify({ source, profile })), { level: 9 });
  return '#v1.' + packed.toString('base64url');
}

async function both(browser, fn) {
  for (const js of [true, false]) {
    const t = await guarded(browser, js);
    try {
      await fn(t, js ? 'JS on' : 'JS off');
    } finally {
      await t.context.close();
    }
  }
}

export const tests = [
  {
    name: 'injection: the editor with payloads in the text, the profile and the inventory',
    async fn(browser) {
      const t = await guarded(browser);
      try {
        await t.page.goto(BASE + '/');
        for (const [name, source] of MANIFESTS) {
          await t.page.waitForFunction(() => !!window.podnetEditor);
          await t.page.evaluate((s) => window.podnetEditor.getModel().setValue(s), source);
          await assertShows(t, source, `editor (${name})`);
          await assertInert(t, `editor (${name})`);
        }
        // The inventory (NADs whose names and configs are payloads) through the Profile panel.
        await t.page.click('#profile-button');
        await t.page.fill('#profile-inventory', corpus.inventory);
        await t.page.evaluate((s) => window.podnetEditor.getModel().setValue(s), MANIFEST);
        await assertShows(t, MANIFEST, 'editor with inventory');
        await assertInert(t, 'editor with the payload inventory');
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'injection: the no-JS post of / and its result page, JavaScript on and off',
    async fn(browser) {
      // A fresh browser per post: with JavaScript, `/` restores the visitor's last text
      // from local storage over the sample, and a second post would be that visit.
      for (const [name, source] of MANIFESTS) {
        await both(browser, async (t, mode) => {
          await postSource(t.page, source);
          await assertInert(t, `POST / ${mode} (${name})`);
          await assertShows(t, source, `POST / ${mode} (${name})`);
          await assertInert(t, `POST / ${mode} (${name}), checked`);
        });
      }
    },
  },
  {
    name: 'injection: short links /s/<id> and /embed/s/<id> with a payload profile, JavaScript on and off',
    async fn(browser) {
      for (const [name, source] of MANIFESTS) {
        const id = await createLink(source, corpus.profile);
        for (const page of [`/s/${id}`, `/embed/s/${id}`]) {
          await both(browser, async (t, mode) => {
            await t.page.goto(BASE + page);
            await assertInert(t, `${page} ${mode} (${name})`);
            await assertShows(t, source, `${page} ${mode} (${name})`);
            await assertInert(t, `${page} ${mode} (${name}), checked`);
          });
        }
      }
    },
  },
  {
    name: 'injection: private links / and /embed with payloads in the text and the profile',
    async fn(browser) {
      for (const [name, source] of MANIFESTS) {
        const frag = privateFragment(source, corpus.profile);
        for (const page of ['/', '/embed']) {
          const t = await guarded(browser);
          try {
            await t.page.goto(BASE + page + frag);
            await assertShows(t, source, `private ${page} (${name})`);
            await assertInert(t, `private ${page} (${name})`);
          } finally {
            await t.context.close();
          }
        }
      }
    },
  },
  {
    name: 'injection: rule pages reflect every payload query as text, JavaScript on and off',
    async fn(browser) {
      await both(browser, async (t, mode) => {
        for (const p of corpus.payloads) {
          await t.page.goto(`${BASE}/rules?q=${encodeURIComponent(p)}`);
          await assertInert(t, `/rules?q= ${mode} ${JSON.stringify(p)}`);
          assertEqual(await t.page.inputValue('#rule-search'), p.replace(/\0/g, '\uFFFD'), `/rules?q= ${mode}: the search box`);
          await t.page.goto(`${BASE}/rules/CAL-A001?q=${encodeURIComponent(p)}`);
          await assertInert(t, `/rules/CAL-A001?q= ${mode}`);
        }
      });
    },
  },
];
