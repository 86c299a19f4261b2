// Partners in the browser: an admin opens a partner organisation, issues an API key and adds
// a user; the user sets a password from the mail, signs in, and sees the scope's counts and
// postings, downloads the CSV and is told plainly when a webhook URL is refused. axe-core and
// the 390px layout on every partner page; the download works from the keyboard.

import { ADMIN, BASE, assert, axe, activationLink, cspViolations, newPage, run, shot, signIn, test, waitFor } from './harness.mjs';

const rand = Math.random().toString(36).slice(2, 8).toLowerCase();
const STAFF = { email: `staff-${rand}@mhlw.example.jp`, password: 'mhlw-partner-pass-2026' };
const state = {};

async function checkPage(page, name, problems) {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    const violations = await axe(page);
    problems.push(...violations.map((v) => `${name} (${viewport.width}px): ${v}`));
    if (viewport.width === 390) {
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      if (scroll > width) problems.push(`${name}: content is ${scroll}px wide at 390px`);
    }
    await shot(page, `${name}-${viewport.width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an admin opens a partner, issues an API key and adds a user', async () => {
  const page = await newPage();
  const problems = [];
  await signIn(page, ADMIN.email, ADMIN.password, '/admin');
  await page.getByRole('link', { name: '連携先（関係機関）' }).click();
  await page.waitForURL('**/admin/organisations');
  await page.getByRole('link', { name: '厚生労働省 医政局' }).waitFor();
  await checkPage(page, 'admin-organisations', problems);
  await page.getByRole('link', { name: '厚生労働省 医政局' }).click();
  await page.getByRole('heading', { name: '厚生労働省 医政局', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'APIキーを発行' }).click();
  const key = await page.locator('code.secret').innerText();
  assert(key.startsWith('kn_'), `no key shown: ${key}`);
  await page.fill('#f-user_email', STAFF.email);
  await page.getByRole('button', { name: '利用者を追加' }).click();
  await page.getByText(`${STAFF.email} にパスワード設定用のメールを送りました。`).waitFor();
  await checkPage(page, 'admin-organisation', problems);
  // The key works for the partner API.
  const me = await fetch(`${BASE}/api/v1/partner/me`, { headers: { Authorization: `Bearer ${key}` } });
  assert(me.status === 200, `the new key gets ${me.status}`);
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test(
  'the partner user sets a password from the mail, signs in and sees the scope',
  async () => {
    const link = await waitFor(() => activationLink(STAFF.email), 'no activation mail for the partner user', 15000);
    const page = await newPage({ acceptDownloads: true });
    await page.goto(link);
    await page.fill('#f-password', STAFF.password);
    await page.fill('#f-confirm', STAFF.password);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await page.getByRole('status').first().waitFor();
    await signIn(page, STAFF.email, STAFF.password, '/partner');
    await page.getByRole('heading', { name: '厚生労働省 医政局', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '掲載中の募集の件数（職種 × 都道府県）' }).waitFor();
    await page.locator('table').first().waitFor();
    await page.getByRole('heading', { name: '提供範囲の募集（非公表項目を含む）' }).waitFor();
    // The CSV from the keyboard.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSVをダウンロード（Excel用・UTF-8）' }).focus();
    await page.keyboard.press('Enter');
    const file = await download;
    assert(file.suggestedFilename().endsWith('.csv'), `download named ${file.suggestedFilename()}`);
    // A refused receiver URL is explained at its field.
    await page.fill('#f-url', 'http://example.jp/hook');
    await page.getByRole('button', { name: '送信先を登録' }).click();
    await page.locator('#f-url-error').waitFor();
    const problems = [];
    await checkPage(page, 'partner-home', problems);
    assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
    state.partner = page;
  },
  [0],
);

async function call(method, path, token, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

test('Tokyo registers a help desk and refers someone; visitors find the desk; the referred person declines', async () => {
  const admin = (await call('POST', '/api/v1/auth/login', null, { login_id: ADMIN.email, password: ADMIN.password })).access_token;
  const orgs = await call('GET', '/api/v1/admin/organisations', admin);
  const tokyo = orgs.items.find((o) => o.kind === 'prefecture' && o.prefecture_code === '13');
  // A Tokyo user registers the desk in the partner area.
  const email = `desk-${rand}@metro.example.jp`;
  await call('POST', `/api/v1/admin/organisations/${tokyo.id}/users`, admin, { email });
  const link = await waitFor(() => activationLink(email), 'no activation mail for the Tokyo user', 15000);
  await call('POST', '/api/v1/auth/activate', null, { token: new URL(link).searchParams.get('token'), password: STAFF.password });
  const staff = await newPage();
  await signIn(staff, email, STAFF.password, '/partner');
  await staff.getByRole('heading', { name: '相談窓口' }).waitFor();
  await staff.fill('#f-name', `東京都 医療人材相談窓口 ${rand}`);
  await staff.fill('#f-address', '東京都新宿区西新宿2-8-1');
  await staff.fill('#f-phone', '０３－５３２０－４４４４');
  await staff.fill('#f-hours', '平日 9:00〜17:00');
  await staff.fill('#f-desk_url', 'https://www.example.lg.jp/desk');
  await staff.getByRole('button', { name: '窓口を登録' }).click();
  await staff.getByText(`「東京都 医療人材相談窓口 ${rand}」を登録しました。`).waitFor();
  // The same user refers someone met at the desk to a Tokyo posting.
  const tokyoPosting = (await call('GET', '/api/v1/postings?prefecture=13&per_page=1')).items[0];
  const referred = `referred-${rand}@example.jp`;
  await staff.fill('#f-posting_id', String(tokyoPosting.id));
  await staff.fill('#f-jobseeker-name', '紹介 花子');
  await staff.fill('#f-jobseeker-email', referred);
  await staff.fill('#f-referral_message', '窓口でお会いした方です。');
  await staff.getByRole('button', { name: '紹介する' }).click();
  await staff.getByText(`求人ID ${tokyoPosting.id} に紹介しました。`).waitFor();
  await staff.locator('table tr', { hasText: '紹介 花子' }).waitFor();
  const deskProblems = [];
  await checkPage(staff, 'partner-desks', deskProblems);
  assert(deskProblems.length === 0, `\n      ${deskProblems.join('\n      ')}`);
  state.tokyo = staff;
  // The referred person declines from the mail's link.
  const claim = await waitFor(() => activationLink(referred), 'no referral mail', 15000);
  const declinePage = await newPage();
  await declinePage.goto(`${BASE}/decline-referral?token=${new URL(claim).searchParams.get('token')}`);
  await declinePage.getByRole('button', { name: '紹介を辞退する' }).click();
  await declinePage.getByText('紹介を辞退しました。入力された情報は削除されました。').waitFor();
  await checkPage(declinePage, 'decline-referral', deskProblems);
  assert(deskProblems.length === 0, `\n      ${deskProblems.join('\n      ')}`);
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await page.getByRole('link', { name: '相談窓口' }).click();
  await page.waitForURL('**/desks');
  await page.getByRole('heading', { name: '相談窓口', level: 1 }).waitFor();
  await page.selectOption('#f-desk_prefecture', '13');
  await page.getByRole('heading', { name: `東京都 医療人材相談窓口 ${rand}` }).waitFor();
  assert((await page.getByRole('link', { name: '03-5320-4444' }).getAttribute('href')) === 'tel:0353204444', 'phone link');
  const problems = [];
  await checkPage(page, 'desks', problems);
  await page.selectOption('#f-desk_prefecture', '01');
  await page.getByText('この都道府県の相談窓口は、まだ登録されていません。').waitFor();
  const posting = (await call('GET', '/api/v1/postings?prefecture=13&per_page=1')).items[0];
  await page.goto(`${BASE}/postings/${posting.id}`);
  await page.getByRole('heading', { name: '東京都の相談窓口' }).waitFor();
  await checkPage(page, 'posting-with-desks', problems);
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('an admin finds a facility in the directory and corrects its name, with history', async () => {
  const admin = (await call('POST', '/api/v1/auth/login', null, { login_id: ADMIN.email, password: ADMIN.password })).access_token;
  const first = (await call('GET', '/api/v1/admin/facilities?status=active', admin)).items[0];
  const page = await newPage();
  const problems = [];
  await signIn(page, ADMIN.email, ADMIN.password, '/admin');
  await page.getByRole('link', { name: '医療機関の一覧' }).click();
  await page.waitForURL('**/admin/facilities');
  await page.getByRole('status').filter({ hasText: '件' }).waitFor();
  await checkPage(page, 'admin-facilities', problems);
  // Keyboard only: type the ID (full-width, as a clerk might) and press Enter.
  const wide = first.gmis_id.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  await page.fill('#f-q', wide);
  await page.press('#f-q', 'Enter');
  await page.getByRole('status').filter({ hasText: /^1件$/ }).waitFor();
  await page.getByRole('link', { name: first.name }).click();
  await page.getByRole('heading', { name: first.name, level: 1 }).waitFor();
  const corrected = `${first.name}（訂正 ${rand}）`;
  await page.fill('#f-name', corrected);
  await page.fill('#f-reason', '届出の名称に誤りがあったため');
  await page.getByRole('button', { name: '訂正を保存する' }).click();
  await page.getByText('訂正を保存しました。').waitFor();
  await page.getByRole('heading', { name: corrected, level: 1 }).waitFor();
  await page.locator('table tr', { hasText: '届出の名称に誤りがあったため' }).waitFor();
  await page.locator('table tr', { hasText: `${first.name} → ${corrected}` }).waitFor();
  // An empty reason is refused next to the field, in words.
  await page.fill('#f-name', first.name);
  await page.getByRole('button', { name: '訂正を保存する' }).click();
  await page.locator('#f-reason-error').waitFor();
  await checkPage(page, 'admin-facility', problems);
  // The admin suspends one of its open postings with a reason, from the keyboard.
  const open = (await call('GET', `/api/v1/admin/facilities/${first.id}`, admin)).postings;
  assert(open.length > 0, 'the facility has no open posting');
  const target = open[0].id;
  await page.getByRole('button', { name: `求人ID ${target} の掲載を停止` }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `求人ID ${target} の掲載を停止する` }).waitFor();
  assert((await page.evaluate(() => document.activeElement?.id)) === 'f-note', 'focus is not in the reason field');
  await page.getByRole('button', { name: '停止する', exact: true }).click();
  await page.locator('#f-note-error').waitFor();
  await page.fill('#f-note', '報酬の記載に誤りがあるため');
  await page.getByRole('button', { name: '停止する', exact: true }).click();
  await page.getByText(`求人ID ${target} の掲載を停止しました。医療機関に理由を知らせます。`).waitFor();
  await checkPage(page, 'admin-facility-suspended', problems);
  const closed = await call('GET', `/api/v1/postings/${target}`, admin);
  assert(closed.status === 'closed' && closed.close_reason === 'suspended', `posting ${target} is ${closed.status}/${closed.close_reason}`);
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('an admin narrows the audit log to partner reads and downloads them as CSV', async () => {
  const page = await newPage({ acceptDownloads: true });
  const problems = [];
  await signIn(page, ADMIN.email, ADMIN.password, '/admin');
  await page.getByRole('link', { name: '監査ログ' }).click();
  await page.waitForURL('**/admin/audit-log');
  await page.getByRole('status').filter({ hasText: '件' }).waitFor();
  await page.selectOption('#f-action', 'partner_read');
  await page.fill('#f-from', '令和8年1月1日');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await page.waitForURL(/action=partner_read/);
  assert(page.url().includes('from=2026-01-01'), `the 令和 date was not read: ${page.url()}`);
  // The previous page stays on screen, marked busy, until the filtered one arrives.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const status = page.getByRole('status').filter({ hasText: /^全\d+件$/ });
  await status.waitFor();
  const total = Number((await status.innerText()).replace(/\D/g, ''));
  const actions = await page.locator('table tbody tr td:nth-child(2)').allInnerTexts();
  assert(actions.length > 0 && actions.every((a) => a.includes('連携先が募集情報')), `rows: ${actions.join(' | ')}`);
  await checkPage(page, 'admin-audit-filtered', problems);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'この条件でCSVをダウンロード' }).click();
  const file = await download;
  assert(file.suggestedFilename() === 'keynet-audit-log.csv', `download named ${file.suggestedFilename()}`);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await file.path());
  assert(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'no BOM');
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  assert(lines.length === total + 1, `CSV has ${lines.length} lines for ${total} entries`);
  assert(lines.slice(1).every((l) => l.includes('連携先が募集情報')), 'the CSV is not filtered');
  // The suspension made earlier is listed as the admin's action, with its reason.
  await page.selectOption('#f-action', 'posting_closed');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await page.waitForURL(/action=posting_closed/);
  const row = page.locator('table tbody tr').filter({ hasText: 'reason=suspended' }).first();
  await row.waitFor();
  const text = await row.innerText();
  assert(text.includes('管理者が募集を停止・終了') && text.includes(ADMIN.email), `suspension row: ${text}`);
  await checkPage(page, 'admin-audit-admin-actions', problems);
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('an admin reads the shortage dashboard, narrows it to a prefecture on the map from the keyboard and downloads it', async () => {
  const page = await newPage({ acceptDownloads: true });
  const problems = [];
  await signIn(page, ADMIN.email, ADMIN.password, '/admin');
  await page.getByRole('link', { name: '人材不足の状況' }).click();
  await page.waitForURL('**/admin/shortages');
  await page.getByRole('heading', { name: /の合計$/ }).waitFor();
  const open = Number(await page.locator('.stat-tiles dd').first().innerText());
  assert(open > 0, `open postings shown: ${open}`);
  assert((await page.getByRole('button', { name: /^東京都: \d+件$/ }).count()) === 1, 'Tokyo is a button on the map, named with its count');
  assert((await page.getByRole('button', { name: '東京都に絞り込む' }).count()) === 1, 'Tokyo is a button in the table');
  await checkPage(page, 'admin-shortages', problems);
  // The map's Tokyo, from the keyboard.
  await page.locator('.japan-map path[aria-label^="東京都"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/prefecture=13/);
  await page.getByRole('heading', { name: '職種 × 都道府県' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await page.getByRole('button', { name: '都道府県の絞り込みを外す' }).waitFor();
  const prefectures = await page.locator('table:has(#cells-table) tbody tr td:nth-child(2)').allInnerTexts();
  assert(prefectures.length > 0 && prefectures.every((p) => p === '東京都'), `cells: ${prefectures.join(' | ')}`);
  // Monthly, typed in 令和.
  await page.selectOption('#f-period', 'month');
  await page.fill('#f-from', '令和8年1月1日');
  await page.getByRole('button', { name: '集計する' }).click();
  await page.waitForURL(/period=month/);
  assert(page.url().includes('from=2026-01-01'), `the 令和 date was not read: ${page.url()}`);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '表示中の数値をCSVでダウンロード' }).click();
  const file = await download;
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await file.path());
  assert(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'no BOM');
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  const months = lines.filter((l) => l.startsWith('期間,'));
  assert(months.length >= 11 && months[0].startsWith('期間,2026-01-01,2026-01-31'), `CSV months: ${months.slice(0, 2).join(' | ')}`);
  assert(lines.filter((l) => l.startsWith('職種×都道府県,')).every((l) => l.includes(',東京都,')), 'the CSV is not narrowed to Tokyo');
  await checkPage(page, 'admin-shortages-tokyo', problems);
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('a Tokyo user sees the shortages of Tokyo and nothing of another prefecture', async () => {
  const page = state.tokyo;
  assert(page, 'the Tokyo user is not signed in (an earlier test failed)');
  await page.goto(`${BASE}/partner`);
  await page.getByRole('link', { name: '人材不足の状況（推移・グラフ・CSV）を見る' }).click();
  await page.waitForURL('**/partner/shortages');
  await page.getByRole('heading', { name: /の合計$/ }).waitFor();
  assert((await page.locator('#f-prefecture').count()) === 0, 'a one-prefecture scope offers no prefecture choice');
  assert((await page.locator('.japan-map').count()) === 0, 'no national map for a prefecture');
  const text = await page.locator('main').innerText();
  assert(!text.includes('大阪府') && !text.includes('北海道'), 'another prefecture is named');
  const problems = [];
  await checkPage(page, 'partner-shortages', problems);
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('no partner page broke the Content-Security-Policy', async () => {
  assert(cspViolations.length === 0, `\n      ${cspViolations.join('\n      ')}`);
});

await run({ seedPostings: 40, screenshots: 'screenshots-partners', env: { KEYNET_OUTBOX_INTERVAL_MS: '200' } });
