// Run @monokle/validation (installed under $MONOKLE_PREFIX/node_modules) on YAML files and
// print one JSON summary: {"resources", "results", "findings": [{rule, level, message, path}]}.
// Plugins: the core ones that work offline (yaml-syntax, pod-security-standards, practices,
// resource-links, metadata). kubernetes-schema is left out: its schemas are fetched from the
// vendor's CDN at run time, which this machine cannot reach (the library then silently skips it).
// Usage: MONOKLE_PREFIX=target/bench-peers/npm node monokle-check.mjs FILE...
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const prefix = resolve(process.env.MONOKLE_PREFIX || 'target/bench-peers/npm');
const lib = (p) => import(pathToFileURL(join(prefix, 'node_modules', p)).href);
const { createDefaultMonokleValidator, processRefs, ResourceParser } = await lib('@monokle/validation/lib/node.js');
const YAML = await lib('yaml/dist/index.js');

const resources = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const docs = YAML.parseAllDocuments(text);
  docs.forEach((doc, i) => {
    const content = doc.toJS();
    if (!content || typeof content !== 'object') return;
    const [start, , end] = doc.range;
    resources.push({
      id: `${file}#${i}`,
      fileId: file,
      filePath: file,
      fileOffset: text.slice(0, start).split('\n').length - 1,
      name: content.metadata?.name ?? `doc-${i}`,
      apiVersion: content.apiVersion ?? '',
      kind: content.kind ?? '',
      namespace: content.metadata?.namespace,
      content,
      text: text.slice(start, end),
    });
  });
}

const validator = createDefaultMonokleValidator();
await validator.preload({
  plugins: {
    'yaml-syntax': true,
    'pod-security-standards': true,
    practices: true,
    'resource-links': true,
    metadata: true,
    'kubernetes-schema': false,
  },
});
processRefs(resources, new ResourceParser());
const response = await validator.validate({ resources });
const findings = [];
for (const run of response.runs) {
  for (const r of run.results ?? []) {
    findings.push({
      rule: r.ruleId,
      level: r.level,
      message: r.message?.text,
      path: (r.locations ?? []).flatMap((l) => (l.logicalLocations ?? []).map((x) => x.fullyQualifiedName)).join(' '),
    });
  }
}
process.stdout.write(JSON.stringify({ resources: resources.length, results: findings.length, findings }) + '\n');
