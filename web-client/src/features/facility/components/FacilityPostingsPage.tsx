import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDateTime } from '../../../lib/era';
import { fill, useText } from '../../../lib/i18n';
import { useMe } from '../../auth/api/auth';
import { periodShort, placeText, wageText } from '../../postings/utils/format';
import type { FullPosting } from '../../postings/utils/views';
import { useLabels } from '../../reference/api/reference';
import { type StatusFilter, useOwnPostings } from '../api/ownPostings';
import { ClosePostingDialog } from './ClosePostingDialog';

const texts = {
  ja: {
    title: '募集の管理',
    facilityId: '医療機関ID: {id}',
    suspended: 'このアカウントは休止中です（先月、募集中の求人がなく新しい登録もなかったため）。新しい募集を登録すると、すぐに再開されます。',
    add: '＋ 新しい募集を登録する',
    tabs: '表示する募集',
    open: '募集中',
    closed: '終了',
    all: 'すべて',
    loading: '募集を読み込んでいます…',
    emptyOpen: '募集中の求人はありません。「新しい募集を登録する」から登録できます。',
    empty: '該当する募集はありません。',
    count: '{n}件',
    contacts: '問い合わせ・応募',
    contactCounts: '問い合わせ {i}件・応募 {a}件',
    unreadCount: '（未読 {n}件）',
    statusOpen: '募集中',
    statusClosed: '終了（{reason}）',
    filled: '充足',
    withdrawn: '取りやめ',
    expired: '期間満了',
    suspendedReason: '停止',
    masked: '非公開項目あり',
    period: '雇用期間',
    wage: '給与',
    updated: '更新',
    view: '内容を見る',
    edit: '編集する',
    close: '募集を終了する',
    closedFlash: '募集を終了しました（{reason}）。',
    postingNo: '募集番号 {id}',
  },
  en: {
    title: 'Your postings',
    facilityId: 'Facility ID: {id}',
    suspended: 'This account is suspended (no open posting and no new posting last month). Registering a posting reactivates it at once.',
    add: '+ Register a new posting',
    tabs: 'Show',
    open: 'Open',
    closed: 'Closed',
    all: 'All',
    loading: 'Loading your postings…',
    emptyOpen: 'No open postings. Use “Register a new posting” to add one.',
    empty: 'No postings here.',
    count: '{n}',
    contacts: 'Inquiries and applications',
    contactCounts: '{i} inquiries, {a} applications',
    unreadCount: ' ({n} unread)',
    statusOpen: 'Open',
    statusClosed: 'Closed ({reason})',
    filled: 'filled',
    withdrawn: 'withdrawn',
    expired: 'expired',
    suspendedReason: 'suspended',
    masked: 'Details withheld',
    period: 'Period',
    wage: 'Wage',
    updated: 'Updated',
    view: 'View',
    edit: 'Edit',
    close: 'Close posting',
    closedFlash: 'The posting was closed ({reason}).',
    postingNo: 'Posting {id}',
  },
};

const FILTERS: readonly StatusFilter[] = ['open', 'closed', 'all'];

export function FacilityPostingsPage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const labels = useLabels();
  const me = useMe();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const status = (FILTERS as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as StatusFilter) : 'open';
  const postings = useOwnPostings(status);
  const [closing, setClosing] = useState<FullPosting | null>(null);
  const flash = (location.state as { flash?: string } | null)?.flash;

  const reasonLabel = (r: string | null | undefined) =>
    r === 'filled' ? t.filled : r === 'withdrawn' ? t.withdrawn : r === 'expired' ? t.expired : r === 'suspended' ? t.suspendedReason : '';
  const summary = (p: FullPosting) => `${labels.occupation(p.occupation)} — ${placeText(p, labels)}`;

  return (
    <div className="page">
      <div className="page-intro">
        <h1>{t.title}</h1>
        {me.data?.facility && (
          <p className="lead">
            {me.data.facility.name}（{fill(t.facilityId, { id: me.data.facility.gmis_id })}）
          </p>
        )}
      </div>
      {flash && (
        <p className="alert alert-success" role="status">
          {flash}
        </p>
      )}
      {me.data?.facility?.status === 'suspended' && (
        <p className="alert alert-warning" role="status">
          {t.suspended}
        </p>
      )}
      <p>
        <Link className="btn btn-primary btn-large" to="/facility/postings/new">
          {t.add}
        </Link>
      </p>

      <nav className="tabs" aria-label={t.tabs}>
        <ul>
          {FILTERS.map((f) => (
            <li key={f}>
              <Link to={`/facility?status=${f}`} aria-current={f === status ? 'page' : undefined}>
                {t[f]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="own-title" aria-busy={postings.isFetching || undefined}>
        <h2 id="own-title" className="visually-hidden">
          {t[status]}
        </h2>
        {postings.isPending && <Loading label={t.loading} />}
        {postings.isError && <ErrorAlert error={postings.error} />}
        {postings.data && (
          <>
            <p role="status" className="results-count">
              {postings.data.items.length === 0 ? (status === 'open' ? t.emptyOpen : t.empty) : fill(t.count, { n: postings.data.items.length })}
            </p>
            <ul className="own-postings">
              {postings.data.items.map((p) => (
                <li key={p.id} className="own-posting card">
                  <div className="own-posting-head">
                    <h3>
                      <Link to={`/postings/${p.id}`}>{summary(p)}</Link>
                    </h3>
                    <span className={`status status-${p.status}`}>
                      {p.status === 'open' ? t.statusOpen : fill(t.statusClosed, { reason: reasonLabel(p.close_reason) })}
                    </span>
                    {p.mask_requested && <span className="badge">{t.masked}</span>}
                  </div>
                  <dl className="facts">
                    <div className="wide">
                      <dt>{t.period}</dt>
                      <dd>{periodShort(p, labels.lang)}</dd>
                    </div>
                    <div>
                      <dt>{t.wage}</dt>
                      <dd>{wageText(p, labels)}</dd>
                    </div>
                    <div>
                      <dt>{t.updated}</dt>
                      <dd>{formatDateTime(p.updated_at, labels.lang)}</dd>
                    </div>
                    <div className="wide">
                      <dt>{t.contacts}</dt>
                      <dd>
                        {(() => {
                          const c = postings.data.thread_counts.find((x) => x.posting_id === p.id);
                          const line = fill(t.contactCounts, { i: c?.inquiries ?? 0, a: c?.applications ?? 0 });
                          return c && c.unread > 0 ? (
                            <Link to="/threads">
                              {line}
                              {fill(t.unreadCount, { n: c.unread })}
                            </Link>
                          ) : (
                            line
                          );
                        })()}
                      </dd>
                    </div>
                  </dl>
                  {p.status === 'open' && (
                    <div className="actions">
                      <Link className="btn btn-secondary" to={`/facility/postings/${p.id}/edit`} aria-label={`${t.edit}: ${summary(p)}`}>
                        {t.edit}
                      </Link>
                      <button type="button" className="btn btn-danger-outline" onClick={() => setClosing(p)} aria-label={`${t.close}: ${summary(p)}`}>
                        {t.close}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {closing && (
        <ClosePostingDialog
          postingId={closing.id}
          summary={summary(closing)}
          onClose={() => setClosing(null)}
          onClosed={(reason) => {
            setClosing(null);
            navigate(`/facility?status=${status}`, { replace: true, state: { flash: fill(t.closedFlash, { reason: reasonLabel(reason) }) } });
          }}
        />
      )}
    </div>
  );
}
