// Issue #16 item 7 (layout): /rules fits a phone, tapping a finding on a phone does not scroll
// the editor sideways, the diff wraps long lines, the Profile boxes do not overlap.
import { BASE, SAMPLE, openPage, openEditor, setSource, waitForMarker, assert } from './harness.mjs';

const LONG = SAMPLE.replace(
  'k8s.v1.cni.cncf.io/networks: default/flannel-conf',
  'k8s.v1.cni.cncf.io/networks: default/flannel-conf   # a long comment that runs far to the right of a phone screen, and further, and further still');

export const tests = [
  {
    name: 'layout: /rules is no wider than a 390 px phone',
    async fn(browser) {
      const t = await openPage(browser);
      try {
        await t.page.setViewportSize({ width: 390, height: 844 });
        await t.page.goto(BASE + '/rules');
        const width = await t.page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 390, `/rules is ${width} px wide on a 390 px screen`);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'layout: on a phone, tapping a finding does not scroll the editor sideways',
    async fn(browser) {
      const t = await openPage(browser);
      try {
        await t.page.setViewportSize({ width: 390, height: 844 });
        await t.page.goto(BASE + '/');
        await t.page.waitForSelector('#editor-host[data-editor-ready="true"]');
        await setSource(t.page, LONG.replace('default/flannel-conf   #', 'default/flannel-conf,   #'));
        await waitForMarker(t.page, 'MUL');
        await t.page.locator('#findings .finding-button').last().click();
        await t.page.waitForTimeout(300);
        const left = await t.page.evaluate(() => window.podnetEditor.getScrollLeft());
        assert(left === 0, `editor scrolled ${left} px sideways`);
        const pageWidth = await t.page.evaluate(() => document.documentElement.scrollWidth);
        assert(pageWidth <= 390, `page is ${pageWidth} px wide`);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'layout: the corrected-YAML diff wraps long lines',
    async fn(browser) {
      const t = await openEditor(browser);
      try {
        await t.page.waitForSelector('#diff-host[data-diff-ready="true"]');
        const wrap = await t.page.evaluate(() => window.podnetDiff.getModifiedEditor().getOption(window.monaco.editor.EditorOption.wordWrap));
        assert(wrap === 'on', `diff word wrap: ${wrap}`);
      } finally {
        await t.context.close();
      }
    },
  },
  {
    name: 'layout: the Profile panel boxes do not overlap',
    async fn(browser) {
      for (const width of [1366, 1024, 390]) {
        const t = await openEditor(browser);
        try {
          await t.page.setViewportSize({ width, height: 768 });
          await t.page.click('#profile-button');
          await t.page.waitForSelector('#profile-panel:not([hidden])');
          const overlaps = await t.page.evaluate(() => {
            const boxes = [...document.querySelectorAll('#profile-panel .profile-grid > fieldset')];
            const bad = [];
            for (const f of boxes) {
              const r = f.getBoundingClientRect();
              for (const c of f.querySelectorAll('input, select, textarea')) {
                const q = c.getBoundingClientRect();
                if (q.width && (q.right > r.right + 1 || q.left < r.left - 1)) bad.push(`${c.id || c.name} sticks out of ${f.querySelector('legend')?.textContent}`);
              }
            }
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i].getBoundingClientRect(), b = boxes[j].getBoundingClientRect();
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) bad.push(`boxes ${i} and ${j} overlap`);
            }
            return bad;
          });
          assert(overlaps.length === 0, `at ${width} px: ${overlaps.join('; ')}`);
        } finally {
          await t.context.close();
        }
      }
    },
  },
  {
    name: 'layout: /s/doesnotexist and unknown paths get a styled 404 page',
    async fn(browser) {
      const t = await openPage(browser);
      try {
        for (const path of ['/s/doesnotexist', '/no/such/page']) {
          const res = await t.page.goto(BASE + path);
          assert(res.status() === 404, `${path}: status ${res.status()}`);
          const styled = await t.page.evaluate(() => !!document.querySelector('link[rel="stylesheet"][href="/pkg/podnet.css"]') &&
            getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)');
          assert(styled, `${path}: the 404 page uses the site's stylesheet`);
          assert(await t.page.locator('a[href="/"]').count() > 0, `${path}: links to the editor`);
        }
      } finally {
        await t.context.close();
      }
    },
  },
];
