// What the end-to-end tests share: the machine (Chromium, a Japanese font), the real server on
// a fresh temporary SQLite database, the browser, small helpers and the test runner.
//
// The server binary is $KEYNET_BIN, else ../target/debug/keynet, else ../target/release/keynet,
// else built with `cargo build -p keynet`. It serves the dist/ built into it (read from disk in debug builds), so `npm run build`
// must have run.
import { stopProcess } from '../scripts/stop-process.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(root, '..');
let shots = join(root, 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const require = (await import('node:module')).createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
// Evaluated through the DevTools protocol: a <script> tag with it would be refused by the
// page's Content-Security-Policy (script-src 'self').
const AXE_SOURCE = readFileSync(AXE, 'utf8');

// ---------------------------------------------------------------- machine

function hasJapaneseFont() {
  try {
    return /IPA|Noto Sans CJK|Noto Sans JP|Takao|VL Gothic/i.test(execFileSync('fc-list', { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

if (!existsSync(CHROMIUM) || !hasJapaneseFont()) {
  console.log('e2e: installing Chromium and a Japanese font (scripts/web-e2e-deps.sh)');
  execFileSync('bash', [join(repo, 'scripts/web-e2e-deps.sh')], { stdio: 'inherit' });
}

function findBinary() {
  if (process.env.KEYNET_BIN) {
    if (!existsSync(process.env.KEYNET_BIN)) throw new Error(`KEYNET_BIN=${process.env.KEYNET_BIN} does not exist`);
    return resolve(process.env.KEYNET_BIN);
  }
  const candidates = [join(repo, 'target/debug/keynet'), join(repo, 'target/release/keynet')];
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  // A fresh clone has no binary yet: build the debug one, as `cargo test` does not.
  console.log('e2e: no keynet binary yet; running `cargo build -p keynet`');
  execFileSync('cargo', ['build', '-p', 'keynet'], { cwd: repo, stdio: 'inherit' });
  return candidates[0];
}

if (!existsSync(join(root, 'dist/index.html'))) throw new Error('dist/index.html missing: run `npm run build` first');

const freePort = () =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });

// ---------------------------------------------------------------- server

const BIN = findBinary();
console.log(`e2e: server ${BIN}`);
const work = mkdtempSync(join(tmpdir(), 'keynet-e2e-'));
const port = await freePort();
export const BASE = `http://127.0.0.1:${port}`;
export const MAIL_DIR = join(work, 'mail');
export const ADMIN = { email: 'admin@e2e.keynet.test', password: 'admin-pass-2026' };

let server = null;
let browser = null;
const serverLog = [];

/** Starts the server on a fresh database (with `seedPostings` demo postings) and the browser. */
async function start({ seedPostings, env: extraEnv }) {
  const env = {
    ...process.env,
    KEYNET_DATABASE_URL: join(work, 'e2e.sqlite3'),
    KEYNET_DATA_DIR: work,
    KEYNET_MAIL_DIR: MAIL_DIR,
    KEYNET_BIND: `127.0.0.1:${port}`,
    KEYNET_PUBLIC_URL: BASE,
    KEYNET_JWT_SECRET: 'e2e-secret-0123456789abcdef0123456789',
    KEYNET_WORKERS: '2',
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
    ...extraEnv,
  };
  execFileSync(BIN, ['migrate'], { env, stdio: 'ignore' });
  execFileSync(BIN, ['create-admin', '--email', ADMIN.email, '--password', ADMIN.password], { env, stdio: 'ignore' });
  // Other facilities' postings around ours, so search, facets and paging have something to do.
  if (seedPostings > 0) execFileSync(BIN, ['seed-demo', '--postings', String(seedPostings)], { env, stdio: 'ignore' });
  // From a folder with no web client in it: the binary serves the one built into it.
  server = spawn(BIN, ['serve'], { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => serverLog.push(String(d)));
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    if (server.exitCode !== null) throw new Error(`server exited: ${serverLog.join('')}`);
    try {
      up = (await fetch(`${BASE}/api/v1/health`)).ok;
    } catch {
      // not up yet
    }
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) throw new Error('server did not come up');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

async function stopAll() {
  await browser?.close().catch(() => undefined);
  await stopProcess(server);
  rmSync(work, { recursive: true, force: true });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await stopAll();
    process.exit(130);
  });
}

// ---------------------------------------------------------------- helpers

export const pad = (n) => String(n).padStart(2, '0');
export const isoIn = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
export const reiwa = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `令和${y - 2018}年${m}月${d}日`;
};
export const reiwaShort = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `R${y - 2018}.${m}.${d}`;
};
export const fullWidth = (s) => s.replace(/[0-9A-Za-z\-:,]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Every Content-Security-Policy violation the browser reported, as `url: message`. */
export const cspViolations = [];

/** Listens on `page` for what every test page should report (page errors, CSP violations). */
export function watch(page) {
  page.on('pageerror', (e) => console.log(`    page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  return page;
}

export async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', ...options });
  context.setDefaultTimeout(15000);
  context.on('page', watch);
  return context.newPage();
}

/** The name of the HttpOnly cookie that carries the refresh token (Path=/api/v1/auth). */
export const REFRESH_COOKIE = 'keynet_refresh';

/** The page's refresh cookie, or undefined. */
export async function refreshCookie(page) {
  // Its Path is /api/v1/auth, so ask for the cookies sent there (not those of `BASE` itself).
  return (await page.context().cookies(`${BASE}/api/v1/auth/refresh`)).find((c) => c.name === REFRESH_COOKIE);
}

/** Waits until the page's browser has no refresh cookie any more. */
export async function waitForNoRefreshCookie(page, message = 'the refresh cookie is still set') {
  await waitFor(async () => !(await refreshCookie(page)), message);
}

export async function signIn(page, loginId, password, expectPath) {
  await page.goto(`${BASE}/login`);
  await page.fill('#f-login_id', loginId);
  await page.fill('#f-password', password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.waitForURL((u) => u.pathname === expectPath);
}

/** Runs axe-core on the page; returns violations as readable lines. */
export async function axe(page) {
  await page.evaluate((source) => {
    // Indirect eval, run during the DevTools call (which the CSP allows), so axe defines window.axe.
    (0, eval)(source);
  }, AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
  return result;
}

/** The mails written to `address`, newest first, each with its raw text and its decoded parts. */
export function mailsTo(address) {
  const files = existsSync(MAIL_DIR)
    ? readdirSync(MAIL_DIR)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => join(MAIL_DIR, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  const out = [];
  for (const file of files) {
    const raw = readFileSync(file, 'utf8');
    if (!new RegExp(`^To:.*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw)) continue;
    const texts = [raw, raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))];
    for (const block of raw.match(/(?:^[A-Za-z0-9+/=]{16,}\r?\n?)+/gm) ?? []) {
      texts.push(Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
    out.push({ file, raw, texts });
  }
  return out;
}

/** The activation link from the newest mail to `address` (base64, quoted-printable or plain). */
export function activationLink(address) {
  return mailedLink(address, '/activate');
}

/** The newest link to `path` (`/reset-password`) with a token in mail to `address`. */
export function mailedLink(address, path) {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path}\\?token=[A-Za-z0-9_\\-%.~]+`);
  for (const mail of mailsTo(address)) {
    for (const t of mail.texts) {
      const m = pattern.exec(t);
      if (m) return m[0];
    }
  }
  return null;
}

/** Calls the API as `token` (or nobody); the JSON answer, or throws with the status. */
export async function callApi(method, path, { token, body } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function waitFor(fn, message, timeout = 10000) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------- runner

const tests = [];
/** Registers a test; `needs` lists the indexes of earlier tests it builds on. */
export const test = (name, fn, needs = []) => tests.push({ name, fn, needs });

/**
 * Starts everything, runs the registered tests in order, stops everything, exits 0 or 1.
 * Screenshots go to test-results/<screenshots>/.
 */
export async function run({ seedPostings = 60, env = {}, screenshots = 'screenshots' } = {}) {
  shots = join(root, 'test-results', screenshots);
  let passed = 0;
  let failed = 0;
  const results = [];
  try {
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    await start({ seedPostings, env });
    for (const [i, t] of tests.entries()) {
      const blocked = t.needs.filter((n) => results[n] !== true);
      if (blocked.length > 0) {
        results[i] = false;
        failed++;
        console.log(`  ✗ ${t.name}\n      not run: needs "${blocked.map((n) => tests[n].name).join('", "')}"`);
        continue;
      }
      const started = Date.now();
      try {
        await t.fn();
        results[i] = true;
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        results[i] = false;
        failed++;
        console.log(`  ✗ ${t.name}\n      ${e?.stack ?? e}`);
      }
    }
  } catch (e) {
    failed++;
    console.log(`  ✗ setup: ${e?.stack ?? e}`);
    if (serverLog.length) console.log(serverLog.join('').slice(-4000));
  } finally {
    await stopAll();
  }
  console.log(`screenshots: ${shots}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
