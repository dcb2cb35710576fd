// "Paste an error" (issue #17): the seed event with the seed manifest in the editor marks the
// CAL-A001 finding, decorates it in the editor and moves the editor there; /explain answers
// as the user pastes; axe finds no serious or critical violation on /explain.
import { scan as axeScan } from './axe.mjs';
import {
  BASE, OUT, SAMPLE, openPage, openEditor, setSource, waitForMarker, assert, assertEqual, noProblems,
} from './harness.mjs';


const EVENT = 'Warning  FailedCreatePodSandBox  4s  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "cc39aedf1e61": plugin type="multus" name="multus-cni-network" failed (add): [default/samplepod/1c2b3a:k8s-pod-network]: error adding container to network "k8s-pod-network": plugin type="calico" failed (add): invalid character \'d\' looking for beginning of value';

async function paste(page, selector, text) {
  await page.focus(selector);
  await page.evaluate(([sel, t]) => {
    const el = document.querySelector(sel);
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, [selector, text]);
}

export const tests = [];
for (const colorScheme of ['light', 'dark']) {
  tests.push({
    name: `paste the seed event with the seed manifest: CAL-A001 first, its finding marked, the editor there (${colorScheme})`,
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser, { colorScheme });
      try {
        await setSource(page, SAMPLE);
        await waitForMarker(page, 'CAL-A001', 6);
        await page.evaluate(() => window.podnetEditor.setPosition({ lineNumber: 1, column: 1 }));
        await paste(page, '#explain-text', EVENT);
        const first = page.locator('#explain-results .explain-match').first();
        await first.waitFor({ timeout: 15000 });
        assertEqual(await first.getAttribute('data-rule'), 'CAL-A001', 'first match');
        const link = first.locator('a.explain-rule');
        assertEqual(await link.getAttribute('href'), '/rules/CAL-A001', 'match links to its rule page');
        const caps = await first.locator('.explain-captures').innerText();
        assert(caps.includes('pod: samplepod') && caps.includes('character: d'), `captures: ${caps}`);
        // The finding that explains it is marked in the list…
        const marked = page.locator('#findings li.finding.explained');
        await marked.first().waitFor({ timeout: 10000 });
        assertEqual(await marked.count(), 1, 'one finding explains the error');
        assert((await marked.first().innerText()).includes('CAL-A001'), 'the marked finding is CAL-A001');
        // …decorated in the editor, and the editor moved there.
        await page.waitForSelector('.monaco-editor .explained-range', { timeout: 10000 });
        const pos = await page.evaluate(() => window.podnetEditor.getPosition());
        assertEqual(`${pos.lineNumber}:${pos.column}`, '6:38', 'editor cursor at the finding');
        const visible = await page.evaluate(() => window.podnetEditor.getVisibleRanges()
          .some((r) => r.startLineNumber <= 6 && r.endLineNumber >= 6));
        assert(visible, 'line 6 is visible in the editor');
        await page.locator('.explain-box').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${OUT}/explain-box-${colorScheme}.png`, fullPage: true });
        // A pasted text that is markup stays text.
        await paste(page, '#explain-text', '<img src=x onerror="window.__pwned=1"> ' + EVENT);
        await page.waitForTimeout(800);
        assert(!(await page.evaluate(() => window.__pwned)), 'pasted markup never runs');
        assertEqual(await page.locator('#explain-results img').count(), 0, 'no element from the pasted text');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  });
  tests.push({
    name: `/explain: matches as the user pastes, axe clean (${colorScheme})`,
    async fn(browser) {
      const { context, page, problems } = await openPage(browser, { colorScheme });
      try {
        await page.goto(`${BASE}/explain`);
        await paste(page, '#explain-page-text', EVENT);
        const first = page.locator('#explain-page-results .explain-match').first();
        await first.waitFor({ timeout: 15000 });
        assertEqual(await first.getAttribute('data-rule'), 'CAL-A001', 'first match');
        await page.screenshot({ path: `${OUT}/explain-page-${colorScheme}.png`, fullPage: true });
        noProblems(problems, '/explain');
      } finally {
        await context.close();
      }
      const scan = await openPage(browser, { colorScheme, bypassCSP: true });
      try {
        await scan.page.goto(`${BASE}/explain`);
        await paste(scan.page, '#explain-page-text', EVENT);
        await scan.page.locator('#explain-page-results .explain-match').first().waitFor({ timeout: 15000 });
        await axeScan(scan.page, `/explain (${colorScheme})`);
      } finally {
        await scan.context.close();
      }
    },
  });
}
