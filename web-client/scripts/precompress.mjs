// Writes `X.br` (brotli, quality 11) and `X.gz` (gzip, level 9) next to every text file X in
// dist/ larger than 1 KB, so the server can send them precompressed to browsers that accept
// them. Runs after `vite build` (see `npm run build`); node:zlib only, no dependency.
// A variant that would not be smaller than the file itself is not written.
import { readdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const EXTENSIONS = /\.(js|css|html|svg|json|txt|webmanifest)$/;
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Writes `data` to `path` with the original's times, or removes a stale `path` if it would not help. */
async function put(path, data, original) {
  if (data.length >= original.size) {
    await unlink(path).catch(() => undefined);
    return 0;
  }
  await writeFile(path, data);
  await utimes(path, original.atime, original.mtime);
  return data.length;
}

async function compress(path) {
  const info = await stat(path);
  const data = await readFile(path);
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: 9 }),
  ]);
  return { path, size: info.size, br: await put(`${path}.br`, br, info), gz: await put(`${path}.gz`, gzipped, info) };
}

const queue = [];
for await (const path of files(dist)) {
  if (!EXTENSIONS.test(path)) continue;
  if ((await stat(path)).size <= MIN_BYTES) continue;
  queue.push(path);
}

// A few at a time: brotli at quality 11 is slow, and zlib runs on libuv's thread pool.
const results = [];
const workers = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, async () => {
  for (let path = queue.shift(); path; path = queue.shift()) results.push(await compress(path));
});
await Promise.all(workers);

const sum = (key) => results.reduce((n, r) => n + r[key], 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const r of results.filter((r) => r.path.endsWith('.html') || r.path.endsWith('.css'))) {
  console.log(`  ${relative(dist, r.path)}  ${kb(r.size)} → br ${kb(r.br)}, gz ${kb(r.gz)}`);
}
console.log(`precompress: ${results.length} files, ${kb(sum('size'))} → br ${kb(sum('br'))}, gz ${kb(sum('gz'))}`);
