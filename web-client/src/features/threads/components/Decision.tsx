import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RadioGroup, TextField } from '../../../components/fields';
import { formatDateTime } from '../../../lib/era';
import { fill, useLang, useText } from '../../../lib/i18n';
import { useDecide } from '../api/threads';
import type { DecisionRequest, ThreadDetail } from '../utils/types';

const texts = {
  ja: {
    title: '結果の通知',
    lead: '採用・不採用を、メッセージを添えて求職者に通知します。通知した結果は変更できません。',
    result: '結果',
    hired: '採用',
    notHired: '不採用',
    message: '求職者へのメッセージ',
    messageHint: '選ぶと文例が入ります。自由に書き換えてください。',
    hiredTemplate: 'このたびは応募いただき、ありがとうございました。ぜひ一緒に働いていただきたく、採用とさせていただきます。勤務開始日や研修の日程は、あらためてご連絡します。',
    notHiredTemplate: 'このたびは応募いただき、ありがとうございました。慎重に検討しました結果、今回は採用を見送らせていただくことになりました。ご期待に添えず申し訳ありません。',
    chooseResult: '結果を選んでください。',
    emptyMessage: 'メッセージを入力してください。',
    submit: '結果を通知する…',
    confirmTitle: 'この結果を通知しますか？',
    confirmBody: '{name}さんに「{result}」を通知します。通知すると変更できません。',
    confirm: '通知する',
    busy: '通知しています…',
    cancel: '戻って見直す',
    failed: '結果を通知できませんでした',
    conflict: 'この応募は、すでに結果が通知されているか、募集が終了しています。最新の状態を表示しました。',
    stale: 'ほかの担当者が先にこの応募を更新していました。最新の状態を表示しました。内容を確かめて、もう一度通知してください。',
  },
  en: {
    title: 'Notify the result',
    lead: 'Tell the jobseeker whether they are hired, with a message. The result cannot be changed afterwards.',
    result: 'Result',
    hired: 'Hired',
    notHired: 'Not hired',
    message: 'Message to the jobseeker',
    messageHint: 'Choosing a result fills in a sample text; change it as you like.',
    hiredTemplate: 'Thank you for applying. We are glad to offer you the position. We will write again about your start date and training.',
    notHiredTemplate: 'Thank you for applying. After careful consideration we are unable to offer you the position this time. We are sorry to disappoint you.',
    chooseResult: 'Choose a result.',
    emptyMessage: 'Write a message.',
    submit: 'Notify the result…',
    confirmTitle: 'Notify this result?',
    confirmBody: '{name} will be told: “{result}”. This cannot be changed afterwards.',
    confirm: 'Notify',
    busy: 'Notifying…',
    cancel: 'Go back',
    failed: 'Could not notify the result',
    conflict: 'This application already has a result, or its posting has closed. The latest state is shown.',
    stale: 'Someone else updated this application first. The latest state is shown; check it and notify again.',
  },
};

type Result = DecisionRequest['result'];

/** Explains a 409 from a thread action: a stale version, or a thread already settled. */
export function conflictHint(error: unknown, texts: { conflict: string; stale: string }): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  return error.code === 'stale_version' ? texts.stale : texts.conflict;
}

export function DecisionForm({ thread, jobseekerName }: { thread: ThreadDetail; jobseekerName: string }) {
  const t = useText(texts);
  const decide = useDecide(thread.id);
  const [result, setResult] = useState<Result | ''>('');
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<{ result?: string; message?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const server = decide.error instanceof ApiError ? groupFieldErrors(decide.error.fields) : {};
  const templates: Record<Result, string> = { hired: t.hiredTemplate, not_hired: t.notHiredTemplate };

  function choose(value: string) {
    const next = value as Result;
    // Swap the sample text, but never what the facility wrote itself.
    if (message.trim() === '' || Object.values(templates).includes(message)) setMessage(templates[next]);
    setResult(next);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof problems = {};
    if (result === '') found.result = t.chooseResult;
    if (message.trim() === '') found.message = t.emptyMessage;
    setProblems(found);
    if (found.result || found.message) {
      document.getElementById(found.result ? 'f-decision_result' : 'f-decision_message')?.focus();
      return;
    }
    decide.reset();
    setConfirming(true);
  }

  return (
    <>
      <form className="card form-card" onSubmit={submit} noValidate aria-labelledby="decision-title">
        <h2 id="decision-title">{t.title}</h2>
        <p>{t.lead}</p>
        {decide.isError && <ErrorAlert error={decide.error} title={t.failed} hint={conflictHint(decide.error, t)} />}
        <RadioGroup
          path="decision_result"
          legend={t.result}
          inline
          required
          options={[
            { value: 'hired', label: t.hired },
            { value: 'not_hired', label: t.notHired },
          ]}
          value={result}
          onChange={choose}
          errors={problems.result ? [problems.result] : server.result}
        />
        <TextField
          path="decision_message"
          label={t.message}
          hint={t.messageHint}
          value={message}
          onChange={setMessage}
          multiline
          required
          errors={problems.message ? [problems.message] : server.message}
        />
        <div className="form-actions">
          <Button type="submit">{t.submit}</Button>
        </div>
      </form>
      {confirming && result !== '' && (
        <ConfirmDecision
          name={jobseekerName}
          resultLabel={result === 'hired' ? t.hired : t.notHired}
          busy={decide.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            decide.mutate(
              { result, message: message.trim(), version: thread.version },
              { onSettled: () => setConfirming(false) },
            )
          }
        />
      )}
    </>
  );
}

function ConfirmDecision({ name, resultLabel, busy, onCancel, onConfirm }: { name: string; resultLabel: string; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const t = useText(texts);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="decision-confirm-title"
      aria-describedby="decision-confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="decision-confirm-title">{t.confirmTitle}</h2>
      <p id="decision-confirm-body">{fill(t.confirmBody, { name, result: resultLabel })}</p>
      <div className="form-actions" aria-busy={busy || undefined}>
        <Button busy={busy} busyLabel={t.busy} onClick={onConfirm}>
          {t.confirm}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {t.cancel}
        </Button>
      </div>
    </dialog>
  );
}

const bannerTexts = {
  ja: {
    hiredYou: '採用が決まりました',
    hiredFacility: '採用を通知しました',
    notHiredYou: '今回は採用に至りませんでした',
    notHiredFacility: '不採用を通知しました',
    decidedAt: '通知日時',
    closedYou: 'この募集は締め切られました',
    closedYouBody:
      'この募集は、採用する方が決まったため締め切られました。ご応募いただき、ありがとうございました。あなたの力を必要としている医療機関は、ほかにもあります。よろしければ、ほかの募集もご覧ください。',
    closedFacility: '募集を終了したため、この応募は締め切られました',
    closedFacilityBody: '求職者には、募集が締め切られたことをお知らせしています。',
    more: '同じ職種・地域のほかの募集を見る',
    withdrawnFacility: 'このやりとりは終了しました',
    withdrawnFacilityBody: '求職者が退会したため、プロフィールと連絡先は表示されません。',
    withdrawnYou: 'このやりとりは取り下げられました',
    trainingYou: '採用後は、医療機関で感染管理・医療安全などの研修を受けていただきます。',
    materials: '研修教材を見る',
  },
  en: {
    hiredYou: 'You are hired',
    hiredFacility: 'You notified: hired',
    notHiredYou: 'Not hired this time',
    notHiredFacility: 'You notified: not hired',
    decidedAt: 'Notified',
    closedYou: 'This posting has closed',
    closedYouBody:
      'The facility has found the people it needed, so this posting is closed. Thank you for applying. Other facilities need your skills too — have a look at other postings.',
    closedFacility: 'Closed with the posting',
    closedFacilityBody: 'The jobseeker was told that the posting has closed.',
    more: 'Similar postings in the same area',
    withdrawnFacility: 'This conversation has ended',
    withdrawnFacilityBody: 'The jobseeker deleted their account; their profile and contact details are no longer shown.',
    withdrawnYou: 'This conversation was withdrawn',
    trainingYou: 'After you are hired, the facility will give you training in infection control and medical safety.',
    materials: 'See the training materials',
  },
};


/** The outcome of a thread, at its top: a result, a closed posting (said kindly), a withdrawal. */
export function ResultBanner({ thread, viewer, moreHref }: { thread: ThreadDetail; viewer: 'jobseeker' | 'facility'; moreHref: string }) {
  const t = useText(bannerTexts);
  const lang = useLang();
  const you = viewer === 'jobseeker';
  const d = thread.decision;
  if (thread.stage === 'hired' || thread.stage === 'not_hired') {
    const hired = thread.stage === 'hired';
    return (
      <section className={`alert ${hired ? 'alert-success' : 'alert-info'} result-banner`} aria-labelledby="result-title">
        <h2 id="result-title" className="alert-title">
          {hired ? (you ? t.hiredYou : t.hiredFacility) : you ? t.notHiredYou : t.notHiredFacility}
        </h2>
        {d && (
          <>
            <p className="pre-wrap">{d.message}</p>
            <p className="muted">
              {t.decidedAt}: {formatDateTime(d.decided_at, lang)}
            </p>
          </>
        )}
        {hired && you && (
          <p>
            {t.trainingYou} <Link to="/training-materials">{t.materials}</Link>
          </p>
        )}
        {!hired && you && (
          <p>
            <Link to={moreHref}>{t.more}</Link>
          </p>
        )}
      </section>
    );
  }
  if (thread.stage === 'posting_closed') {
    return (
      <section className="alert alert-info result-banner" aria-labelledby="result-title">
        <h2 id="result-title" className="alert-title">
          {you ? t.closedYou : t.closedFacility}
        </h2>
        <p>{you ? t.closedYouBody : t.closedFacilityBody}</p>
        {you && (
          <p>
            <Link className="btn btn-secondary" to={moreHref}>
              {t.more}
            </Link>
          </p>
        )}
      </section>
    );
  }
  if (thread.stage === 'withdrawn') {
    return (
      <section className="alert alert-warning result-banner" aria-labelledby="result-title">
        <h2 id="result-title" className="alert-title">
          {you ? t.withdrawnYou : t.withdrawnFacility}
        </h2>
        {!you && <p>{t.withdrawnFacilityBody}</p>}
      </section>
    );
  }
  return null;
}
