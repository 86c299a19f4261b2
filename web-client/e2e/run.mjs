// End-to-end test of the built web client against the real server, in headless Chromium.
//
//   npm run e2e          (after `npm run build`)
//
// Starts `keynet serve` on a fresh temporary SQLite database with KEYNET_WEB_DIR=dist
// (binary from $KEYNET_BIN, else ../target/debug/keynet, else ../target/release/keynet,
// else built with `cargo build -p keynet`),
// then walks the fax path, masking, activation, a facility's register/edit/close, keyboard
// use, accessibility (axe-core), the 390px layout, the session (kept over a reload through the
// HttpOnly refresh cookie, never in web storage; signing out in one tab ends it in all) and the
// Content-Security-Policy. Screenshots go to
// test-results/screenshots/. The server is stopped at the end, whatever happened.
import {
  ADMIN,
  BASE,
  REFRESH_COOKIE,
  activationLink,
  mailedLink,
  assert,
  axe,
  cspViolations,
  fullWidth,
  isoIn,
  newPage,
  refreshCookie,
  reiwa,
  reiwaShort,
  run,
  shot,
  signIn,
  test,
  waitFor,
  waitForNoRefreshCookie,
  callApi,
} from './harness.mjs';

// ---------------------------------------------------------------- helpers

const rand = Math.random().toString(36).slice(2, 8).toUpperCase();
/** Values that masking must keep from anonymous visitors (SPEC 3). */
const SECRET = {
  facilityName: `秘匿テスト病院 SNTLNAME${rand}`,
  street: `秘匿町1-2-3 SNTLSTREET${rand}`,
  workplace: `秘匿棟 SNTLWORK${rand}`,
  person: `秘匿太郎 SNTLPERSON${rand}`,
  contactAddress: `秘匿市秘匿町9 SNTLADDR${rand}`,
  phone: '099-8877-6655',
  applicationPhone: '099-8877-6654',
  email: `sntlmail${rand.toLowerCase()}@example.jp`,
  facilityEmail: `fac${rand.toLowerCase()}@example.jp`,
  gmis: `E2E-${rand}`,
};
const FACILITY_PASSWORD = 'facility-pass-2026';

/** Fills the posting form ①–⑬ (the facility block too when `facility` is given). */
async function fillPostingForm(page, p) {
  if (p.facility) {
    await page.fill('#f-facility-gmis_id', p.facility.gmis);
    await page.fill('#f-facility-name', p.facility.name);
    await page.selectOption('#f-facility-prefecture_code', p.facility.prefecture);
    await page.fill('#f-facility-email', p.facility.email);
  }
  if (p.masked) await page.check('#f-mask_requested');
  await page.check(`input[name="occupation"][value="${p.occupation}"]`);
  await page.fill('#f-workplace-postal_code', p.postal);
  await page.locator('#f-workplace-postal_code').blur();
  await waitFor(async () => (await page.inputValue('#f-workplace-municipality')) !== '', 'postal code did not fill the municipality');
  await page.check(`input[name="workplace.facility_type"][value="${p.facilityType}"]`);
  await page.fill('#f-workplace-street_address', p.street);
  await page.fill('#f-workplace-facility_name', p.workplace);
  await page.fill('#f-employment_period-start', p.start);
  await page.fill('#f-employment_period-end', p.end);
  if (p.probationWeeks) {
    await page.check('input[name="probation"][value="yes"]');
    await page.fill('#f-probation_weeks', p.probationWeeks);
  }
  for (const d of p.duties) await page.check(`input[name="duties.codes"][value="${d}"]`);
  await page.check(`input[name="wage.unit"][value="${p.wageUnit}"]`);
  await page.fill('#f-wage-amount_yen', p.amount);
  await page.fill('#f-hours-start', p.hoursStart);
  await page.fill('#f-hours-end', p.hoursEnd);
  await page.fill('#f-hours-break_minutes', p.breakMinutes);
  await page.fill('#f-hours-holidays', '土日祝');
  await page.check('input[name="insurance.codes"][value="employment"]');
  await page.check('input[name="insurance.codes"][value="workers_compensation"]');
  await page.check('#f-no_smoking_on_premises');
  await page.fill('#f-contact-person_name', p.person);
  if (p.contactAddress) await page.fill('#f-contact-address', p.contactAddress);
  await page.fill('#f-contact-phone', p.phone);
  if (p.applicationPhone) await page.fill('#f-contact-application_phone', p.applicationPhone);
  await page.fill('#f-contact-email', p.email);
  await page.check('input[name="other_listings.codes"][value="hello_work"]');
}

// ---------------------------------------------------------------- tests

const state = {};

test('an admin signs in and registers a masked posting for a new facility (fax path)', async () => {
  const page = await newPage();
  await signIn(page, ADMIN.email, ADMIN.password, '/admin');
  await page.getByRole('link', { name: 'FAXで届いた募集を代理登録する' }).click();
  await page.waitForURL('**/admin/postings/new');
  await page.getByRole('heading', { name: '① 公開方法（マスキング）' }).waitFor();

  // An empty submit lists the problems and focuses the summary.
  await page.getByRole('button', { name: '医療機関に代わって登録する' }).click();
  await page.locator('.error-summary').waitFor();
  assert(await page.locator('#f-facility-gmis_id-error').isVisible(), 'no error next to the facility ID');

  await fillPostingForm(page, {
    facility: { gmis: SECRET.gmis, name: SECRET.facilityName, prefecture: '13', email: SECRET.facilityEmail },
    masked: true,
    occupation: 'nurse',
    postal: '1000001',
    facilityType: 'hospital',
    street: SECRET.street,
    workplace: SECRET.workplace,
    start: isoIn(7),
    end: isoIn(120),
    probationWeeks: '2',
    duties: ['general_outpatient', 'returnee_contact_outpatient'],
    wageUnit: 'hourly',
    amount: '2600',
    hoursStart: '08:30',
    hoursEnd: '17:15',
    breakMinutes: '60',
    person: SECRET.person,
    contactAddress: SECRET.contactAddress,
    phone: SECRET.phone,
    applicationPhone: SECRET.applicationPhone,
    email: SECRET.email,
  });
  await shot(page, 'admin-fax-form');
  await page.getByRole('button', { name: '医療機関に代わって登録する' }).click();
  await page.getByRole('heading', { name: '募集を登録しました' }).waitFor();
  const href = await page.getByRole('link', { name: '登録した募集を見る' }).getAttribute('href');
  state.maskedId = Number(/\/postings\/(\d+)/.exec(href ?? '')?.[1]);
  assert(state.maskedId > 0, `no posting id in ${href}`);
  await shot(page, 'admin-fax-done');
  await page.context().close();
});

test(
  'an anonymous visitor searches, opens the masked posting, and receives none of its hidden details',
  async () => {
    const page = await newPage();
    const bodies = [];
    page.on('response', (res) => {
      bodies.push(
        res
          .body()
          .then((b) => ({ url: res.url(), text: b.toString('utf8') }))
          .catch(() => ({ url: res.url(), text: '' })),
      );
    });
    await page.goto(`${BASE}/`);
    await page.getByRole('heading', { name: '募集をさがす', level: 1 }).waitFor();
    await page.check('input[name="occupation"][value="nurse"]');
    await page.locator('summary', { hasText: '関東' }).click();
    await page.check('#prefecture-13');
    await page.fill('#f-municipality', '千代田区');
    await page.getByRole('button', { name: 'この条件で検索' }).click();
    await page.waitForURL((u) => u.searchParams.getAll('occupation').includes('nurse') && u.searchParams.get('prefecture') === '13');
    await page.locator('.results-count', { hasText: '件の募集があります' }).waitFor();
    const link = page.locator(`a[href="/postings/${state.maskedId}"]`);
    await link.waitFor();
    assert((await page.locator('.posting-card', { has: link }).innerText()).includes('施設名など非公開'), 'card does not say it is masked');
    await shot(page, 'search-results');

    // Search for the hidden name: the posting must not be found by it.
    await page.goto(`${BASE}/?q=${encodeURIComponent(`SNTLNAME${rand}`)}`);
    await page.locator('.results-count', { hasText: '条件に合う募集はありませんでした' }).waitFor();

    await page.goBack();
    await link.click();
    await page.waitForURL(`**/postings/${state.maskedId}`);
    await page.getByText('施設名・所在地の詳細・連絡先は問い合わせ・応募後に開示されます。', { exact: false }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'posting-masked');

    const html = await page.content();
    const received = await Promise.all(bodies);
    assert(received.some((b) => b.url.includes(`/api/v1/postings/${state.maskedId}`)), 'the posting was not fetched');
    for (const [key, value] of Object.entries(SECRET)) {
      const token = /SNTL\w+/.exec(value)?.[0] ?? value;
      assert(!html.includes(token), `page HTML shows ${key} (${token})`);
      for (const b of received) assert(!b.text.includes(token), `response ${b.url} carries ${key} (${token})`);
    }
    const detail = received.find((b) => new URL(b.url).pathname === `/api/v1/postings/${state.maskedId}`);
    const json = JSON.parse(detail.text);
    assert(json.masked === true && !('identity' in json), 'detail response has identity or is not masked');
    state.visitorBodies = received.length;
    await page.context().close();
  },
  [0],
);

test(
  'the facility activates its account from the mailed link',
  async () => {
    const link = await waitFor(() => activationLink(SECRET.facilityEmail), 'no activation mail');
    assert(link.startsWith(`${BASE}/activate?token=`), `unexpected link ${link}`);
    const page = await newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'パスワードの設定（アカウントの有効化）' }).waitFor();
    await page.fill('#f-password', FACILITY_PASSWORD);
    await page.fill('#f-confirm', 'something-else-1');
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await page.locator('#f-confirm-error').waitFor();
    await page.fill('#f-confirm', FACILITY_PASSWORD);
    await shot(page, 'activate');
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await page.getByRole('heading', { name: 'パスワードを設定しました' }).waitFor();
    assert((await page.locator('.alert-success').innerText()).includes(SECRET.gmis), 'login ID not shown');
    await page.getByRole('link', { name: 'ログイン画面へ進む' }).click();
    await page.waitForURL('**/login?login_id=*');
    assert((await page.inputValue('#f-login_id')) === SECRET.gmis, 'login ID not prefilled');
    await page.fill('#f-password', FACILITY_PASSWORD);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/facility');
    await page.getByRole('heading', { name: '募集の管理' }).waitFor();
    await page.locator(`a[href="/postings/${state.maskedId}"]`).waitFor();
    state.facility = page;
  },
  [0],
);

test(
  'the facility registers a posting with a 令和 date and a full-width postal code',
  async () => {
    const page = state.facility;
    await page.getByRole('link', { name: '＋ 新しい募集を登録する' }).click();
    await page.waitForURL('**/facility/postings/new');
    const start = isoIn(10);
    const end = isoIn(150);
    state.start = start;
    await page.fill('#f-workplace-postal_code', fullWidth('150-0002'));
    await waitFor(async () => (await page.inputValue('#f-workplace-municipality')) === '渋谷区', 'postal code did not fill 渋谷区');
    assert((await page.inputValue('#f-workplace-prefecture_code')) === '13', 'postal code did not fill the prefecture');
    await page.locator('.postal-status', { hasText: '郵便番号から' }).waitFor();

    await fillPostingForm(page, {
      occupation: 'pharmacist',
      postal: fullWidth('150-0002'),
      facilityType: 'clinic',
      street: '渋谷2-2-2',
      workplace: '発熱外来',
      start: reiwa(start),
      end: reiwaShort(end),
      duties: ['general_outpatient', 'other'],
      wageUnit: 'daily',
      amount: '２０，０００',
      hoursStart: '９：００',
      hoursEnd: '1800',
      breakMinutes: '６０',
      person: '渋谷次郎',
      phone: fullWidth('03-1111-2222'),
      email: 'shibuya@example.jp',
    });
    await page.locator('.date-preview', { hasText: `（${start.slice(0, 4)}年` }).first().waitFor();
    // "Other" duties without the detail: the API's field error appears next to the field.
    await page.getByRole('button', { name: 'この内容で登録する' }).click();
    await page.locator('#f-duties-other_detail-error').waitFor();
    assert(await page.locator('.error-summary a[href="#f-duties-other_detail"]').isVisible(), 'error summary does not link the field');
    await shot(page, 'facility-form-errors');
    await page.fill('#f-duties-other_detail', '薬局業務');
    await page.getByRole('button', { name: 'この内容で登録する' }).click();
    await page.waitForURL((u) => u.pathname === '/facility');
    const flash = await page.locator('.alert-success').innerText();
    state.ownId = Number(/募集番号 (\d+)/.exec(flash)?.[1]);
    assert(state.ownId > 0, `no posting number in "${flash}"`);

    await page.goto(`${BASE}/postings/${state.ownId}`);
    const text = await page.locator('article').innerText();
    for (const expected of [reiwa(start), '渋谷区', '日給 20,000円', '09:00〜18:00', '薬局業務', '〒150-0002', '03-1111-2222']) {
      assert(text.includes(expected), `posting page lacks "${expected}"`);
    }
  },
  [2],
);

test(
  'the facility edits it; a stale version is explained and reloaded',
  async () => {
    const page = state.facility;
    await page.goto(`${BASE}/facility`);
    await page.getByRole('link', { name: /^編集する: 薬剤師/ }).click();
    await page.waitForURL(`**/facility/postings/${state.ownId}/edit`);
    assert((await page.inputValue('#f-employment_period-start')) === reiwa(state.start), 'start date not shown in 令和');

    // Someone else saves first (through the API).
    const login = await (await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login_id: SECRET.gmis, password: FACILITY_PASSWORD }),
    })).json();
    const auth = { Authorization: `Bearer ${login.access_token}`, 'Content-Type': 'application/json' };
    const current = await (await fetch(`${BASE}/api/v1/postings/${state.ownId}`, { headers: auth })).json();
    const body = {
      occupation: current.occupation,
      mask_requested: current.mask_requested,
      workplace: { ...current.workplace, prefecture_name: undefined, postal_code: current.identity.postal_code, street_address: current.identity.street_address, facility_name: current.identity.workplace_name },
      employment_period: current.employment_period,
      probation_weeks: current.probation_weeks,
      duties: current.duties,
      wage: current.wage,
      hours: { ...current.hours, overnight: undefined, holidays: '土日祝・年末年始' },
      insurance: current.insurance,
      no_smoking_on_premises: current.no_smoking_on_premises,
      notes: current.notes,
      contact: current.identity.contact,
      other_listings: current.other_listings,
      version: current.version,
    };
    const put = await fetch(`${BASE}/api/v1/postings/${state.ownId}`, { method: 'PUT', headers: auth, body: JSON.stringify(body) });
    assert(put.ok, `API edit failed: ${put.status} ${await put.text()}`);

    await page.fill('#f-wage-amount_yen', '22000');
    await page.getByRole('button', { name: '変更を保存する' }).click();
    await page.getByText('ほかの人が先に更新しました').waitFor();
    await shot(page, 'facility-edit-conflict');
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await waitFor(async () => (await page.inputValue('#f-hours-holidays')) === '土日祝・年末年始', 'latest version not loaded');
    await page.fill('#f-wage-amount_yen', '２２，０００');
    await page.getByRole('button', { name: '変更を保存する' }).click();
    await page.waitForURL((u) => u.pathname === '/facility');
    await page.locator('.alert-success', { hasText: '変更を保存しました' }).waitFor();
    await page.locator('.own-posting', { hasText: '薬剤師' }).getByText('日給 22,000円').waitFor();
  },
  [3],
);

test(
  'the facility closes it as filled, after confirming',
  async () => {
    const page = state.facility;
    await page.getByRole('button', { name: /^募集を終了する: 薬剤師/ }).click();
    const dialog = page.getByRole('dialog', { name: 'この募集を終了しますか？' });
    await dialog.waitFor();
    await dialog.locator('input[value="filled"]').check();
    await shot(page, 'facility-close-dialog');
    await dialog.getByRole('button', { name: '募集を終了する' }).click();
    await page.locator('.alert-success', { hasText: '募集を終了しました（充足）' }).waitFor();
    assert((await page.locator(`a[href="/postings/${state.ownId}"]`).count()) === 0, 'closed posting still listed as open');
    await page.getByRole('link', { name: '終了', exact: true }).click();
    await page.locator('.own-posting', { hasText: '薬剤師' }).getByText('終了（充足）').waitFor();
    await shot(page, 'facility-list-closed');
  },
  [4],
);

test('pages work with the keyboard alone, and the English choice is remembered', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await page.locator('.results-count', { hasText: '件の募集があります' }).waitFor();
  await page.keyboard.press('Tab');
  assert((await page.evaluate(() => document.activeElement?.className)) === 'skip-link', 'first Tab does not reach the skip link');
  assert(await page.locator('.skip-link').isVisible(), 'skip link not visible when focused');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  assert(inMain, 'skip link does not move focus into the main content');
  // Reach the first occupation checkbox by Tab, tick it with Space, submit with Enter.
  for (let i = 0; i < 15 && (await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'occupation'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  await page.focus('#f-q');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('occupation'));
  const focusOutline = await page.evaluate(() => {
    const el = document.querySelector('input[name="occupation"]');
    el.focus();
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' || s.boxShadow !== 'none';
  });
  assert(focusOutline, 'no visible focus style on a checkbox');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Find postings', level: 1 }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Find postings', level: 1 }).waitFor();
  assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang not en');
  await shot(page, 'search-english');
  await page.getByRole('button', { name: '日本語' }).click();
  await page.getByRole('heading', { name: '募集をさがす', level: 1 }).waitFor();
  await page.context().close();
});

function mainPages() {
  return [
    { name: 'search', url: '/', ready: '.results-count', facility: false },
    { name: 'posting-detail', url: `/postings/${state.maskedId}`, ready: '.masked-notice', facility: false },
    { name: 'sign-in', url: '/login', ready: '#f-login_id', facility: false },
    { name: 'facility-list', url: '/facility?status=all', ready: '.own-posting', facility: true },
    { name: 'facility-form', url: '/facility/postings/new', ready: '#f-occupation', facility: true },
  ];
}

async function openMainPage(p, viewport) {
  const page = p.facility ? state.facility : await newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${BASE}${p.url}`);
  await page.locator(p.ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

test(
  'axe-core finds no accessibility violations on the main pages',
  async () => {
    const problems = [];
    for (const p of mainPages()) {
      const page = await openMainPage(p, { width: 1280, height: 900 });
      const violations = await axe(page);
      problems.push(...violations.map((v) => `${p.name}: ${v}`));
      await shot(page, `${p.name}-desktop`);
      if (!p.facility) await page.context().close();
    }
    assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
  },
  [1, 2],
);

test(
  'the main pages fit a 390px-wide phone screen without sideways scrolling',
  async () => {
    const problems = [];
    for (const p of mainPages()) {
      const page = await openMainPage(p, { width: 390, height: 844 });
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      if (scroll > width) problems.push(`${p.name}: content is ${scroll}px wide`);
      const violations = await axe(page);
      problems.push(...violations.map((v) => `${p.name} (390px): ${v}`));
      await shot(page, `${p.name}-390`);
      if (!p.facility) await page.context().close();
    }
    assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
  },
  [1, 2],
);

/** Every key and value in the page's localStorage and sessionStorage. */
const webStorage = (page) =>
  page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((s) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`)),
  );

test('a reload keeps the session through the HttpOnly refresh cookie; no token is ever in web storage', async () => {
  const page = await newPage();
  // Every token the page received or sent: sign-in and refresh answers, Authorization headers.
  const tokens = new Set();
  const reading = [];
  // The access tokens the refreshes answered with, and those sent after the reload.
  const refreshed = [];
  const sentAfterReload = [];
  let reloaded = false;
  page.on('request', (req) => {
    const auth = req.headers().authorization;
    if (!auth?.startsWith('Bearer ')) return;
    tokens.add(auth.slice('Bearer '.length));
    if (reloaded) sentAfterReload.push(auth.slice('Bearer '.length));
  });
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (!/\/api\/v1\/auth\/(login|refresh)$/.test(path) || res.status() !== 200) return;
    reading.push(
      res.json().then((b) => {
        [b.access_token, b.refresh_token].filter(Boolean).forEach((t) => tokens.add(t));
        if (path.endsWith('/refresh') && b.access_token) refreshed.push(b.access_token);
      }),
    );
  });

  await signIn(page, ADMIN.email, ADMIN.password, '/admin');
  await page.getByRole('heading', { name: '管理メニュー', level: 1 }).waitFor();
  const first = await refreshCookie(page);
  assert(first, `no ${REFRESH_COOKIE} cookie after signing in`);
  assert(first.httpOnly === true, `${REFRESH_COOKIE} is not HttpOnly`);
  assert(first.sameSite === 'Strict', `${REFRESH_COOKIE} is SameSite=${first.sameSite}, not Strict`);
  assert(first.path === '/api/v1/auth', `${REFRESH_COOKIE} has Path=${first.path}`);
  assert(!(await page.evaluate(() => document.cookie)).includes(REFRESH_COOKIE), 'script can read the refresh cookie');

  // A reload: the page starts with nothing in memory and restores the session from the cookie.
  reloaded = true;
  await page.reload();
  await page.getByRole('heading', { name: '管理メニュー', level: 1 }).waitFor();
  assert(new URL(page.url()).pathname === '/admin', `the reload left ${page.url()}`);
  await page.getByRole('button', { name: 'ログアウト' }).waitFor();
  assert((await page.locator('.signed-in-id').innerText()).trim() === ADMIN.email, 'the login ID is not shown after the reload');
  const second = await refreshCookie(page);
  assert(second && second.value !== first.value, 'the refresh cookie was not rotated by the reload');
  assert(second.httpOnly === true && second.sameSite === 'Strict', 'the rotated cookie lost HttpOnly or SameSite=Strict');
  // A page of the signed-in area opened directly, too.
  await page.goto(`${BASE}/admin/audit-log`);
  await page.waitForLoadState('networkidle');
  assert(new URL(page.url()).pathname === '/admin/audit-log', `opening /admin/audit-log directly ended at ${page.url()}`);

  await Promise.all(reading);
  tokens.add(first.value);
  tokens.add(second.value);
  // The session came back through refreshes (whose answers were read here), and what the page
  // sent after the reload is what they answered. (An access token is a JWT with second-resolution
  // `iat`/`exp` and no nonce: one refreshed within the same second as the sign-in is identical to
  // the sign-in's, so the access tokens need not be distinct; the two cookies are.)
  assert(refreshed.length > 0, 'no refresh answered with an access token after the reload');
  assert(sentAfterReload.length > 0, 'no request carried an access token after the reload');
  const stray = sentAfterReload.filter((t) => !refreshed.includes(t));
  assert(stray.length === 0, `after the reload the page sent an access token no refresh gave it (${stray.length})`);
  assert(tokens.size >= 3, `only ${tokens.size} distinct tokens seen (an access token and two refresh cookies expected)`);
  const stored = await webStorage(page);
  for (const token of tokens) {
    assert(!stored.some((s) => s.includes(token)), `a token is in web storage: ${stored.find((s) => s.includes(token))}`);
  }
  assert(!stored.some((s) => /eyJ[\w-]+\.[\w-]+\./.test(s)), `a JWT is in web storage: ${stored.join(' | ')}`);
  await page.context().close();
});

test(
  'signing out ends the session, in every tab, on the server too',
  async () => {
    const page = state.facility;
    await page.setViewportSize({ width: 1280, height: 900 });
    let token = null;
    page.on('request', (req) => {
      const auth = req.headers().authorization;
      if (auth?.startsWith('Bearer ') && new URL(req.url()).pathname.startsWith('/api/v1/facility')) token = auth;
    });
    await page.goto(`${BASE}/facility`);
    await page.getByRole('heading', { name: '募集の管理' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert(token, 'no request carried the access token');
    // A second tab of the same browser, signed in through the same cookie.
    const other = await page.context().newPage();
    await other.goto(`${BASE}/facility`);
    await other.getByRole('heading', { name: '募集の管理' }).waitFor();
    await other.waitForLoadState('networkidle');
    assert(await refreshCookie(page), 'no refresh cookie before signing out');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'ログイン', exact: true }).waitFor();
    await waitForNoRefreshCookie(page, 'the refresh cookie survived signing out');
    const stored = await webStorage(page);
    assert(!stored.some((s) => s.includes(token.slice('Bearer '.length))), 'the access token is in web storage');
    // The other tab noticed at once and sends its visitor to sign in.
    await other.waitForURL((u) => u.pathname === '/login');
    await other.getByRole('link', { name: 'ログイン', exact: true }).waitFor();
    // The session's access token stopped working with it.
    const me = await fetch(`${BASE}/api/v1/auth/me`, { headers: { Authorization: token } });
    assert(me.status === 401, `the access token still works after signing out (${me.status})`);
    // And a reload does not bring the session back.
    await page.goto(`${BASE}/facility`);
    await page.waitForURL((u) => u.pathname === '/login');
    await page.context().close();
  },
  [2],
);

test('someone who forgot the password gets a link by mail, sets a new one, and the other devices are signed out', async () => {
  const email = `forgot-${Date.now()}@example.jp`;
  const res = await fetch(`${BASE}/api/v1/jobseekers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'first-nurse-pass-1', name: '忘れ 花子' }),
  });
  assert(res.status === 201, `sign-up: ${res.status}`);
  const elsewhere = await newPage();
  await signIn(elsewhere, email, 'first-nurse-pass-1', '/threads');
  const page = await newPage();
  const problems = [];
  const check = async (name) => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      problems.push(...(await axe(page)).map((v) => `${name} (${width}px): ${v}`));
      await shot(page, `${name}-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  await page.goto(`${BASE}/login`);
  await page.fill('#f-login_id', email);
  await page.getByRole('link', { name: 'パスワードをお忘れの方' }).click();
  await page.waitForURL('**/forgot-password**');
  assert((await page.inputValue('#f-login_id')) === email, 'the login ID typed at sign-in is carried over');
  await check('forgot-password');
  await page.getByRole('button', { name: '再設定のリンクを送る' }).click();
  await page.getByRole('status').filter({ hasText: 'ご登録があれば' }).waitFor();
  const link = await waitFor(() => mailedLink(email, '/reset-password'), 'no reset mail', 15000);
  await page.goto(link);
  await page.getByRole('heading', { name: 'パスワードの再設定', level: 1 }).waitFor();
  await check('reset-password');
  // A weak password is refused at its field; the link still works.
  await page.fill('#f-password', 'password');
  await page.fill('#f-confirm', 'password');
  await page.getByRole('button', { name: 'パスワードを設定する' }).click();
  await page.locator('#f-password-error').waitFor();
  await page.fill('#f-password', 'a-fresh-nurse-pass-8');
  await page.fill('#f-confirm', 'a-fresh-nurse-pass-8');
  await page.getByRole('button', { name: 'パスワードを設定する' }).click();
  await page.getByRole('heading', { name: 'パスワードを設定しました' }).waitFor();
  // The other device was signed out.
  await elsewhere.reload();
  await elsewhere.waitForURL((u) => u.pathname === '/login');
  await signIn(page, email, 'a-fresh-nurse-pass-8', '/threads');
  // Changing it while signed in, from the footer.
  await page.getByRole('link', { name: 'パスワードの変更' }).click();
  await page.waitForURL('**/account/password');
  await page.fill('#f-current_password', 'not-my-password-1');
  await page.fill('#f-new_password', 'changed-nurse-pass-9');
  await page.fill('#f-confirm', 'changed-nurse-pass-9');
  await page.getByRole('button', { name: 'パスワードを変更する' }).click();
  await page.locator('#f-current_password-error').waitFor();
  await page.fill('#f-current_password', 'a-fresh-nurse-pass-8');
  await page.getByRole('button', { name: 'パスワードを変更する' }).click();
  await page.getByRole('status').filter({ hasText: 'パスワードを変更しました' }).waitFor();
  await check('change-password');
  await page.context().close();
  await elsewhere.context().close();
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('the search page map narrows to a prefecture from the keyboard, with counts in text', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await page.locator('.japan-map path').first().waitFor();
  // Once the counts are in, the prefecture with the most open postings.
  const [label, code] = await waitFor(
    () =>
      page.evaluate(() => {
        const paths = [...document.querySelectorAll('.japan-map path')].map((p, i) => [p.getAttribute('aria-label') ?? '', i]);
        const best = paths.map(([l, i]) => [l, i, Number(/: (\d+)件/.exec(l)?.[1] ?? 0)]).sort((a, b) => b[2] - a[2])[0];
        return best && best[2] > 0 ? [best[0], best[1]] : null;
      }),
    'the map shows no counts',
  );
  const n = Number(/: (\d+)件/.exec(label)?.[1]);
  const target = page.locator('.japan-map path').nth(code);
  await target.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/prefecture=\d\d/);
  await page.getByRole('status').filter({ hasText: `${n}件の募集があります` }).waitFor();
  const osaka = target;
  assert((await osaka.getAttribute('aria-pressed')) === 'true', 'the chosen prefecture is not marked');
  const problems = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    problems.push(...(await axe(page)).map((v) => `search-map (${width}px): ${v}`));
    await shot(page, `search-map-${width}`);
  }
  await page.context().close();
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('a city typed in kana finds its wards; the municipality field offers the real ones', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/?prefecture=27`);
  await page.locator('#municipality-options option[value="大阪市北区"]').waitFor({ state: 'attached' });
  await page.fill('#f-municipality', 'ｵｵｻｶｼ');
  await page.locator('#f-municipality').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('municipality') === '大阪市');
  // The count the screen must come to: the URL changes before the new search has started, so
  // reading the status at once can still show the whole prefecture's count.
  const api = await (await fetch(`${BASE}/api/v1/postings?prefecture=27&municipality=${encodeURIComponent('大阪市')}`)).json();
  const expected = api.total === 0 ? /条件に合う募集はありませんでした/ : new RegExp(`(^|[^0-9])${api.total}件の募集があります`);
  const status = page.getByRole('status').filter({ hasText: /件の募集があります|条件に合う募集はありませんでした/ });
  await status.filter({ hasText: expected }).waitFor().catch(async () => {
    throw new Error(`screen: ${await status.innerText()}; API: ${api.total}`);
  });
  await page.context().close();
});

test('a nurse on a phone searches within 50 km of a postal code, nearest first, with distances between municipalities', async () => {
  const page = await newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/`);
  await page.getByRole('button', { name: /検索条件/ }).or(page.locator('.filters-disclosure summary')).first().click();
  await page.fill('#f-near', '１００－０００１');
  await page.selectOption('#f-radius_km', '50');
  await page.locator('#f-near').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('near') === '東京都千代田区' && u.searchParams.get('radius_km') === '50');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await page.getByText('東京都千代田区から50km以内').waitFor();
  assert((await page.locator('#sort').inputValue()) === 'distance', 'not nearest first');
  const api = await (await fetch(`${BASE}/api/v1/postings?near=${encodeURIComponent('東京都千代田区')}&radius_km=50&sort=distance`)).json();
  const shown = await page.locator('.posting-card .distance').allInnerTexts();
  assert(shown.length === Math.min(api.total, 20), `cards with a distance: ${shown.length}; API total ${api.total}`);
  const km = api.items.map((p) => api.near.distances.find((d) => d.id === p.id).km);
  assert(km.every((k, i) => i === 0 || km[i - 1] <= k), `not nearest first: ${km}`);
  assert(km.every((k) => k <= 50), `beyond the radius: ${km}`);
  const problems = (await axe(page)).map((v) => `near search (390px): ${v}`);
  await shot(page, 'search-near-390');
  await page.context().close();
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('a posting page previews without JavaScript and prints as a one-page 求人票 with its ID', async () => {
  const list = await (await fetch(`${BASE}/api/v1/postings?per_page=1`)).json();
  const id = list.items[0].id;
  const html = await (await fetch(`${BASE}/postings/${id}`)).text();
  for (const tag of ['property="og:title"', 'property="og:description"', 'type="application/ld+json"', 'rel="canonical"']) {
    assert(html.includes(tag), `the page HTML has no ${tag}`);
  }
  const robots = await fetch(`${BASE}/robots.txt`);
  assert(robots.headers.get('content-type').startsWith('text/plain'), 'robots.txt is the app page');
  const sitemap = await (await fetch(`${BASE}/sitemap.xml`)).text();
  assert(sitemap.includes(`/postings/${id}</loc>`), 'the sitemap lacks an open posting');
  const page = await newPage();
  await page.goto(`${BASE}/postings/${id}`);
  await page.getByText(`求人ID ${id}・掲載日 令和`).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert(!(await page.locator('.site-header').isVisible()), 'the site header prints');
  assert(!(await page.locator('.site-footer').isVisible()), 'the footer prints');
  assert(await page.locator('.posting-meta').isVisible(), 'the posting ID does not print');
  await shot(page, 'posting-print');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert(pages === 1, `the posting prints on ${pages} pages`);
  await page.context().close();
});


const PHONE = { width: 390, height: 844 };

test(
  'on a 390×844 phone the signed-in header takes at most a fifth of the screen, for every role',
  async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const nurse = { email: `header-${tag}@example.jp`, password: 'header-nurse-pass-1', name: '見出し 花子' };
    await callApi('POST', '/api/v1/jobseekers', { body: nurse });
    // A partner organisation's user, added by an admin and activated from the mailed link.
    const { access_token: admin } = await callApi('POST', '/api/v1/auth/login', { body: { login_id: ADMIN.email, password: ADMIN.password } });
    const organisations = await callApi('GET', '/api/v1/admin/organisations', { token: admin });
    const partner = { email: `header-partner-${tag}@example.jp`, password: 'header-partner-pass-1' };
    await callApi('POST', `/api/v1/admin/organisations/${organisations.items[0].id}/users`, { token: admin, body: { email: partner.email } });
    const link = await waitFor(() => activationLink(partner.email), 'no activation mail for the partner user', 15000);
    await callApi('POST', '/api/v1/auth/activate', { body: { token: new URL(link).searchParams.get('token'), password: partner.password } });

    const roles = [
      { role: 'jobseeker', id: nurse.email, password: nurse.password, home: '/threads' },
      { role: 'facility', id: SECRET.gmis, password: FACILITY_PASSWORD, home: '/facility' },
      { role: 'admin', id: ADMIN.email, password: ADMIN.password, home: '/admin' },
      { role: 'partner', id: partner.email, password: partner.password, home: '/partner' },
    ];
    const problems = [];
    for (const r of roles) {
      const page = await newPage({ viewport: PHONE });
      await signIn(page, r.id, r.password, r.home);
      await page.locator('.signed-in-id').waitFor();
      for (const lang of ['ja', 'en']) {
        if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
        const nav = page.getByRole('navigation', { name: lang === 'ja' ? 'メインメニュー' : 'Main menu' });
        await nav.getByRole('button', { name: lang === 'ja' ? 'ログアウト' : 'Sign out' }).waitFor();
        const height = (await page.locator('.site-header').boundingBox()).height;
        console.log(`      ${r.role} (${lang}): header ${height.toFixed(1)} px`);
        if (height > PHONE.height / 5) problems.push(`${r.role} (${lang}): the header is ${height.toFixed(1)} px tall (over ${PHONE.height / 5})`);
        // Every menu item is whole on screen and a full-size tap target; the login ID is there.
        for (const item of await nav.locator('a, button').all()) {
          const box = await item.boundingBox();
          if (!box || box.height < 44 || box.x < 0 || box.x + box.width > PHONE.width) problems.push(`${r.role} (${lang}): menu item "${await item.innerText()}" at ${JSON.stringify(box)}`);
        }
        if ((await page.locator('.signed-in-id').innerText()).trim() !== r.id) problems.push(`${r.role}: the login ID is not shown`);
        const { scroll } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth }));
        if (scroll > PHONE.width) problems.push(`${r.role} (${lang}): the page is ${scroll} px wide`);
        await shot(page, `header-${r.role}-${lang}-390`);
      }
      await page.getByRole('button', { name: '日本語' }).click();
      problems.push(...(await axe(page)).map((v) => `${r.role} (390px): ${v}`));
      await page.context().close();
    }
    assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
  },
  [2],
);

test('the sign-in link takes its place without moving the language toggle', async () => {
  const page = await newPage({ viewport: PHONE });
  // Hold the session check, to look at the header while the session is being restored.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route('**/api/v1/auth/refresh', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${BASE}/`);
  const toggle = page.getByRole('button', { name: 'English' });
  await toggle.waitFor();
  const before = await toggle.boundingBox();
  assert((await page.getByRole('link', { name: 'ログイン', exact: true }).count()) === 0, 'sign-in is offered before the session is known');
  release();
  await page.getByRole('link', { name: 'ログイン', exact: true }).waitFor();
  const after = await toggle.boundingBox();
  assert(before.x === after.x && before.y === after.y, `the toggle moved from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
  await page.context().close();
});

/** Records the page's layout shifts (not those right after input) from its first paint. */
async function recordLayoutShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push({ value: e.value, sources: e.sources.map((s) => s.node?.className || s.node?.nodeName || '?') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

test('a posting page holds the footer below the fold while it loads; short pages keep it in view', async () => {
  const list = await callApi('GET', '/api/v1/postings?per_page=1');
  const id = list.items[0].id;
  const problems = [];
  for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
    const page = await newPage({ viewport });
    await recordLayoutShifts(page);
    // A slow answer, to look at the page while it loads.
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route(`**/api/v1/postings/${id}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${BASE}/postings/${id}`);
    await page.getByText('募集情報を読み込んでいます…').waitFor();
    const loadingFooter = (await page.locator('.site-footer').boundingBox()).y;
    if (loadingFooter < viewport.height) problems.push(`${viewport.width}px: while loading, the footer is on screen at ${loadingFooter}px`);
    release();
    await page.locator('article.posting-details').waitFor();
    await page.waitForLoadState('networkidle');
    const shifts = await page.evaluate(() => window.__shifts);
    const cls = shifts.reduce((sum, s) => sum + s.value, 0);
    console.log(`      posting page (${viewport.width}px): CLS ${cls.toFixed(4)}`);
    if (cls > 0.02) problems.push(`${viewport.width}px: layout shift ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
    // A page that is short on purpose: its footer stays in view, down at the bottom of the screen.
    await page.goto(`${BASE}/no-such-page`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const footer = await page.locator('.site-footer').boundingBox();
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    if (pageHeight > viewport.height || Math.abs(footer.y + footer.height - viewport.height) > 1) {
      problems.push(`${viewport.width}px: the footer of a short page is at ${JSON.stringify(footer)} (page ${pageHeight}px tall)`);
    }
    await shot(page, `short-page-${viewport.width}`);
    await page.context().close();
  }
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('on a 390×844 phone the sticky search button never covers the field in focus', async () => {
  const problems = [];
  for (const lang of ['ja', 'en']) {
    const page = await newPage({ viewport: PHONE });
    await page.goto(`${BASE}/`);
    await page.locator('.results-count', { hasText: '件の募集があります' }).waitFor();
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.filters-disclosure > summary').click();
    await page.locator('#f-q').focus();
    // Tab through the form, to the bar's own button.
    let fields = 0;
    for (let i = 0; i < 300; i++) {
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        const form = document.querySelector('.search-filters');
        const bar = form?.querySelector('.sticky-actions');
        if (!el || !bar || !form.contains(el) || bar.contains(el)) return null;
        const box = el.getBoundingClientRect();
        return { name: el.id || `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 12)}`, bottom: box.bottom, barTop: bar.getBoundingClientRect().top };
      });
      if (!at) break;
      fields++;
      if (at.bottom > at.barTop) problems.push(`${lang}: ${at.name} ends at ${at.bottom.toFixed(1)}px, under the bar (from ${at.barTop.toFixed(1)}px)`);
      await page.keyboard.press('Tab');
    }
    const focused = await page.evaluate(() => document.activeElement?.closest('.sticky-actions') !== null);
    if (!focused) problems.push(`${lang}: tabbing did not reach the search button`);
    if (fields < 20) problems.push(`${lang}: only ${fields} fields were checked`);
    console.log(`      ${lang}: ${fields} fields in focus, none under the bar: ${problems.length === 0}`);
    await page.context().close();
  }
  assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
});

test('searching offline says so, and shows no earlier results as if they answered it', async () => {
  const page = await newPage({ viewport: PHONE });
  await page.goto(`${BASE}/?occupation=nurse`);
  await page.locator('.results-count', { hasText: '件の募集があります' }).waitFor();
  await page.context().setOffline(true);
  await page.locator('.filters-disclosure > summary').click();
  await page.fill('#f-q', '看護');
  await page.getByRole('button', { name: 'この条件で検索' }).click();
  await page.getByRole('alert').filter({ hasText: 'オフラインのため検索できません。接続を確認してください。' }).waitFor();
  assert((await page.locator('.posting-card').count()) === 0, 'earlier results are shown as the answer to the offline search');
  assert(!(await page.locator('.results-count').innerText()).includes('件の募集があります'), 'a result count is shown for the offline search');
  await shot(page, 'search-offline-390');
  // Back online, the search runs by itself.
  await page.context().setOffline(false);
  await page.locator('.results-count', { hasText: /件の募集があります|条件に合う募集はありませんでした/ }).waitFor();
  assert((await page.getByRole('alert').count()) === 0, 'the offline message stays once back online');
  await page.context().close();
});

test(
  'the posting history says which fields changed, from what to what, in Japanese and English',
  async () => {
    const page = await newPage();
    await signIn(page, SECRET.gmis, FACILITY_PASSWORD, '/facility');
    await page.goto(`${BASE}/postings/${state.ownId}`);
    await page.locator('summary', { hasText: '変更履歴' }).click();
    const history = page.locator('.history');
    await history.getByText('給与（金額）: 20,000円 → 22,000円').waitFor();
    await history.getByText('休日: 土日祝 → 土日祝・年末年始').waitFor();
    await history.getByText('理由: 充足').waitFor();
    const text = await history.innerText();
    assert(!/\b(wage|hours)\.\w+/.test(text), `field codes in the history: ${text}`);
    await shot(page, 'posting-history');
    await page.getByRole('button', { name: 'English' }).click();
    await history.getByText('Wage (amount): ¥20,000 → ¥22,000').waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    const problems = (await axe(page)).map((v) => `posting history: ${v}`);
    await page.context().close();
    assert(problems.length === 0, `\n      ${problems.join('\n      ')}`);
  },
  [5],
);

test('the pages run under the Content-Security-Policy without a violation', async () => {
  const res = await fetch(`${BASE}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  for (const directive of ["script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) {
    assert(csp.includes(directive), `the page is served without ${directive} (Content-Security-Policy: ${csp || 'none'})`);
  }
  assert(cspViolations.length === 0, `\n      ${cspViolations.join('\n      ')}`);
});

test('the binary serves the web client embedded in it: precompressed, hashed files cached for good', async () => {
  // The server runs from a folder with no web-client/dist and without KEYNET_WEB_DIR.
  const index = await fetch(`${BASE}/`);
  assert((index.headers.get('cache-control') ?? '') === 'no-cache', `index.html: ${index.headers.get('cache-control')}`);
  const html = await index.text();
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  assert(script, 'index.html names no hashed script');
  for (const [encoding, expected] of [['br', 'br'], ['gzip', 'gzip'], ['identity', null]]) {
    const res = await fetch(`${BASE}${script}`, { headers: { 'accept-encoding': encoding } });
    assert(res.ok, `${script}: ${res.status}`);
    assert(res.headers.get('content-encoding') === expected, `${encoding}: content-encoding ${res.headers.get('content-encoding')}`);
    assert(/immutable/.test(res.headers.get('cache-control') ?? ''), `${script}: ${res.headers.get('cache-control')}`);
    assert((res.headers.get('content-type') ?? '').includes('javascript'), `${script}: ${res.headers.get('content-type')}`);
    const etag = res.headers.get('etag');
    assert(etag, 'no ETag');
    const again = await fetch(`${BASE}${script}`, { headers: { 'if-none-match': etag, 'accept-encoding': encoding } });
    assert(again.status === 304, `revalidation: ${again.status}`);
  }
  // A deep link is the app, not a 404.
  const deep = await fetch(`${BASE}/postings/999999`);
  assert(deep.status === 200 && (await deep.text()).includes('<div id="root">'), 'deep link');
});

// ---------------------------------------------------------------- run

await run({ seedPostings: 60 });
