import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { useActivate, useResetPassword } from '../api/auth';

const resetTexts = {
  ja: {
    title: 'パスワードの再設定',
    lead: 'メールでお送りしたリンクから開いています（有効期限は1時間です）。新しいパスワードを設定してください。設定すると、ほかの端末のログインはすべて終了します。',
    again: 'リンクの期限が切れた場合は、もう一度お申し込みください。',
    againLink: '再設定のリンクをもう一度送る',
  },
  en: {
    title: 'Reset your password',
    lead: 'You opened the link from our e-mail (valid for an hour). Choose a new password. Setting it signs you out everywhere else.',
    again: 'If the link has expired, ask for a new one.',
    againLink: 'Send me a new link',
  },
};

const texts = {
  ja: {
    title: 'パスワードの設定（アカウントの有効化）',
    lead: 'メールでお送りしたリンクから開いています。このアカウントでログインするためのパスワードを設定してください。',
    noToken: 'リンクが正しくありません。メールに記載されたリンクを、もう一度そのまま開いてください。',
    password: '新しいパスワード',
    passwordHint: '8〜128文字で、英字と数字をそれぞれ1文字以上含めてください。',
    confirm: '新しいパスワード（確認のためもう一度）',
    mismatch: '確認用のパスワードが一致しません。',
    submit: 'パスワードを設定する',
    busy: '設定しています…',
    failed: 'パスワードを設定できませんでした',
    done: 'パスワードを設定しました',
    loginIdIs: 'ログインIDは {id} です。このIDと設定したパスワードでログインしてください。',
    toLogin: 'ログイン画面へ進む',
  },
  en: {
    title: 'Set your password (activate your account)',
    lead: 'You opened the link from our e-mail. Choose the password you will sign in with.',
    noToken: 'This link is incomplete. Open the link in the e-mail again exactly as it is.',
    password: 'New password',
    passwordHint: '8 to 128 characters, with at least one letter and one digit.',
    confirm: 'New password again',
    mismatch: 'The two passwords differ.',
    submit: 'Set password',
    busy: 'Saving…',
    failed: 'Could not set the password',
    done: 'Your password is set',
    loginIdIs: 'Your login ID is {id}. Sign in with it and your new password.',
    toLogin: 'Go to sign-in',
  },
};

/** Sets a password from a mailed link: an issued account's first (`activate`), or a new one
 * after a reset request (`reset`). */
export function ActivatePage({ mode = 'activate' }: { mode?: 'activate' | 'reset' }) {
  const base = useText(texts);
  const r = useText(resetTexts);
  const t = mode === 'reset' ? { ...base, title: r.title, lead: r.lead } : base;
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const activateAccount = useActivate();
  const reset = useResetPassword();
  const activate = mode === 'reset' ? reset : activateAccount;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const fieldErrors = activate.error instanceof ApiError ? groupFieldErrors(activate.error.fields) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setMismatch(true);
      document.getElementById('f-confirm')?.focus();
      return;
    }
    setMismatch(false);
    activate.mutate({ token, password });
  }

  if (activate.isSuccess) {
    const id = activate.data.login_id;
    return (
      <div className="page page-narrow">
        <h1>{t.done}</h1>
        <p className="alert alert-success" role="status">
          {fill(t.loginIdIs, { id })}
        </p>
        <p>
          <Link className="btn btn-primary" to={`/login?login_id=${encodeURIComponent(id)}`}>
            {t.toLogin}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      {!token ? (
        <p className="alert alert-error" role="alert">
          {t.noToken}
          {mode === 'reset' && (
            <>
              {' '}
              <Link to="/forgot-password">{r.againLink}</Link>
            </>
          )}
        </p>
      ) : (
        <>
          <p className="lead">{t.lead}</p>
          {activate.isError && <ErrorAlert error={activate.error} title={t.failed} />}
          {mode === 'reset' && activate.isError && fieldErrors.token && (
            <p>
              {r.again} <Link to="/forgot-password">{r.againLink}</Link>
            </p>
          )}
          <form className="card form-card" onSubmit={submit} noValidate aria-busy={activate.isPending || undefined}>
            <TextField
              path="password"
              type="password"
              label={t.password}
              hint={t.passwordHint}
              value={password}
              onChange={setPassword}
              autoComplete="new-password"
              required
              errors={fieldErrors.password}
              width="medium"
            />
            <TextField
              path="confirm"
              type="password"
              label={t.confirm}
              value={confirm}
              onChange={setConfirm}
              autoComplete="new-password"
              required
              errors={mismatch ? [t.mismatch] : undefined}
              width="medium"
            />
            <div className="form-actions">
              <Button type="submit" busy={activate.isPending} busyLabel={t.busy}>
                {t.submit}
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
