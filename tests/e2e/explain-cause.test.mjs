// Issue #16 item 8: a JSON syntax error is explained, not only quoted. For the trailing comma
// of `'[{"name": "macvlan-conf"},]'` the marker, the findings list and the hover keep Go's
// text (people search for it) and add the plain cause with its place ("trailing comma at
// 6:60"); the hover says the value could not be read, never "0 attachments". Screenshots
// of the hover and the findings list, light and dark, go to tests/e2e/out/.
import path from 'node:path';
import { OUT, assert, noProblems, openEditor, setSource, waitForMarker } from './harness.mjs';

const TRAILING = `apiVersion: v1
kind: Pod
metadata:
  name: samplepod
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"},]'
    cni.projectcalico.org/ipv4pools: '[“default-ipv4-ippool”]'
spec:
  containers:
  - name: app
    image: nginx
`;
const GO = "invalid character ']' looking for beginning of value";

async function showHover(page, needle) {
  await page.evaluate((needle) => {
    const ed = window.podnetEditor;
    const model = ed.getModel();
    const line = model.getLinesContent().findIndex((l) => l.includes(needle)) + 1;
    ed.focus();
    ed.setPosition({ lineNumber: line, column: model.getLineContent(line).indexOf('[') + 3 });
    ed.trigger('test', 'editor.action.showHover', {});
  }, needle);
}

function scenario(colorScheme) {
  return {
    name: `explain: a trailing comma is named in the marker, the findings list and the hover (${colorScheme})`,
    async fn(browser) {
      const t = await openEditor(browser, { colorScheme });
      const { page } = t;
      try {
        await setSource(page, TRAILING);
        const marker = await waitForMarker(page, 'MUL-J01', 6);
        assert(marker.message.includes(GO), `marker keeps Go's text: ${marker.message}`);
        assert(/Why: trailing comma at 6:60/.test(marker.message), `marker names the cause: ${marker.message}`);

        // The findings list: Go's text and the cause.
        const item = page.locator('#findings li', { hasText: 'MUL-J01' }).first();
        await item.locator('.help').waitFor();
        const text = await item.innerText();
        assert(text.includes(GO), `findings list keeps Go's text: ${text}`);
        assert(/Why: trailing comma at 6:60/.test(text), `findings list names the cause: ${text}`);
        const pools = await page.locator('#findings li', { hasText: 'CAL-A001' }).first().innerText();
        assert(/typographic/.test(pools), `smart quotes named: ${pools}`);
        await page.locator('#findings').screenshot({ path: path.join(OUT, `explain-findings-${colorScheme}.png`) });

        // The hover: could not be read, and why; never "0 attachments".
        await showHover(page, 'k8s.v1.cni.cncf.io/networks');
        const hover = page.locator('.monaco-hover-content').filter({ hasText: /Multus networks/ }).first();
        await hover.waitFor();
        const md = await hover.innerText();
        assert(/could not be read/.test(md), `hover says it could not be read: ${md}`);
        assert(!/0 attachments/.test(md), `hover does not count 0 attachments: ${md}`);
        assert(/trailing comma at 6:60/.test(md), `hover names the cause: ${md}`);
        assert(md.includes(GO), `hover keeps Go's text: ${md}`);
        await page.screenshot({ path: path.join(OUT, `explain-hover-${colorScheme}.png`) });
        noProblems(t.problems);
      } finally {
        await t.context.close();
      }
    },
  };
}

export const tests = [scenario('light'), scenario('dark')];
