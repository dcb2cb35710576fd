// The editor after hydration: live markers, "Fix all" as one undoable edit, findings list.
import {
  BASE, OUT, SAMPLE, FIXED_LINE_6, openEditor, setSource, editorValue, waitForMarker,
  assert, assertEqual, noProblems,
} from './harness.mjs';

export const tests = [
  {
    name: 'sample manifest: CAL-A001 marker at 6:38, findings list, Fix all, undo',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        const marker = await waitForMarker(page, 'CAL-A001', 6);
        assertEqual(marker.startLineNumber, 6, 'marker startLineNumber');
        assertEqual(marker.startColumn, 38, 'marker startColumn');
        assertEqual(marker.severity, 8, 'marker severity (Error)');
        assert(marker.message.includes('CAL-A001'), `marker message names the rule: ${marker.message}`);

        const item = page.locator('#findings li', { hasText: 'CAL-A001' }).first();
        await item.waitFor();
        const text = await item.innerText();
        assert(text.includes('6:38'), `findings list shows CAL-A001 6:38, got: ${text}`);
        await page.screenshot({ path: `${OUT}/editor-sample.png`, fullPage: true });

        await page.click('#fix-all');
        await page.waitForFunction((want) => window.podnetEditor.getModel().getLineContent(6) === want,
          FIXED_LINE_6, { timeout: 10000 }).catch(async () => {
          const line = await page.evaluate(() => window.podnetEditor.getModel().getLineContent(6));
          throw new Error(`after Fix all, line 6 is ${JSON.stringify(line)}`);
        });
        await page.screenshot({ path: `${OUT}/editor-fixed.png`, fullPage: true });

        await page.evaluate(() => window.podnetEditor.trigger('test', 'undo', null));
        assertEqual(await editorValue(page), SAMPLE, 'text after one undo');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'clicking (and Enter on) a finding moves the editor cursor there',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        await waitForMarker(page, 'CAL-A001', 6);
        const button = page.locator('#findings li', { hasText: 'CAL-A001' }).locator('button.finding-button');
        await button.click();
        let pos = await page.evaluate(() => window.podnetEditor.getPosition());
        assertEqual(`${pos.lineNumber}:${pos.column}`, '6:38', 'cursor after click');
        assert(await page.evaluate(() => window.podnetEditor.hasTextFocus()), 'editor has focus after click');

        await page.evaluate(() => window.podnetEditor.setPosition({ lineNumber: 1, column: 1 }));
        await button.focus();
        await page.keyboard.press('Enter');
        pos = await page.evaluate(() => window.podnetEditor.getPosition());
        assertEqual(`${pos.lineNumber}:${pos.column}`, '6:38', 'cursor after Enter');
        assert(await page.evaluate(() => window.podnetEditor.hasTextFocus()), 'editor has focus after Enter');
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'markers convert character columns to UTF-16 columns',
    async fn(browser) {
      const { context, page } = await openEditor(browser);
      try {
        // Line 1: two astral characters (2 UTF-16 units each) before "x" at char column 7.
        await setSource(page, 'k: "🚀🚀x"\n');
        await page.waitForTimeout(600); // let live validation settle
        const m = await page.evaluate(() => {
          window.podnetGlue.setMarkers(JSON.stringify([{
            rule: 'TEST-1', severity: 'warning', message: 'm',
            range: { start: { line: 1, column: 7, offset: 0 }, end: { line: 1, column: 8, offset: 0 } },
          }]));
          return window.monaco.editor.getModelMarkers({ owner: 'podnet' })[0];
        });
        assertEqual(m.startColumn, 9, 'UTF-16 start column');
        assertEqual(m.endColumn, 10, 'UTF-16 end column');
        assertEqual(m.severity, 4, 'warning severity');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'typing re-validates: fixing the value by hand clears the CAL-A001 marker',
    async fn(browser) {
      const { context, page, problems } = await openEditor(browser);
      try {
        await setSource(page, SAMPLE);
        await waitForMarker(page, 'CAL-A001', 6);
        const fixed = SAMPLE.replace('"default-ipv4-ippool"', `'["default-ipv4-ippool"]'`);
        await setSource(page, fixed);
        await page.waitForFunction(() => !window.monaco.editor.getModelMarkers({ owner: 'podnet' })
          .some((m) => String(m.code && m.code.value || m.code).includes('CAL-A001')), null, { timeout: 10000 });
        await page.locator('#findings', { hasNotText: 'CAL-A001' }).waitFor();
        noProblems(problems);
      } finally {
        await context.close();
      }
    },
  },
];
