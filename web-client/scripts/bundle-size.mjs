// The JavaScript the first screen loads: the entry script of dist/index.html plus every chunk
// it modulepreloads, gzipped (as `gzip -c file | wc -c`). Fails above the budget.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
].map((m) => m[1]);
if (files.length === 0) {
  console.error('bundle-size: no entry script in dist/index.html');
  process.exit(1);
}
let total = 0;
for (const f of files) {
  const bytes = gzipSync(readFileSync(join(dist, f.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`  ${f}  ${(bytes / 1024).toFixed(1)} KB gzipped`);
}
const kb = total / 1024;
console.log(`bundle-size: initial JS ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error('bundle-size: over budget');
  process.exit(1);
}
