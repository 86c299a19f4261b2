import { lazy, Suspense, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../../../api/session';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDateTime } from '../../../lib/era';
import { useText } from '../../../lib/i18n';
import { useLabels } from '../../reference/api/reference';
import { usePosting, usePostingHistory } from '../api/posting';
import { changeText, entryDetail, fieldChanges } from '../utils/historyLabels';
import { isFull } from '../utils/views';
import { PostingDetails } from './PostingDetails';
import { FavouriteButton } from '../../jobseeker/components/Favourites';
import { PrefectureDesks } from '../../desks/components/Desks';

// The inquiry/application box is its own chunk: most visitors only read.
const ContactPanel = lazy(() => import('../../threads/components/ContactPanel'));

const texts = {
  ja: {
    back: '検索結果に戻る',
    search: '募集をさがす',
    title: '募集情報',
    loading: '募集情報を読み込んでいます…',
    notFound: 'この募集は見つかりませんでした',
    edit: 'この募集を編集する',
    manage: '募集の管理に戻る',
    history: '変更履歴',
    historyLoading: '変更履歴を読み込んでいます…',
    created: '登録',
    updated: '更新',
    closed: '終了',
    intake: '連携システムから受信',
    noHistory: '変更履歴はありません。',
    toContact: '問い合わせ・応募へ進む',
  },
  en: {
    back: 'Back to results',
    search: 'Find postings',
    title: 'Posting',
    loading: 'Loading the posting…',
    notFound: 'This posting was not found',
    edit: 'Edit this posting',
    manage: 'Back to your postings',
    history: 'Change history',
    historyLoading: 'Loading the history…',
    created: 'Created',
    updated: 'Updated',
    closed: 'Closed',
    intake: 'Received from an upstream system',
    noHistory: 'No changes yet.',
    toContact: 'Go to inquire or apply',
  },
};

function History({ id }: { id: number }) {
  const t = useText(texts);
  const labels = useLabels();
  const history = usePostingHistory(id, true);
  if (history.isPending) return <Loading label={t.historyLoading} />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  if (history.data.items.length === 0) return <p>{t.noHistory}</p>;
  const actionLabel = (a: string) =>
    a === 'created' ? t.created : a === 'updated' ? t.updated : a === 'closed' ? t.closed : a === 'intake' ? t.intake : a;
  return (
    <ol className="history">
      {history.data.items.map((h, i) => {
        const changes = h.action === 'updated' ? fieldChanges(h.changes, labels) : [];
        const detail = entryDetail(h.action, h.changes, labels.lang);
        return (
          <li key={i}>
            <strong>{actionLabel(h.action)}</strong> {formatDateTime(h.at, labels.lang)}
            {detail && <span className="muted"> — {detail}</span>}
            {changes.length > 0 && (
              <ul className="history-changes">
                {changes.map((c) => (
                  <li key={c.field}>{changeText(c)}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function HistoryDisclosure({ id }: { id: number }) {
  const t = useText(texts);
  const [open, setOpen] = useState(false);
  return (
    <details className="card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t.history}</summary>
      {open && <History id={id} />}
    </details>
  );
}

export function PostingPage() {
  const t = useText(texts);
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const session = useSession();
  const labels = useLabels();
  const posting = usePosting(id);
  // Jobseekers, and visitors who may become one.
  const contactable = !session || session.role === 'jobseeker';
  usePageTitle(posting.data ? `${labels.occupation(posting.data.occupation)} — ${posting.data.workplace.prefecture_name}${posting.data.workplace.municipality}` : t.title);

  return (
    <div className="page page-narrow">
      <p className="back-link">
        <Link to={from ? `/${from}` : '/'}>← {from ? t.back : t.search}</Link>
      </p>
      {posting.isPending && (
        // Holds a screenful while the posting loads, so the footer is not on screen to be
        // pushed down when it arrives (a layout shift).
        <div className="page-loading">
          <Loading label={t.loading} />
        </div>
      )}
      {posting.isError && (
        <>
          <h1>{t.notFound}</h1>
          <ErrorAlert error={posting.error} />
        </>
      )}
      {posting.data && (
        <>
          {contactable && posting.data.status === 'open' && (
            <p className="jump-link">
              <a href="#contact">{t.toContact} ↓</a>
            </p>
          )}
          <PostingDetails posting={posting.data} labels={labels} />
          {session?.role === 'jobseeker' && <FavouriteButton postingId={id} />}
          {contactable && posting.data.status === 'open' && (
            <Suspense fallback={null}>
              <ContactPanel postingId={id} />
            </Suspense>
          )}
          {contactable && <PrefectureDesks prefectureCode={posting.data.workplace.prefecture_code} prefectureName={posting.data.workplace.prefecture_name} />}
          {isFull(posting.data) && (
            <>
              {session?.role === 'facility' && (
                <p className="actions">
                  {posting.data.status === 'open' && (
                    <Link className="btn btn-primary" to={`/facility/postings/${id}/edit`}>
                      {t.edit}
                    </Link>
                  )}
                  <Link className="btn btn-secondary" to="/facility">
                    {t.manage}
                  </Link>
                </p>
              )}
              <HistoryDisclosure id={id} />
            </>
          )}
        </>
      )}
    </div>
  );
}
