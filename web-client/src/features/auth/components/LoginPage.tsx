import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { type Role, sessionExpired, useSession, useSessionStatus } from '../../../api/session';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { toHalfWidth } from '../../../lib/normalize';
import { useLogin } from '../api/auth';
import { safeNext } from '../utils/next';
import { SessionRestoring } from './RequireRole';

const texts = {
  ja: {
    title: 'ログイン',
    lead: '医療機関の方は医療機関ID（G-MIS ID）で、そのほかの方はメールアドレスでログインします。',
    expired: 'ログインの有効期限が切れました。お手数ですが、もう一度ログインしてください。',
    loginId: '医療機関ID（G-MIS ID）またはメールアドレス',
    password: 'パスワード',
    show: 'パスワードを表示する',
    submit: 'ログイン',
    busy: 'ログインしています…',
    failed: 'ログインできませんでした',
    signedIn: '{id} でログインしています。',
    continue: '続ける',
    forgot: 'パスワードをお忘れの方',
    activateHint: 'はじめての方へ: 医療機関のアカウントは、最初の募集を登録したときにメールでお送りするリンクからパスワードを設定して使い始めます。',
    newJobseeker: 'はじめて問い合わせ・応募する方',
    signup: '求職者として新規登録する（無料）',
  },
  en: {
    title: 'Sign in',
    lead: 'Facilities sign in with their facility ID (G-MIS ID); everyone else with their e-mail address.',
    expired: 'Your session has expired. Please sign in again.',
    loginId: 'Facility ID (G-MIS ID) or e-mail address',
    password: 'Password',
    show: 'Show password',
    submit: 'Sign in',
    busy: 'Signing in…',
    failed: 'Could not sign in',
    signedIn: 'Signed in as {id}.',
    continue: 'Continue',
    forgot: 'Forgot your password?',
    activateHint: 'First time? A facility account starts with the link we e-mail when its first posting is registered: set your password there.',
    newJobseeker: 'New here and want to inquire or apply?',
    signup: 'Sign up as a jobseeker (free)',
  },
};

export function homeFor(role: Role): string {
  return role === 'facility' ? '/facility' : role === 'admin' ? '/admin' : role === 'jobseeker' ? '/threads' : role === 'partner' ? '/partner' : '/';
}


export function LoginPage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const status = useSessionStatus();
  const login = useLogin();
  const [loginId, setLoginId] = useState(params.get('login_id') ?? '');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [expired] = useState(sessionExpired);
  const next = safeNext(params.get('next'));

  const fieldErrors = login.error instanceof ApiError ? groupFieldErrors(login.error.fields) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate(
      { login_id: toHalfWidth(loginId).trim(), password },
      { onSuccess: (tokens) => navigate(next ?? homeFor(tokens.role), { replace: true }) },
    );
  }

  if (status === 'restoring') return <SessionRestoring />;

  if (session && !login.isPending && !login.isSuccess) {
    return (
      <div className="page page-narrow">
        <h1>{t.title}</h1>
        <p>{fill(t.signedIn, { id: session.login_id })}</p>
        <p>
          <Link className="btn btn-primary" to={next ?? homeFor(session.role)}>
            {t.continue}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {expired && (
        <p className="alert alert-warning" role="status">
          {t.expired}
        </p>
      )}
      {login.isError && <ErrorAlert error={login.error} title={t.failed} />}
      <form className="card form-card" onSubmit={submit} noValidate aria-busy={login.isPending || undefined}>
        <TextField
          path="login_id"
          label={t.loginId}
          value={loginId}
          onChange={setLoginId}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          errors={fieldErrors.login_id}
        />
        <TextField
          path="password"
          type={show ? 'text' : 'password'}
          label={t.password}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          errors={fieldErrors.password}
          width="medium"
        />
        <div className="choice">
          <input id="show-password" type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          <label htmlFor="show-password">{t.show}</label>
        </div>
        <div className="form-actions">
          <Button type="submit" busy={login.isPending} busyLabel={t.busy}>
            {t.submit}
          </Button>
        </div>
        <p>
          <Link to={`/forgot-password${loginId ? `?login_id=${encodeURIComponent(loginId)}` : ''}`}>{t.forgot}</Link>
        </p>
      </form>
      <section className="card" aria-labelledby="signup-title">
        <h2 id="signup-title">{t.newJobseeker}</h2>
        <p>
          <Link className="btn btn-secondary" to={`/signup${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
            {t.signup}
          </Link>
        </p>
      </section>
      <p className="hint">{t.activateHint}</p>
    </div>
  );
}
