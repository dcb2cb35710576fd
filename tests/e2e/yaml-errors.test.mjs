// Invalid YAML is a finding (YAML-001 marker at the right line), never an error page.
import { openEditor, setSource, waitForMarker, assert, noProblems } from './harness.mjs';

const TAB_INDENTED = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n';
const UNCLOSED_QUOTE = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  '  annotations:',
  '    k8s.v1.cni.cncf.io/networks: "macvlan-conf',
  '',
].join('\n');

async function expectYamlError(browser, source, line) {
  const { context, page, problems } = await openEditor(browser);
  try {
    await setSource(page, source);
    const marker = await waitForMarker(page, 'YAML-001', line);
    assert(marker.severity === 8, `YAML-001 is an error marker, got severity ${marker.severity}`);
    await page.locator('#findings li', { hasText: 'YAML-001' }).first().waitFor();
    assert(await page.locator('#app[data-hydrated="true"] h1, .page h1').count() > 0, 'page still rendered');
    assert(await page.locator('#editor-host[data-editor-ready="true"]').count() === 1, 'editor still there');
    noProblems(problems);
  } finally {
    await context.close();
  }
}

export const tests = [
  {
    name: 'tab-indented line: YAML-001 marker on line 4',
    fn: (browser) => expectYamlError(browser, TAB_INDENTED, 4),
  },
  {
    name: 'unclosed double quote: YAML-001 marker on line 6 (where the quote opens)',
    fn: (browser) => expectYamlError(browser, UNCLOSED_QUOTE, 6),
  },
];
