import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { type Role, useSession, useSessionStatus } from '../../../api/session';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { useText } from '../../../lib/i18n';

const texts = {
  ja: {
    title: 'このページは表示できません',
    body: 'このページは、ほかの種類のアカウント向けです。必要なアカウントでログインし直してください。',
    home: 'トップページへ',
    restoring: 'ログインの状態を確認しています…',
  },
  en: {
    title: 'You cannot open this page',
    body: 'This page is for another kind of account. Sign in with the account it needs.',
    home: 'Go to the home page',
    restoring: 'Checking your sign-in…',
  },
};

/**
 * Shows its children to a signed-in account of one of `roles`; sends anyone else to sign in.
 * While the session is being restored after a reload, it waits.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  const status = useSessionStatus();
  const location = useLocation();
  if (status === 'restoring') return <SessionRestoring />;
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (!roles.includes(session.role)) return <Forbidden />;
  return <>{children}</>;
}

/** Shown while the session is restored from the refresh cookie after a reload. */
export function SessionRestoring() {
  const t = useText(texts);
  return (
    <div className="page page-narrow">
      <Loading label={t.restoring} />
    </div>
  );
}

function Forbidden() {
  const t = useText(texts);
  usePageTitle(t.title);
  return (
      <div className="page page-narrow">
        <h1>{t.title}</h1>
        <p className="alert alert-error" role="alert">
          {t.body}
        </p>
        <p>
          <Link to="/">{t.home}</Link>
        </p>
      </div>
  );
}
