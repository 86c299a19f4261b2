import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { useSession, useSessionStatus } from '../../../api/session';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { FieldErrors, TextField } from '../../../components/fields';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { toHalfWidth } from '../../../lib/normalize';
import { SessionRestoring } from '../../auth/components/RequireRole';
import { safeNext } from '../../auth/utils/next';
import { useSignup } from '../api/profile';

const texts = {
  ja: {
    title: '求職者の新規登録',
    lead: '医療機関への問い合わせ・応募には登録が必要です。登録は無料です。',
    privacy: 'あなたの氏名・連絡先・資格は、あなたが問い合わせ・応募した医療機関にだけ伝わります。',
    name: '氏名',
    nameHint: '例: 看護 花子',
    email: 'メールアドレス',
    emailHint: 'ログインIDになります。医療機関からの連絡もここに届きます。',
    password: 'パスワード',
    passwordHint: '8〜128文字で、英字と数字をそれぞれ1文字以上含めてください。',
    confirm: 'パスワード（確認のためもう一度）',
    mismatch: '確認用のパスワードが一致しません。',
    required: '入力してください。',
    consent: '利用規約と個人情報の取り扱いを読み、同意します（氏名・連絡先・資格は、問い合わせ・応募した医療機関にだけ伝わります）',
    consentRequired: '登録するには、同意のチェックが必要です。',
    readPrivacy: '個人情報の取り扱いを読む',
    readTerms: '利用規約を読む',
    submit: '登録する',
    busy: '登録しています…',
    failed: '登録できませんでした',
    haveAccount: 'すでに登録済みの方は',
    login: 'ログイン',
    signedIn: '{id} でログインしています。',
    continue: '続ける',
    welcome: '登録が完了しました。',
  },
  en: {
    title: 'Sign up as a jobseeker',
    lead: 'You need an account to inquire or apply. It is free.',
    privacy: 'Your name, contact details and licences go only to the facilities you contact.',
    name: 'Full name',
    nameHint: 'e.g. Hanako Kango',
    email: 'E-mail address',
    emailHint: 'You sign in with it, and facilities reach you there.',
    password: 'Password',
    passwordHint: '8 to 128 characters, with at least one letter and one digit.',
    confirm: 'Password again',
    mismatch: 'The two passwords differ.',
    required: 'Please fill this in.',
    consent: 'I have read and agree to the terms and the privacy notice (my name, contact details and licences reach only the facilities I inquire at or apply to)',
    consentRequired: 'Tick the box to agree before signing up.',
    readPrivacy: 'Read the privacy notice',
    readTerms: 'Read the terms',
    submit: 'Sign up',
    busy: 'Signing up…',
    failed: 'Could not sign up',
    haveAccount: 'Already registered?',
    login: 'Sign in',
    signedIn: 'Signed in as {id}.',
    continue: 'Continue',
    welcome: 'You are signed up.',
  },
};

export function SignupPage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const status = useSessionStatus();
  const signup = useSignup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [consent, setConsent] = useState(false);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [round, setRound] = useState(0);

  const server = signup.error instanceof ApiError ? groupFieldErrors(signup.error.fields) : {};
  const errors = { ...server, ...local };
  const labels = { name: t.name, email: t.email, password: t.password, confirm: t.confirm, consent: t.consent };

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string[]> = {};
    if (name.trim() === '') problems.name = [t.required];
    if (email.trim() === '') problems.email = [t.required];
    if (password === '') problems.password = [t.required];
    else if (password !== confirm) problems.confirm = [t.mismatch];
    if (!consent) problems.consent = [t.consentRequired];
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      signup.reset();
      setRound((r) => r + 1);
      return;
    }
    signup.mutate(
      { email: toHalfWidth(email).trim(), password, name: name.trim() },
      {
        onSuccess: () => navigate(next ?? '/profile', { replace: true, state: { flash: t.welcome } }),
        onError: () => setRound((r) => r + 1),
      },
    );
  }

  if (status === 'restoring') return <SessionRestoring />;

  if (session && !signup.isPending && !signup.isSuccess) {
    return (
      <div className="page page-narrow">
        <h1>{t.title}</h1>
        <p>{fill(t.signedIn, { id: session.login_id })}</p>
        <p>
          <Link className="btn btn-primary" to={next ?? '/'}>
            {t.continue}
          </Link>
        </p>
      </div>
    );
  }

  const loginHref = `/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <p className="alert alert-info">{t.privacy}</p>
      <ErrorSummary errors={errors} labels={labels} round={round} />
      {signup.isError && Object.keys(server).length === 0 && <ErrorAlert error={signup.error} title={t.failed} />}
      <form className="card form-card" onSubmit={submit} noValidate aria-busy={signup.isPending || undefined}>
        <TextField path="name" label={t.name} hint={t.nameHint} value={name} onChange={setName} autoComplete="name" required errors={errors.name} width="medium" />
        <TextField
          path="email"
          type="email"
          label={t.email}
          hint={t.emailHint}
          value={email}
          onChange={setEmail}
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          errors={errors.email}
        />
        <TextField
          path="password"
          type="password"
          label={t.password}
          hint={t.passwordHint}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          required
          errors={errors.password}
          width="medium"
        />
        <TextField path="confirm" type="password" label={t.confirm} value={confirm} onChange={setConfirm} autoComplete="new-password" required errors={errors.confirm} width="medium" />
        <div className={`field${errors.consent ? ' field-invalid' : ''}`}>
          <p className="hint">
            <Link to="/terms" target="_blank">
              {t.readTerms}
            </Link>
            {' ・ '}
            <Link to="/privacy" target="_blank">
              {t.readPrivacy}
            </Link>
          </p>
          <FieldErrors id="f-consent" errors={errors.consent} />
          <div className="choice">
            <input
              id="f-consent"
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? 'f-consent-error' : undefined}
              required
            />
            <label htmlFor="f-consent">{t.consent}</label>
          </div>
        </div>
        <div className="form-actions">
          <Button type="submit" busy={signup.isPending} busyLabel={t.busy}>
            {t.submit}
          </Button>
        </div>
      </form>
      <p>
        {t.haveAccount} <Link to={loginHref}>{t.login}</Link>
      </p>
    </div>
  );
}
