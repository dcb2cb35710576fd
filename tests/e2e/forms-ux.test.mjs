// Issue #16 items 7 and 10: the New wizard checks its fields as the user types and shows every
// error at once (aria-invalid, aria-describedby, focus on submit); at 1366×768 the Forms panel
// sits beside the YAML editor, a field's note (MUL-X01) spans its grid row, and the Profile
// boxes do not overlap. Screenshots of the forms at 1366×768, light and dark.
import { OUT, openEditor, setSource, editorValue, assert, assertEqual, noProblems } from './harness.mjs';

// A Pod whose attachment (JSON form) names a NAD that is not in the text: MUL-X01.
const MISSING_NAD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{"name":"missing-net","interface":"net1"}]'
spec:
  containers:
  - name: app
    image: nginx
`;

// The description of the input `#id`: the text of the elements its aria-describedby names.
function described(page, id) {
  return page.evaluate((id) => {
    const input = document.getElementById(id);
    return (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
      .map((d) => document.getElementById(d)?.textContent || '').join(' ');
  }, id);
}

async function waitInvalid(page, id, invalid, what) {
  await page.waitForFunction(([id, invalid]) =>
    (document.getElementById(id)?.getAttribute('aria-invalid') === 'true') === invalid,
  [id, invalid], { timeout: 5000 }).catch(() => {
    throw new Error(`${what}: #${id} ${invalid ? 'not' : 'still'} aria-invalid`);
  });
}

async function atLaptop(browser, colorScheme = 'light') {
  const t = await openEditor(browser, { colorScheme });
  await t.page.setViewportSize({ width: 1366, height: 768 });
  return t;
}

async function openForms(page) {
  await page.click('#forms-button');
  await page.waitForSelector('#forms-panel:not([hidden])');
}

export const tests = [
  {
    name: 'forms-ux: wizard: every field error shows while typing, linked and marked; submit focuses the first',
    async fn(browser) {
      const { page, problems, context } = await openEditor(browser);
      try {
        const before = await editorValue(page);
        await page.click('#wizard-button');
        await page.waitForSelector('#wizard-panel:not([hidden])');
        await page.selectOption('#wizard-ipam', 'Static');
        // Typing only (no change event, no submit): the checks follow the keystrokes.
        await page.fill('#wizard-name', 'Web_1');
        await page.fill('#wizard-address', '10.9.0.5/24');
        await waitInvalid(page, 'wizard-name', true, 'a bad name while typing');
        await waitInvalid(page, 'wizard-address', true, 'an address outside the subnet while typing');
        // Both errors at once, each the description of its field.
        const name = await described(page, 'wizard-name');
        assert(name.includes('"Web_1" is not a DNS-1123 label'), `name described by: ${name}`);
        const address = await described(page, 'wizard-address');
        assert(address.includes('10.9.0.5/24 is not inside 192.168.10.0/24'), `address described by: ${address}`);
        assert(await page.isVisible('#msg-wizard-name .field-msg'), 'name message visible');
        assert(await page.isVisible('#msg-wizard-address .field-msg'), 'address message visible');
        assertEqual(await page.getAttribute('#wizard-namespace', 'aria-invalid'), null, 'a good field is not invalid');
        // Submitting with errors writes nothing and focuses the first invalid field.
        await page.focus('#wizard-replace');
        await page.click('#wizard-replace');
        assertEqual(await page.evaluate(() => document.activeElement.id), 'wizard-name', 'focus after submit');
        assert(await page.isVisible('#wizard-panel'), 'the wizard stays open');
        assertEqual(await editorValue(page), before, 'editor text unchanged');
        // Fixing one field clears its error only.
        await page.fill('#wizard-name', 'web-1');
        await waitInvalid(page, 'wizard-name', false, 'a fixed name');
        assertEqual(await page.getAttribute('#wizard-address', 'aria-invalid'), 'true', 'the address still invalid');
        await page.click('#wizard-append');
        assertEqual(await page.evaluate(() => document.activeElement.id), 'wizard-address', 'focus on the remaining error');
        await page.fill('#wizard-address', '192.168.10.20/24');
        await waitInvalid(page, 'wizard-address', false, 'a fixed address');
        await page.click('#wizard-replace');
        await page.waitForFunction(() => document.querySelector('#wizard-panel').hidden);
        const text = await editorValue(page);
        assert(text.includes('name: web-1') && text.includes('192.168.10.20/24'), `written: ${text}`);
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'forms-ux: layout: at 1366×768 the Forms panel is beside the editor, both in view',
    async fn(browser) {
      const { page, problems, context } = await atLaptop(browser);
      try {
        await setSource(page, MISSING_NAD);
        await openForms(page);
        await page.waitForSelector('#net-0-name');
        const r = await page.evaluate(() => {
          const box = (s) => document.querySelector(s).getBoundingClientRect().toJSON();
          const panel = document.querySelector('#forms-panel');
          return {
            editor: box('#editor-host'), forms: box('#forms-panel'), input: box('#net-0-name'),
            view: { w: innerWidth, h: innerHeight }, scrollY,
            overflow: getComputedStyle(panel).overflowY,
          };
        });
        const s = JSON.stringify(r);
        assertEqual(r.scrollY, 0, 'page not scrolled');
        assert(r.editor.top + 250 <= r.view.h, `the editor starts below the fold: ${s}`);
        assert(r.forms.top + 250 <= r.view.h, `the forms start below the fold: ${s}`);
        assert(r.forms.left >= r.editor.right - 1 || r.editor.left >= r.forms.right - 1, `side by side: ${s}`);
        assert(r.editor.width >= 450 && r.forms.width >= 450, `both wide enough: ${s}`);
        assert(r.forms.bottom <= r.view.h + 1, `the forms panel ends in view (it scrolls on its own): ${s}`);
        assert(['auto', 'scroll'].includes(r.overflow), `the panel scrolls on its own: ${s}`);
        assert(r.input.bottom <= r.view.h, `the first field in view: ${s}`);
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'forms-ux: layout: the MUL-X01 note in the attachment grid spans its row',
    async fn(browser) {
      const { page, problems, context } = await atLaptop(browser);
      try {
        await setSource(page, MISSING_NAD);
        await openForms(page);
        await page.waitForFunction(() => /MUL-X01/.test(document.querySelector('#net-0')?.textContent || ''));
        const r = await page.evaluate(() => {
          const grid = document.querySelector('#net-0 .attachment-grid');
          const note = [...document.querySelectorAll('#net-0 .field-msg')].find((m) => m.textContent.includes('MUL-X01'));
          const inGrid = grid.contains(note);
          const g = grid.getBoundingClientRect();
          const n = note.getBoundingClientRect();
          const overlaps = [];
          for (const f of grid.querySelectorAll(':scope > .field')) {
            if (f.contains(note)) continue;
            const q = f.getBoundingClientRect();
            if (q.width && n.left < q.right - 1 && q.left < n.right - 1 && n.top < q.bottom - 1 && q.top < n.bottom - 1) overlaps.push(f.querySelector('input, textarea')?.id);
          }
          return { inGrid, grid: g.width, note: n.width, overlaps };
        });
        const s = JSON.stringify(r);
        if (r.inGrid) {
          assert(r.note >= 0.9 * r.grid, `the note is squeezed into one grid cell: ${s}`);
          assert(r.overlaps.length === 0, `the note overlaps fields: ${s}`);
        } else {
          assert(r.note >= 0.9 * r.grid, `the note is narrower than the grid: ${s}`);
        }
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'forms-ux: forms at 1366×768 (light and dark): screenshots; the Profile boxes do not overlap',
    async fn(browser) {
      for (const colorScheme of ['light', 'dark']) {
        const { page, problems, context } = await atLaptop(browser, colorScheme);
        try {
          await setSource(page, MISSING_NAD);
          await openForms(page);
          await page.waitForFunction(() => /MUL-X01/.test(document.querySelector('#net-0')?.textContent || ''));
          await page.screenshot({ path: `${OUT}/forms-ux-1366-${colorScheme}.png` });
          await page.click('#wizard-button');
          await page.waitForSelector('#wizard-panel:not([hidden])');
          await page.fill('#wizard-name', 'Web_1');
          await page.fill('#wizard-subnet', '10.0.0.0/33');
          await page.waitForSelector('#msg-wizard-subnet .field-msg');
          await page.locator('#wizard-panel').screenshot({ path: `${OUT}/forms-ux-wizard-${colorScheme}.png` });
          await page.click('#wizard-button');
          await page.click('#profile-button');
          await page.waitForSelector('#profile-panel:not([hidden])');
          await page.screenshot({ path: `${OUT}/forms-ux-profile-1366-${colorScheme}.png` });
          const overlaps = await page.evaluate(() => {
            const sets = [...document.querySelectorAll('#profile-panel .profile-grid > fieldset')];
            const boxes = sets.map((f) => f.getBoundingClientRect());
            const bad = [];
            // The text of every label stays inside its box.
            sets.forEach((f, i) => {
              for (const l of f.querySelectorAll('label')) {
                const range = document.createRange();
                range.selectNodeContents(l);
                const t = range.getBoundingClientRect();
                if (t.width && t.right > boxes[i].right + 1) bad.push(`"${l.textContent.trim()}" sticks out of box ${i}`);
              }
            });
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i], b = boxes[j];
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) bad.push(`${i}/${j}`);
            }
            return bad;
          });
          assert(overlaps.length === 0, `${colorScheme}: profile boxes: ${overlaps.join('; ')}`);
          noProblems(problems);
        } finally {
          await context.close();
        }
      }
    },
  },
];
