// Lighthouse (mobile emulation, Lighthouse's default) on the search page (`/`) and one open
// posting's page (`/postings/{id}`, the first of `GET /api/v1/postings?per_page=1`).
//
//   npm run lighthouse                         (from the repository: `make lighthouse`)
//   npm run lighthouse -- --url http://127.0.0.1:8080   (a server that is already running)
//
// Without --url it starts `keynet serve` itself ($KEYNET_BIN, else ../target/debug/keynet) on a
// fresh temporary SQLite file and a free port (`migrate`, `seed-demo --postings 200
// --if-empty`, `serve`) and stops it at the end, whatever happened. Chromium is Debian's
// /usr/bin/chromium ($CHROMIUM_PATH), started through chrome-launcher; nothing is downloaded.
//
// Prints, for each page, the accessibility, SEO, performance and best-practices scores, the
// CLS, and the failing accessibility/SEO/best-practices audits and layout-shift diagnostics
// with the elements Lighthouse names. It asserts no score: it exits 0 whenever Lighthouse ran,
// non-zero only when it could not (no server, no browser, a page Lighthouse could not load).
// The full reports go to test-results/lighthouse/{search,posting}.report.{html,json}.
import { stopProcess } from './stop-process.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(root, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const CATEGORIES = ['accessibility', 'seo', 'performance', 'best-practices'];
/** Categories whose failing audits are listed, each with the elements it names. */
const LISTED = ['accessibility', 'seo', 'best-practices'];
/** Performance audits about layout shifts, listed when they name anything. */
const CLS_AUDITS = ['layout-shifts', 'unsized-images', 'non-composited-animations'];
const MAX_ITEMS = 10;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: join(root, 'test-results/lighthouse') },
    verbose: { type: 'boolean', default: false },
  },
});

// ---------------------------------------------------------------- server

const freePort = () =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });

let server = null;
let work = null;
const serverLog = [];

async function waitUp(base) {
  for (let i = 0; i < 300; i++) {
    if (server && server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${serverLog.join('')}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${base} did not come up:\n${serverLog.join('')}`);
}

async function startServer() {
  const bin = resolve(process.env.KEYNET_BIN ?? join(repo, 'target/debug/keynet'));
  if (!existsSync(bin)) throw new Error(`no server binary at ${bin} (set KEYNET_BIN, or build it: cargo build -p keynet)`);
  work = mkdtempSync(join(tmpdir(), 'keynet-lighthouse-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    KEYNET_DATABASE_URL: join(work, 'lighthouse.sqlite3'),
    KEYNET_DATA_DIR: work,
    KEYNET_MAIL_DIR: join(work, 'mail'),
    KEYNET_BIND: `127.0.0.1:${port}`,
    KEYNET_PUBLIC_URL: base,
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
  };
  console.log(`lighthouse: server ${bin} on ${base}`);
  // Quietly: seed-demo prints the demo partners' API keys, of no use here.
  const quiet = (cmd) => {
    try {
      execFileSync(bin, cmd, { env, cwd: work, stdio: 'pipe' });
    } catch (e) {
      throw new Error(`keynet ${cmd.join(' ')} failed (${e.status}):\n${e.stderr ?? ''}${e.stdout ?? ''}`);
    }
  };
  quiet(['migrate']);
  quiet(['seed-demo', '--postings', '200', '--if-empty']);
  // From a folder with no web client in it: the binary serves the one built into it.
  server = spawn(bin, ['serve'], { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => serverLog.push(String(d)));
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  await waitUp(base);
  return base;
}

async function stopServer() {
  await stopProcess(server);
  if (work) rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------- printing

const score = (c) => (c?.score == null ? 'n/a' : String(Math.round(c.score * 100)));

/** The node (selector, snippet, label) an item names, if any. */
function nodeOf(item) {
  if (!item || typeof item !== 'object') return null;
  if (item.type === 'node') return item;
  for (const v of Object.values(item)) if (v && typeof v === 'object' && v.type === 'node') return v;
  return null;
}

/** One line for a detail item: its element, else its URL or text. */
function describe(item) {
  const node = nodeOf(item);
  if (node) {
    const label = node.nodeLabel ? ` "${oneLine(node.nodeLabel, 60)}"` : '';
    return `${node.selector ?? '?'}${label}\n          ${oneLine(node.snippet ?? '', 200)}`;
  }
  const v = item.url ?? item.source?.url ?? item.description ?? item.label ?? item.value ?? item.text;
  const where = item.sourceLocation?.url && item.sourceLocation.url !== v ? `\n          at ${item.sourceLocation.url}` : '';
  if (v != null) return oneLine(typeof v === 'object' ? JSON.stringify(v) : String(v), 200) + where;
  // Anything else: its plain fields (robots.txt lines, …); a layout shift with no element is
  // Lighthouse's group of shifts it could not attribute.
  const fields = Object.entries(item).filter(([k, x]) => k !== 'score' && x != null && typeof x !== 'object');
  if (fields.length === 0) return '(no element named)';
  return oneLine(fields.map(([k, x]) => `${k}: ${x}`).join('; '), 200);
}

const oneLine = (s, max) => {
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

function printItems(audit) {
  const items = audit.details?.items ?? [];
  for (const item of items.slice(0, MAX_ITEMS)) {
    const extra = [];
    if (typeof item.score === 'number') extra.push(`shift ${item.score.toFixed(4)}`);
    if (item.explanation) extra.push(oneLine(item.explanation, 300));
    console.log(`        - ${describe(item)}${extra.length ? `\n          ${extra.join(' — ')}` : ''}`);
    for (const sub of item.subItems?.items?.slice(0, 5) ?? []) {
      console.log(`            · ${oneLine(sub.extra?.value ?? sub.cause ?? describe(sub), 200)}`);
    }
  }
  if (items.length > MAX_ITEMS) console.log(`        … and ${items.length - MAX_ITEMS} more`);
}

function failing(lhr, categoryId) {
  const refs = lhr.categories[categoryId]?.auditRefs ?? [];
  return refs
    .map((r) => lhr.audits[r.id])
    .filter((a) => a && a.score !== null && a.score < 1 && !['manual', 'notApplicable', 'informative'].includes(a.scoreDisplayMode));
}

function print(name, url, lhr) {
  const c = lhr.categories;
  const cls = lhr.audits['cumulative-layout-shift'];
  console.log(`\n${name}: ${url}`);
  console.log(
    `  accessibility ${score(c.accessibility)}  seo ${score(c.seo)}  performance ${score(c.performance)}  ` +
      `best-practices ${score(c['best-practices'])}  CLS ${cls?.numericValue == null ? 'n/a' : cls.numericValue.toFixed(3)}`,
  );
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index']
    .map((id) => lhr.audits[id])
    .filter((a) => a?.displayValue)
    .map((a) => `${a.title.replace(/ Paint$/, '')} ${a.displayValue}`);
  if (metrics.length) console.log(`  (${metrics.join(', ')})`);
  for (const cat of LISTED) {
    const bad = failing(lhr, cat);
    if (bad.length === 0) continue;
    console.log(`  failing ${c[cat]?.title ?? cat} audits:`);
    for (const a of bad) {
      console.log(`    ✗ ${a.title} [${a.id}]${a.displayValue ? ` (${a.displayValue})` : ''}`);
      printItems(a);
    }
  }
  const shifts = CLS_AUDITS.map((id) => lhr.audits[id]).filter(
    (a) => a && ((a.score !== null && a.score < 1) || (a.details?.items?.length ?? 0) > 0),
  );
  if (shifts.length) {
    console.log('  layout shifts:');
    for (const a of shifts) {
      console.log(`    • ${a.title} [${a.id}]${a.displayValue ? ` (${a.displayValue})` : ''}`);
      printItems(a);
    }
  }
  if (lhr.runWarnings?.length) for (const w of lhr.runWarnings) console.log(`  warning: ${oneLine(w, 300)}`);
}

// ---------------------------------------------------------------- run

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log('lighthouse: installing Chromium (scripts/web-e2e-deps.sh)');
    execFileSync('bash', [join(repo, 'scripts/web-e2e-deps.sh')], { stdio: 'inherit' });
  }
  const base = args.url ? args.url.replace(/\/+$/, '') : await startServer();
  if (args.url) await waitUp(base);

  const index = await (await fetch(`${base}/`)).text();
  if (!/<script[^>]*type="module"/.test(index)) {
    throw new Error(`${base}/ serves no web client (build it first: make web, or cd web-client && npm run build)`);
  }
  const res = await fetch(`${base}/api/v1/postings?per_page=1`);
  if (!res.ok) throw new Error(`GET /api/v1/postings?per_page=1: ${res.status} ${await res.text()}`);
  const id = (await res.json()).items?.[0]?.id;
  if (id == null) throw new Error('no open posting to measure (seed some: keynet seed-demo --postings 200)');

  const pages = [
    ['search', `${base}/`],
    ['posting', `${base}/postings/${encodeURIComponent(id)}`],
  ];
  mkdirSync(args.out, { recursive: true });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  let broken = 0;
  let version = '';
  try {
    for (const [name, url] of pages) {
      // Mobile emulation and simulated throttling: Lighthouse's default configuration.
      const result = await lighthouse(url, {
        port: chrome.port,
        output: ['html', 'json'],
        onlyCategories: CATEGORIES,
        logLevel: args.verbose ? 'info' : 'error',
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr, report } = result;
      version = lhr.lighthouseVersion;
      writeFileSync(join(args.out, `${name}.report.html`), report[0]);
      writeFileSync(join(args.out, `${name}.report.json`), report[1]);
      if (lhr.runtimeError) {
        console.error(`\n${name}: ${url}\n  Lighthouse could not measure the page: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        broken++;
        continue;
      }
      print(name, url, lhr);
    }
  } finally {
    await chrome.kill();
  }
  console.log(`\nlighthouse: Lighthouse ${version}, mobile; reports in ${args.out}; no score is asserted`);
  return broken === 0 ? 0 : 1;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await stopServer();
    process.exit(130);
  });
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`lighthouse: could not run: ${(args.verbose ? e?.stack : e?.message) ?? e}`);
  code = 1;
} finally {
  await stopServer();
}
process.exit(code);
