import { useEffect, useRef, useState } from 'react';
import type { components } from '../../../api/schema';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RadioGroup } from '../../../components/fields';
import { useText } from '../../../lib/i18n';
import { useClosePosting } from '../../postings/api/savePosting';

type CloseReason = components['schemas']['CloseReason'];
type CloseRequestReason = components['schemas']['CloseRequestReason'];

const texts = {
  ja: {
    title: 'この募集を終了しますか？',
    body: '終了すると検索に表示されなくなり、元に戻せません。',
    reason: '終了する理由',
    filled: '充足（採用する人が決まった）',
    withdrawn: '取りやめ（募集をやめる）',
    confirm: '募集を終了する',
    busy: '終了しています…',
    cancel: 'キャンセル',
  },
  en: {
    title: 'Close this posting?',
    body: 'It will no longer appear in searches. This cannot be undone.',
    reason: 'Reason',
    filled: 'Filled (someone was hired)',
    withdrawn: 'Withdrawn (no longer needed)',
    confirm: 'Close posting',
    busy: 'Closing…',
    cancel: 'Cancel',
  },
};

/** A modal confirmation for closing a posting as filled or withdrawn. */
export function ClosePostingDialog({ postingId, summary, onClose, onClosed }: {
  postingId: number;
  summary: string;
  onClose: () => void;
  onClosed: (reason: CloseReason) => void;
}) {
  const t = useText(texts);
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<CloseRequestReason>('filled');
  const close = useClosePosting();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="close-title" aria-describedby="close-body" onCancel={(e) => { e.preventDefault(); if (!close.isPending) onClose(); }}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          close.mutate({ id: postingId, reason }, { onSuccess: () => onClosed(reason) });
        }}
        aria-busy={close.isPending || undefined}
      >
        <h2 id="close-title">{t.title}</h2>
        <p className="dialog-summary">{summary}</p>
        <p id="close-body">{t.body}</p>
        <RadioGroup
          path="close_reason"
          legend={t.reason}
          options={[
            { value: 'filled', label: t.filled },
            { value: 'withdrawn', label: t.withdrawn },
          ]}
          value={reason}
          onChange={(v) => setReason(v as CloseRequestReason)}
        />
        {close.isError && <ErrorAlert error={close.error} />}
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={close.isPending} busyLabel={t.busy}>
            {t.confirm}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={close.isPending}>
            {t.cancel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
