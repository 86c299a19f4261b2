import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { useSession } from '../../../api/session';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { usePageTitle } from '../../../components/usePageTitle';
import { useText } from '../../../lib/i18n';
import { toHalfWidth } from '../../../lib/normalize';
import { useChangePassword, useRequestReset } from '../api/auth';
import { RequireRole } from './RequireRole';

const texts = {
  ja: {
    forgotTitle: 'パスワードをお忘れの方',
    forgotLead: 'ログインID（医療機関の方は医療機関ID、そのほかの方はメールアドレス）を入力してください。ご登録があれば、パスワード再設定用のリンクを登録のメールアドレスにお送りします（有効期限：1時間）。',
    loginId: '医療機関ID（G-MIS ID）またはメールアドレス',
    send: '再設定のリンクを送る',
    sending: '送っています…',
    failed: 'お申し込みできませんでした',
    sentNote: 'メールが届かない場合は、迷惑メールのフォルダーもご確認ください。何度もお申し込みいただいた場合は、しばらく時間をおいてからお試しください。',
    toLogin: 'ログイン画面に戻る',
    changeTitle: 'パスワードの変更',
    changeLead: '新しいパスワードにすると、この端末以外のログインはすべて終了します。',
    current: '現在のパスワード',
    next: '新しいパスワード',
    nextHint: '8〜128文字で、推測されにくいものにしてください。',
    confirm: '新しいパスワード（確認のためもう一度）',
    mismatch: '確認用のパスワードが一致しません。',
    change: 'パスワードを変更する',
    changing: '変更しています…',
    changeFailed: 'パスワードを変更できませんでした',
    changed: 'パスワードを変更しました。ほかの端末のログインは終了しました。',
  },
  en: {
    forgotTitle: 'Forgot your password?',
    forgotLead: 'Enter your login ID (a facility: its facility ID; everyone else: the e-mail address). If it has an account, we mail a link to reset the password to the registered address (valid for an hour).',
    loginId: 'Facility ID (G-MIS ID) or e-mail address',
    send: 'Send me a reset link',
    sending: 'Sending…',
    failed: 'Could not send the link',
    sentNote: 'No mail? Look in your spam folder too. After several requests, wait a while before trying again.',
    toLogin: 'Back to sign-in',
    changeTitle: 'Change your password',
    changeLead: 'A new password signs you out everywhere but here.',
    current: 'Current password',
    next: 'New password',
    nextHint: '8 to 128 characters, hard to guess.',
    confirm: 'New password again',
    mismatch: 'The two passwords differ.',
    change: 'Change password',
    changing: 'Changing…',
    changeFailed: 'Could not change the password',
    changed: 'Your password is changed. Other sign-ins have ended.',
  },
};

/** Asks for a reset link; says the same whether or not the login ID has an account. */
export function ForgotPasswordPage() {
  const t = useText(texts);
  usePageTitle(t.forgotTitle);
  const session = useSession();
  const [params] = useSearchParams();
  const [loginId, setLoginId] = useState(params.get('login_id') ?? session?.login_id ?? '');
  const request = useRequestReset();
  const fieldErrors = request.error instanceof ApiError ? groupFieldErrors(request.error.fields) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate(toHalfWidth(loginId).trim());
  };
  return (
    <div className="page page-narrow">
      <h1>{t.forgotTitle}</h1>
      <p className="lead">{t.forgotLead}</p>
      {request.isError && <ErrorAlert error={request.error} title={t.failed} />}
      {request.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p>{request.data.message}</p>
          <p>{t.sentNote}</p>
        </div>
      ) : (
        <form className="card form-card" onSubmit={submit} noValidate aria-busy={request.isPending || undefined}>
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
          <div className="form-actions">
            <Button type="submit" busy={request.isPending} busyLabel={t.sending}>
              {t.send}
            </Button>
          </div>
        </form>
      )}
      <p>
        <Link to="/login">{t.toLogin}</Link>
      </p>
    </div>
  );
}

/** A signed-in person changes their password. */
export function ChangePasswordPage() {
  return (
    <RequireRole roles={['jobseeker', 'facility', 'partner', 'admin']}>
      <ChangePassword />
    </RequireRole>
  );
}

function ChangePassword() {
  const t = useText(texts);
  usePageTitle(t.changeTitle);
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const fieldErrors = change.error instanceof ApiError ? groupFieldErrors(change.error.fields) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== confirm) {
      setMismatch(true);
      document.getElementById('f-confirm')?.focus();
      return;
    }
    setMismatch(false);
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
        },
      },
    );
  };
  return (
    <div className="page page-narrow">
      <h1>{t.changeTitle}</h1>
      <p className="lead">{t.changeLead}</p>
      {change.isError && <ErrorAlert error={change.error} title={t.changeFailed} />}
      {change.isSuccess && (
        <p className="alert alert-success" role="status">
          {t.changed}
        </p>
      )}
      <form className="card form-card" onSubmit={submit} noValidate aria-busy={change.isPending || undefined}>
        <TextField path="current_password" type="password" label={t.current} value={current} onChange={setCurrent} autoComplete="current-password" required errors={fieldErrors.current_password} width="medium" />
        <TextField path="new_password" type="password" label={t.next} hint={t.nextHint} value={next} onChange={setNext} autoComplete="new-password" required errors={fieldErrors.new_password} width="medium" />
        <TextField path="confirm" type="password" label={t.confirm} value={confirm} onChange={setConfirm} autoComplete="new-password" required errors={mismatch ? [t.mismatch] : undefined} width="medium" />
        <div className="form-actions">
          <Button type="submit" busy={change.isPending} busyLabel={t.changing}>
            {t.change}
          </Button>
        </div>
      </form>
    </div>
  );
}
