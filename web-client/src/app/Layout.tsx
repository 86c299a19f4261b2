import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession, useSessionStatus } from '../api/session';
import { Loading } from '../components/Loading';
import { PageErrorBoundary } from './RouteError';
import { fill, setLang, useLang, useText } from '../lib/i18n';
import { useForgetPrivateDataOnAccountChange, useLogout } from '../features/auth/api/auth';
import { useUnreadCount } from '../features/threads/api/threads';

/** How many threads wait to be read, beside the menu item (nothing when none). */
function UnreadBadge({ label }: { label: string }) {
  const role = useSession()?.role;
  const unread = useUnreadCount(role === 'facility' || role === 'jobseeker').data?.unread ?? 0;
  if (unread === 0) return null;
  return (
    <span className="count-pill nav-count">
      <span aria-hidden="true">{unread}</span>
      <span className="visually-hidden">（{fill(label, { n: unread })}）</span>
    </span>
  );
}

const texts = {
  ja: {
    skip: '本文へスキップ',
    brand: '医療のお仕事',
    nav: 'メインメニュー',
    search: '募集をさがす',
    facility: '募集の管理',
    inbox: '受信箱',
    threads: 'やりとり',
    unread: '未読{n}件',
    profile: 'プロフィール',
    signup: '新規登録',
    materials: '研修教材',
    footerNav: 'サイトの案内',
    desks: '相談窓口',
    admin: '管理メニュー',
    partner: '関係機関の画面',
    login: 'ログイン',
    logout: 'ログアウト',
    password: 'パスワードの変更',
    favourites: 'お気に入り',
    savedSearches: '保存した検索条件',
    privacy: '個人情報の取り扱い',
    terms: '利用規約',
    contact: 'お問い合わせ',
    signedIn: 'ログイン中: ',
    loading: '読み込んでいます…',
    footer: '医療のお仕事 Key-Net は、緊急に人材を必要とする医療機関と、医療の資格を持つ求職者をつなぐ全国のサービスです。',
    footer2: '厚生労働省「緊急医療人材等確保促進プラン」に基づくサービスをモデルにしています。',
  },
  en: {
    skip: 'Skip to main content',
    brand: 'Medical jobs',
    nav: 'Main menu',
    search: 'Find postings',
    facility: 'Your postings',
    inbox: 'Inbox',
    threads: 'Messages',
    unread: '{n} unread',
    profile: 'Profile',
    signup: 'Sign up',
    materials: 'Training materials',
    footerNav: 'About this site',
    desks: 'Help desks',
    admin: 'Administration',
    partner: 'Partner area',
    login: 'Sign in',
    logout: 'Sign out',
    password: 'Change password',
    favourites: 'Favourites',
    savedSearches: 'Saved searches',
    privacy: 'Privacy',
    terms: 'Terms',
    contact: 'Contact',
    signedIn: 'Signed in: ',
    loading: 'Loading…',
    footer: 'Key-Net connects medical facilities that urgently need staff with licensed professionals across Japan.',
    footer2: 'Modelled on the MHLW emergency medical-staffing plan.',
  },
};

export function Layout() {
  const t = useText(texts);
  const lang = useLang();
  const session = useSession();
  // Until the session is restored after a reload, offer neither signing in nor out.
  const restoring = useSessionStatus() === 'restoring';
  const logout = useLogout();
  useForgetPrivateDataOnAccountChange();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  useEffect(() => {
    // A new page: start reading (and tabbing) from its content, not from the old scroll spot.
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skip}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ＋
            </span>
            <span className="brand-text">
              <span className="brand-small">{t.brand}</span> Key-Net
            </span>
          </Link>
          <nav aria-label={t.nav} className="site-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t.search}
                </NavLink>
              </li>
              {session?.role === 'facility' && (
                <>
                  <li>
                    <NavLink to="/threads">
                      {t.inbox}
                      <UnreadBadge label={t.unread} />
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/facility">{t.facility}</NavLink>
                  </li>
                </>
              )}
              {session?.role === 'jobseeker' && (
                <>
                  <li>
                    <NavLink to="/threads">
                      {t.threads}
                      <UnreadBadge label={t.unread} />
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/profile">{t.profile}</NavLink>
                  </li>
                </>
              )}
              {session?.role === 'admin' && (
                <li>
                  <NavLink to="/admin">{t.admin}</NavLink>
                </li>
              )}
              {session?.role === 'partner' && (
                <li>
                  <NavLink to="/partner">{t.partner}</NavLink>
                </li>
              )}
              {session ? (
                <li>
                  <button
                    type="button"
                    className="nav-button"
                    aria-busy={logout.isPending || undefined}
                    onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}
                  >
                    {t.logout}
                  </button>
                </li>
              ) : restoring ? (
                // Offered once the session is known; meanwhile its place is kept, unseen.
                <li className="nav-placeholder" aria-hidden="true">
                  <span>{t.login}</span>
                </li>
              ) : (
                <li>
                  <NavLink to="/login">{t.login}</NavLink>
                </li>
              )}
              <li>
                {lang === 'ja' ? (
                  <button type="button" className="nav-button lang-toggle" lang="en" onClick={() => setLang('en')}>
                    English
                  </button>
                ) : (
                  <button type="button" className="nav-button lang-toggle" lang="ja" onClick={() => setLang('ja')}>
                    日本語
                  </button>
                )}
              </li>
            </ul>
          </nav>
        </div>
        {session && (
          <p className="signed-in">
            {t.signedIn}
            <span className="signed-in-id">{session.login_id}</span>
          </p>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <PageErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading label={t.loading} />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className="site-footer">
        <nav aria-label={t.footerNav}>
          <ul className="footer-links">
            <li>
              <Link to="/training-materials">{t.materials}</Link>
            </li>
            <li>
              <Link to="/desks">{t.desks}</Link>
            </li>
            <li>
              <Link to="/privacy">{t.privacy}</Link>
            </li>
            <li>
              <Link to="/terms">{t.terms}</Link>
            </li>
            <li>
              <Link to="/contact">{t.contact}</Link>
            </li>
            {!session && !restoring && (
              <li>
                <Link to="/signup">{t.signup}</Link>
              </li>
            )}
            {session?.role === 'jobseeker' && (
              <>
                <li>
                  <Link to="/favourites">{t.favourites}</Link>
                </li>
                <li>
                  <Link to="/saved-searches">{t.savedSearches}</Link>
                </li>
              </>
            )}
            {session && (
              <li>
                <Link to="/account/password">{t.password}</Link>
              </li>
            )}
          </ul>
        </nav>
        <p>{t.footer}</p>
        <p>{t.footer2}</p>
      </footer>
    </>
  );
}
