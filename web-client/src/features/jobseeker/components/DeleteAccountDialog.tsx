import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useText } from '../../../lib/i18n';
import { useDeleteAccount } from '../api/profile';

const texts = {
  ja: {
    title: '退会しますか？',
    body: '退会すると、次のようになります。元に戻すことはできません。',
    erase: 'プロフィール（氏名・フリガナ・連絡先・資格・経験など）を消去します。',
    threads: '問い合わせ・応募したやりとりは「取り下げ」となり、医療機関にはあなたの氏名や連絡先が表示されなくなります。',
    login: 'このメールアドレスとパスワードでログインできなくなります。',
    understand: '上の内容を理解したうえで、退会します',
    confirm: '退会する',
    busy: '退会の手続きをしています…',
    cancel: 'やめる',
  },
  en: {
    title: 'Delete your account?',
    body: 'This is what happens. It cannot be undone.',
    erase: 'Your profile (name, contact details, licences, experience) is erased.',
    threads: 'Your inquiries and applications are withdrawn; facilities no longer see your name or contact details.',
    login: 'You can no longer sign in with this e-mail address and password.',
    understand: 'I understand, and want to delete my account',
    confirm: 'Delete my account',
    busy: 'Deleting…',
    cancel: 'Cancel',
  },
};

/** A modal confirmation for erasing the jobseeker's account; on success, says goodbye. */
export function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const t = useText(texts);
  const ref = useRef<HTMLDialogElement>(null);
  const [understood, setUnderstood] = useState(false);
  const remove = useDeleteAccount();
  const navigate = useNavigate();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="delete-title"
      aria-describedby="delete-body"
      onCancel={(e) => {
        e.preventDefault();
        if (!remove.isPending) onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!understood) return;
          // The goodbye page signs out once it is shown (signing out here would send this
          // signed-in page to the sign-in page first).
          remove.mutate(undefined, { onSuccess: () => navigate('/goodbye', { replace: true, state: { deleted: true } }) });
        }}
        aria-busy={remove.isPending || undefined}
      >
        <h2 id="delete-title">{t.title}</h2>
        <p id="delete-body">{t.body}</p>
        <ul>
          <li>{t.erase}</li>
          <li>{t.threads}</li>
          <li>{t.login}</li>
        </ul>
        <div className="choice">
          <input id="delete-understood" type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
          <label htmlFor="delete-understood">{t.understand}</label>
        </div>
        {remove.isError && <ErrorAlert error={remove.error} />}
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={remove.isPending} busyLabel={t.busy} disabled={!understood}>
            {t.confirm}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
            {t.cancel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
