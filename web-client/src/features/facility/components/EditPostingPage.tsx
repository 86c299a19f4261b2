import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { usePosting } from '../../postings/api/posting';
import { useUpdatePosting } from '../../postings/api/savePosting';
import { PostingForm } from '../../postings/components/PostingForm';
import { placeText } from '../../postings/utils/format';
import { formFromPosting } from '../../postings/utils/postingForm';
import { isFull } from '../../postings/utils/views';
import { useLabels } from '../../reference/api/reference';

const texts = {
  ja: {
    title: '募集の編集',
    loading: '募集を読み込んでいます…',
    notOwn: 'この募集は編集できません（ほかの医療機関の募集か、見つかりません）。',
    closed: 'この募集は終了しているため、編集できません。',
    submit: '変更を保存する',
    busy: '保存しています…',
    cancel: '編集をやめる',
    back: '募集の管理に戻る',
    backAdmin: '募集のページに戻る',
    staleTitle: 'ほかの人が先に更新しました',
    staleBody: 'この募集は、あなたが編集を始めた後に別の担当者（または別の画面）で更新されています。上書きを防ぐため、保存しませんでした。最新の内容を読み込んでから、必要な変更をもう一度入力してください。',
    reload: '最新の内容を読み込む',
    reloading: '読み込んでいます…',
    closedConflict: 'この募集は、編集中に終了されました。変更は保存されていません。',
    done: '変更を保存しました（募集番号 {id}）。',
  },
  en: {
    title: 'Edit posting',
    loading: 'Loading the posting…',
    notOwn: 'You cannot edit this posting (it belongs to another facility, or was not found).',
    closed: 'This posting has closed and cannot be edited.',
    submit: 'Save changes',
    busy: 'Saving…',
    cancel: 'Cancel',
    back: 'Back to your postings',
    backAdmin: 'Back to the posting',
    staleTitle: 'Someone else saved first',
    staleBody: 'This posting was changed (by someone else or in another window) after you started editing, so your changes were not saved, to avoid overwriting theirs. Load the latest version, then make your changes again.',
    reload: 'Load the latest version',
    reloading: 'Loading…',
    closedConflict: 'This posting was closed while you were editing. Your changes were not saved.',
    done: 'Changes saved (posting no. {id}).',
  },
};

/** Brings a conflict notice (shown next to the save button at the end of a long form) into view. */
function revealNotice(el: HTMLElement | null) {
  if (!el) return;
  el.scrollIntoView?.({ block: 'center' });
  el.focus({ preventScroll: true });
}

/** The facility edits its own postings; an admin edits any (from the facility directory). */
export function EditPostingPage({ asAdmin = false }: { asAdmin?: boolean }) {
  const t = useText(texts);
  usePageTitle(t.title);
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const labels = useLabels();
  const posting = usePosting(id);
  const update = useUpdatePosting(id);
  const [conflict, setConflict] = useState<'stale' | 'closed' | null>(null);
  const full = posting.data && isFull(posting.data) ? posting.data : null;
  // A new form only when a new version arrives (after "load the latest version").
  const initial = useMemo(() => (full ? formFromPosting(full) : null), [full?.id, full?.version]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="page page-form">
      <p className="back-link">
        <Link to={asAdmin ? `/postings/${id}` : '/facility'}>← {asAdmin ? t.backAdmin : t.back}</Link>
      </p>
      <h1>
        {t.title}
        {full && <span className="subtitle">{`${labels.occupation(full.occupation)} — ${placeText(full, labels)}`}</span>}
      </h1>
      {posting.isPending && <Loading label={t.loading} />}
      {posting.isError && <ErrorAlert error={posting.error} />}
      {posting.data && !full && (
        <p className="alert alert-error" role="alert">
          {t.notOwn}
        </p>
      )}
      {full && full.status !== 'open' && (
        <p className="alert alert-warning" role="alert">
          {t.closed}
        </p>
      )}
      {full && full.status === 'open' && initial && (
        <PostingForm
          initial={initial}
          submitLabel={t.submit}
          busyLabel={t.busy}
          onSubmit={async (input) => {
            setConflict(null);
            try {
              await update.mutateAsync({ ...input, version: full.version });
              navigate(asAdmin ? `/admin/facilities/${full.facility.id}` : '/facility?status=open', { state: { flash: fill(t.done, { id }) } });
            } catch (e) {
              if (e instanceof ApiError && e.status === 409) {
                setConflict(e.code === 'stale_version' ? 'stale' : 'closed');
                return;
              }
              throw e;
            }
          }}
          notice={
            conflict === 'stale' ? (
              <div className="alert alert-warning" role="alert" tabIndex={-1} ref={revealNotice}>
                <p className="alert-title">{t.staleTitle}</p>
                <p>{t.staleBody}</p>
                <Button
                  variant="secondary"
                  busy={posting.isFetching}
                  busyLabel={t.reloading}
                  onClick={async () => {
                    await posting.refetch();
                    setConflict(null);
                  }}
                >
                  {t.reload}
                </Button>
              </div>
            ) : conflict === 'closed' ? (
              <p className="alert alert-error" role="alert" tabIndex={-1} ref={revealNotice}>
                {t.closedConflict}
              </p>
            ) : null
          }
          extraActions={
            <Link className="btn btn-link" to="/facility">
              {t.cancel}
            </Link>
          }
        />
      )}
    </div>
  );
}
