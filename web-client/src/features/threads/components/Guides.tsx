// What a jobseeker can do next in a thread: apply when only an inquiry was sent, or withdraw.

import { type FormEvent, useState } from 'react';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { useText } from '../../../lib/i18n';
import { useContactPosting, useWithdraw } from '../api/threads';
import { isSettled } from '../utils/stages';
import type { ThreadDetail } from '../utils/types';

const texts = {
  ja: {
    applyTitle: 'この募集に応募する',
    applyLead: '問い合わせの内容をふまえて、このまま応募できます。医療機関には応募として届きます。',
    applyMessage: '応募のメッセージ',
    applyHint: '例: 勤務開始日や希望の曜日など',
    apply: '応募する',
    applying: '応募しています…',
    applyDefault: 'お問い合わせのとおり、応募します。よろしくお願いいたします。',
    withdrawTitle: '問い合わせ・応募を取り下げる',
    withdrawLead: '取り下げると、このやりとりは終了し、医療機関に知らせが届きます。予定していた面接も取り消されます。',
    withdrawOpen: '取り下げる…',
    withdrawMessage: '医療機関へのひとこと（任意）',
    withdrawConfirm: '取り下げを確定する',
    withdrawing: '取り下げています…',
    cancel: 'やめる',
  },
  en: {
    applyTitle: 'Apply to this posting',
    applyLead: 'You can apply right here; the facility receives it as an application.',
    applyMessage: 'Your message',
    applyHint: 'e.g. when you could start, which days suit you',
    apply: 'Apply',
    applying: 'Applying…',
    applyDefault: 'Following my inquiry, I would like to apply. Thank you.',
    withdrawTitle: 'Withdraw',
    withdrawLead: 'Withdrawing ends this conversation and tells the facility. Planned interviews are called off.',
    withdrawOpen: 'Withdraw…',
    withdrawMessage: 'A word to the facility (optional)',
    withdrawConfirm: 'Confirm withdrawal',
    withdrawing: 'Withdrawing…',
    cancel: 'Cancel',
  },
};

/** On an inquiry thread: apply without going back to the posting. */
export function ApplyFromThread({ thread }: { thread: ThreadDetail }) {
  const t = useText(texts);
  const contact = useContactPosting(thread.posting.id);
  const [message, setMessage] = useState(t.applyDefault);
  if (thread.kind !== 'inquiry' || thread.stage !== 'inquiry') return null;
  const errors = contact.error instanceof ApiError ? groupFieldErrors(contact.error.fields) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    contact.mutate({ kind: 'application', message: message.trim() });
  };
  return (
    <form className="card form-card thread-section" onSubmit={submit} aria-labelledby="apply-title" noValidate>
      <h2 id="apply-title">{t.applyTitle}</h2>
      <p className="hint">{t.applyLead}</p>
      <TextField path="apply_message" label={t.applyMessage} hint={t.applyHint} value={message} onChange={setMessage} errors={errors.message} multiline required />
      {contact.isError && !errors.message && <ErrorAlert error={contact.error} />}
      <div className="form-actions">
        <Button type="submit" busy={contact.isPending} busyLabel={t.applying}>
          {t.apply}
        </Button>
      </div>
    </form>
  );
}

/** The jobseeker's way out of a pending thread, behind a confirmation. */
export function WithdrawThread({ thread }: { thread: ThreadDetail }) {
  const t = useText(texts);
  const withdraw = useWithdraw(thread.id);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  if (isSettled(thread.stage)) return null;
  const errors = withdraw.error instanceof ApiError ? groupFieldErrors(withdraw.error.fields) : {};
  return (
    <section className="thread-section withdraw" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t.withdrawTitle}</h2>
      <p className="hint">{t.withdrawLead}</p>
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t.withdrawOpen}
        </Button>
      ) : (
        <form
          className="card form-card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const m = message.trim();
            withdraw.mutate(m ? { version: thread.version, message: m } : { version: thread.version });
          }}
        >
          <TextField path="withdraw_message" label={t.withdrawMessage} value={message} onChange={setMessage} errors={errors.message} multiline />
          {withdraw.isError && !errors.message && <ErrorAlert error={withdraw.error} />}
          <div className="form-actions">
            <Button type="submit" variant="danger" busy={withdraw.isPending} busyLabel={t.withdrawing}>
              {t.withdrawConfirm}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t.cancel}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
