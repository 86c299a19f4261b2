import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { useSession } from '../../../api/session';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { fill, useLang, useText } from '../../../lib/i18n';
import { useContactPosting, useThreads } from '../api/threads';
import { kindLabel, stageLabel } from '../utils/stages';
import type { ThreadKind } from '../utils/types';

const texts = {
  ja: {
    title: 'この募集に問い合わせ・応募する',
    lead: '問い合わせ・応募をすると、あなたのプロフィール（氏名・連絡先・資格など）がこの医療機関に伝わり、非公開の施設名・所在地・連絡先が表示されます。',
    inquire: '問い合わせる',
    apply: '応募する',
    signInFirst: '問い合わせ・応募にはログインが必要です。ボタンを選ぶとログイン画面に移り、ログイン（または新規登録）のあと、このページに戻ります。',
    signup: 'はじめての方は、求職者の新規登録（無料）',
    messageInquiry: '問い合わせの内容',
    messageApplication: '応募のメッセージ',
    hintInquiry: '例: 勤務開始日の相談は可能でしょうか。週3日の勤務を希望しています。',
    hintApplication: '例: 看護師として内科病棟で5年勤務していました。12月から勤務できます。',
    profile: '送信前にプロフィールを確認する',
    send: '送信する',
    busy: '送信しています…',
    cancel: 'やめる',
    empty: 'メッセージを入力してください。',
    failed: '送信できませんでした',
    sentInquiry: '問い合わせを送信しました。',
    sentApplication: '応募しました。',
    sentBody: '医療機関からの返信は「やりとり」に届き、メールでもお知らせします。施設名・所在地・連絡先は、このページの「③ 勤務場所」と「⑫ 連絡先」に表示しました。',
    open: 'やりとりを見る',
    already: 'この募集には{kind}済みです（{stage}）。',
    upgrade: 'この募集に応募する',
    upgradeHint: '問い合わせの内容をふまえて応募できます。',
  },
  en: {
    title: 'Inquire about or apply to this posting',
    lead: 'When you inquire or apply, this facility receives your profile (name, contact details, licences) and you see its withheld name, address and contact.',
    inquire: 'Inquire',
    apply: 'Apply',
    signInFirst: 'You need to sign in to inquire or apply. The buttons take you to sign in (or sign up) and back to this page.',
    signup: 'New here? Sign up as a jobseeker (free)',
    messageInquiry: 'Your question',
    messageApplication: 'Your application message',
    hintInquiry: 'e.g. Could the start date be discussed? I would like to work three days a week.',
    hintApplication: 'e.g. I worked five years on an internal-medicine ward and can start in December.',
    profile: 'Check your profile before sending',
    send: 'Send',
    busy: 'Sending…',
    cancel: 'Cancel',
    empty: 'Write a message.',
    failed: 'Could not send',
    sentInquiry: 'Your inquiry was sent.',
    sentApplication: 'Your application was sent.',
    sentBody: 'The facility’s answer arrives in “Your messages”, and by e-mail. Its name, address and contact now appear under ③ Workplace and ⑫ Contact on this page.',
    open: 'Open the conversation',
    already: 'You have sent an {kind} ({stage}).',
    upgrade: 'Apply to this posting',
    upgradeHint: 'You can apply after your inquiry.',
  },
};

function isKind(v: string | null): v is ThreadKind {
  return v === 'inquiry' || v === 'application';
}

/**
 * On an open posting: the jobseeker's 「問い合わせる」「応募する」 and the message box. Signed-out
 * visitors are sent to sign in (or up) and come back with the box open (`?contact=`).
 */
export default function ContactPanel({ postingId }: { postingId: number }) {
  const t = useText(texts);
  const lang = useLang();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requested = params.get('contact');
  const [kind, setKind] = useState<ThreadKind | null>(isKind(requested) ? requested : null);
  // The mutation lives here, not in the message box: once sent, the box goes away (the
  // posting now has a thread) while the answer is still to be shown.
  const contact = useContactPosting(postingId);
  const signedIn = session?.role === 'jobseeker';
  const threads = useThreads(undefined, signedIn);
  const existing = threads.data?.items.find((s) => s.posting.id === postingId);

  useEffect(() => {
    // Came back from signing in with the box requested: open it once, then tidy the address.
    if (isKind(requested) && signedIn) {
      navigate({ pathname: location.pathname }, { replace: true, state: location.state });
    }
  }, [requested, signedIn, navigate, location.pathname, location.state]);

  if (!signedIn) {
    const back = (k: ThreadKind) => `/login?next=${encodeURIComponent(`${location.pathname}?contact=${k}`)}`;
    return (
      <section id="contact" className="card contact-panel" aria-labelledby="contact-title">
        <h2 id="contact-title">{t.title}</h2>
        <p>{t.signInFirst}</p>
        <div className="form-actions">
          <Link className="btn btn-secondary" to={back('inquiry')}>
            {t.inquire}
          </Link>
          <Link className="btn btn-primary" to={back('application')}>
            {t.apply}
          </Link>
        </div>
        <p>
          <Link to={`/signup?next=${encodeURIComponent(location.pathname)}`}>{t.signup}</Link>
        </p>
      </section>
    );
  }

  if (contact.isSuccess) return <SentNotice kind={contact.variables.kind} threadId={contact.data.id} />;

  const canApply = !existing || existing.kind === 'inquiry';
  return (
    <section id="contact" className="card contact-panel" aria-labelledby="contact-title">
      <h2 id="contact-title">{existing ? (existing.kind === 'inquiry' ? t.upgrade : t.title) : t.title}</h2>
      {existing ? (
        <>
          <p>
            {fill(t.already, { kind: kindLabel(existing.kind, lang), stage: stageLabel(existing.stage, lang) })}{' '}
            <Link to={`/threads/${existing.id}`}>{t.open}</Link>
          </p>
          {canApply && <p className="hint">{t.upgradeHint}</p>}
        </>
      ) : (
        <p>{t.lead}</p>
      )}
      {kind === null ? (
        <div className="form-actions">
          {!existing && (
            <Button variant="secondary" onClick={() => setKind('inquiry')}>
              {t.inquire}
            </Button>
          )}
          {canApply && <Button onClick={() => setKind('application')}>{t.apply}</Button>}
        </div>
      ) : (
        (contact.isPending || (kind === 'application' ? canApply : !existing)) && (
          <MessageBox contact={contact} kind={kind} onCancel={() => setKind(null)} />
        )
      )}
    </section>
  );
}

function SentNotice({ kind, threadId }: { kind: ThreadKind; threadId: number }) {
  const t = useText(texts);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section id="contact" className="card contact-panel contact-sent" aria-labelledby="contact-title">
      <h2 id="contact-title" tabIndex={-1} ref={heading}>
        {kind === 'inquiry' ? t.sentInquiry : t.sentApplication}
      </h2>
      <p role="status">{t.sentBody}</p>
      <p>
        <Link className="btn btn-primary" to={`/threads/${threadId}`}>
          {t.open}
        </Link>
      </p>
    </section>
  );
}

function MessageBox({ contact, kind, onCancel }: { contact: ReturnType<typeof useContactPosting>; kind: ThreadKind; onCancel: () => void }) {
  const t = useText(texts);
  const [message, setMessage] = useState('');
  const [empty, setEmpty] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const server = contact.error instanceof ApiError ? groupFieldErrors(contact.error.fields) : {};

  useEffect(() => {
    ref.current?.querySelector('textarea')?.focus();
  }, [kind]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (message.trim() === '') {
      setEmpty(true);
      ref.current?.querySelector('textarea')?.focus();
      return;
    }
    setEmpty(false);
    contact.mutate({ kind, message: message.trim() });
  }

  return (
    <form ref={ref} className="message-box" onSubmit={submit} noValidate aria-busy={contact.isPending || undefined}>
      {contact.isError && !server.message && <ErrorAlert error={contact.error} title={t.failed} />}
      <TextField
        path="message"
        label={kind === 'inquiry' ? t.messageInquiry : t.messageApplication}
        hint={kind === 'inquiry' ? t.hintInquiry : t.hintApplication}
        value={message}
        onChange={setMessage}
        multiline
        required
        errors={empty ? [t.empty] : server.message}
      />
      <p className="hint">
        <Link to="/profile">{t.profile}</Link>
      </p>
      <div className="form-actions">
        <Button type="submit" busy={contact.isPending} busyLabel={t.busy}>
          {kind === 'inquiry' ? t.inquire : t.apply}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={contact.isPending}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
