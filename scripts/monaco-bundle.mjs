// Bundle the part of Monaco the editor page uses (issue #16 item 11), with esbuild, from
// monaco-editor's ESM build (both pinned in package.json / package-lock.json):
//   OUT/editor.js      the editor core + the features below + the YAML tokenizer, one ES module
//                      (`import()`ed by public/editor.js, which sets window.monaco)
//   OUT/editor.css     its styles          OUT/codicon-*.ttf  the icon font the CSS names
//   OUT/editor.worker.js  the one worker (diff computation, links, word ranges), a classic
//                      script started same-origin (CSP `worker-src 'self' blob:`)
// Left out: the other 80 languages, the JSON/CSS/HTML/TypeScript language services and their
// workers, the command palette, suggestions, code lens, inlay hints, sticky scroll, colour
// picker, rename, references, formatting, snippets, parameter hints, the GPU renderer, …
// No eval, no new Function: the bundle runs under the page's CSP.
// Writes only when an input (this script, package-lock.json) is newer than the output.
// Usage: node scripts/monaco-bundle.mjs OUTDIR [--release]   (release: minified)
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
const release = process.argv.includes('--release');
if (!out) {
  console.error('usage: node scripts/monaco-bundle.mjs OUTDIR [--release]');
  process.exit(2);
}

// What the page uses (public/editor.js, tests/e2e): each `monaco-editor/features/<name>/register.js` (package exports map `./*.js` to `esm/vs/*.js`).
const FEATURES = [
  'codicon', //          the icons of the widgets below
  'hover', //            marker hovers and the annotation hovers (registerHoverProvider)
  'codeAction', //       quick fixes: Ctrl+. and the light bulb (registerCodeActionProvider)
  'gotoError', //        F8 / Shift+F8: next / previous finding (the editor's aria label says so)
  'find', //             Ctrl+F / Ctrl+H
  'diffEditor', //       the corrected-YAML diff (createDiffEditor)
  'contextmenu', //      right click: cut/copy/paste, "podnet: Fix all", quick fix
  'clipboard', //        the clipboard actions of that menu
  'comment', //          Ctrl+/ comments lines out
  'bracketMatching', //  flow [ ] and { } in annotation values
  'folding', //          fold objects of long manifests
  'indentation', //      indentation actions
  'linesOperations', //  move / copy / delete lines (Alt+Up, Ctrl+Shift+K, …)
  'multicursor', //      Ctrl+D, Alt+click
  'cursorUndo', //       Ctrl+U
  'wordHighlighter', //  other occurrences of the word under the cursor
  'wordOperations', //   Ctrl+Backspace and friends
  'smartSelect', //      Shift+Alt+Right
  'unicodeHighlighter', // marks “smart quotes” and invisible characters in the text
  'toggleTabFocusMode', // Ctrl+M: Tab moves the focus (the keyboard way out of the editor)
  'readOnlyMessage', //  "cannot edit" in read-only embeds
];

const outDir = path.resolve(out);
const stamp = path.join(outDir, '.bundle-built-from');
const inputs = [fileURLToPath(import.meta.url), path.join(root, 'package-lock.json')];
const want = (release ? 'release ' : 'debug ') + inputs.map((f) => statSync(f).mtimeMs).join(' ');
if (existsSync(stamp) && existsSync(path.join(outDir, 'editor.js'))
    && existsSync(path.join(outDir, 'editor.worker.js'))) {
  const { readFileSync } = await import('node:fs');
  if (readFileSync(stamp, 'utf8') === want) process.exit(0);
}

const t0 = Date.now();
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const entry = [
  "export * from 'monaco-editor/editor/editor.api.js';",
  ...FEATURES.map((f) => `import 'monaco-editor/features/${f}/register.js';`),
  // The YAML tokenizer (its Monarch grammar is imported on first use; esbuild inlines it).
  "import 'monaco-editor/languages/definitions/yaml/register.js';",
].join('\n');

const common = {
  bundle: true,
  minify: release,
  sourcemap: false,
  legalComments: 'none',
  target: 'es2022',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': release ? '"production"' : '"development"' },
};

await esbuild.build({
  ...common,
  stdin: { contents: entry, resolveDir: root, sourcefile: 'monaco-entry.js', loader: 'js' },
  format: 'esm',
  outfile: path.join(outDir, 'editor.js'),
  loader: { '.ttf': 'file' },
  assetNames: '[name]-[hash]',
});
await esbuild.build({
  ...common,
  entryPoints: ['monaco-editor/editor/common/services/editorWebWorkerMain.js'],
  format: 'iife',
  outfile: path.join(outDir, 'editor.worker.js'),
});

writeFileSync(stamp, want);
const sizes = readdirSync(outDir).filter((f) => !f.startsWith('.'))
  .map((f) => `${f} ${(statSync(path.join(outDir, f)).size / 1024).toFixed(0)} KB`);
console.log(`[monaco-bundle] ${release ? 'release' : 'debug'} in ${Date.now() - t0} ms: ${sizes.join(', ')}`);
