// Precompress the site's static files for `podnet serve` (tower-http ServeDir
// `precompressed_br` / `precompressed_gzip`): next to each .wasm/.js/.css/.svg/.ttf file under
// DIR write FILE.br (brotli quality 11, the best; too slow to do per request) and FILE.gz
// (gzip -9). The server then sends them with a Content-Length and never compresses them
// again. A variant newer than its file is kept; `--clean` only removes the variants (debug
// builds serve the files as they are and compress on the fly).
// Usage: node scripts/precompress.mjs [--clean] DIR
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const clean = args[0] === '--clean';
const dir = clean ? args[1] : args[0];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs [--clean] DIR');
  process.exit(2);
}
const WANT = /\.(wasm|js|mjs|css|svg|json|ttf)$/;

function* files(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

let written = 0;
let raw = 0;
let br = 0;
for (const f of [...files(dir)]) {
  if (f.endsWith('.br') || f.endsWith('.gz')) {
    const src = f.slice(0, -3);
    if (clean || !existsSync(src)) unlinkSync(f);
    continue;
  }
  if (clean || !WANT.test(f)) continue;
  const mtime = statSync(f).mtimeMs;
  const fresh = (v) => existsSync(v) && statSync(v).mtimeMs >= mtime;
  if (fresh(f + '.br') && fresh(f + '.gz')) continue;
  const data = readFileSync(f);
  const b = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(f)
        ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  writeFileSync(f + '.br', b);
  writeFileSync(f + '.gz', zlib.gzipSync(data, { level: 9 }));
  written += 1;
  raw += data.length;
  br += b.length;
}
if (!clean) {
  console.log(`precompressed ${written} file(s) in ${dir}: ${raw} -> ${br} bytes (brotli 11)`);
}
