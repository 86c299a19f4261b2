import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/Button';
import { DateField } from '../../../components/DateField';
import { SelectField, TextField } from '../../../components/fields';
import { normalizeNumeric } from '../../../lib/normalize';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useAddressFilter, useRangeDraft } from '../../../components/useFilter';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDateTime } from '../../../lib/era';
import { fill, useLang, useText } from '../../../lib/i18n';
import { Pagination } from '../../search/components/Pagination';
import { kindLabel } from '../../threads/utils/stages';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, type AuditAction, type AuditFilter, downloadAuditCsv, useAuditLog, useMissingTrainingReports, useSlowResponses } from '../api/oversight';

const texts = {
  ja: {
    back: '管理メニューに戻る',
    loading: '読み込んでいます…',
    slowTitle: '返信の遅い医療機関',
    slowLead: '問い合わせ・応募に、{h}時間以内の最初の返信がなかったものです（まだ返信していないもの、返信が遅れたもの）。',
    slowEmpty: '該当するものはありません。',
    facility: '医療機関',
    posting: '募集',
    postingNo: '募集番号 {id}',
    kind: '種類',
    opened: '受付日時',
    waited: '待ち時間',
    hours: '{n}時間',
    answered: '返信済み',
    unanswered: '未返信',
    missingTitle: '研修の報告がない採用',
    missingLead: '採用を通知したのに、研修修了の報告がまだないものです。',
    missingEmpty: '報告が遅れている採用はありません。',
    hire: '採用者',
    decided: '採用通知',
    since: '経過',
    days: '{n}日',
    auditTitle: '監査ログ',
    auditLead: '非公開の募集情報の開示、求職者の個人情報の閲覧、連携先による募集情報の取得と、管理者の操作（代理登録・編集・停止・訂正・連携先と鍵）の記録です（新しい順）。',
    auditEmpty: '記録はありません。',
    total: '全{n}件',
    at: '日時',
    action: '操作',
    actor: '操作した人・組織',
    subject: '対象の求職者',
    thread: 'やりとり',
    posting_disclosed: '非公開の募集を求職者に開示',
    jobseeker_viewed: '求職者のプロフィールを閲覧',
    partner_read: '連携先が募集情報（全項目）を取得',
    posting_entered: '管理者が募集を代理登録',
    posting_edited: '管理者が募集を編集',
    posting_closed: '管理者が募集を停止・終了',
    facility_corrected: '管理者が施設情報を訂正',
    account_issued: '管理者がアカウントを発行・リンクを再送',
    organisation_changed: '管理者が連携先を登録・範囲を変更',
    credentials_changed: 'APIキー・Webhookの発行・停止',
    desk_changed: '管理者が相談窓口を変更',
    times: '（この日{n}回）',
    accountNo: 'アカウント {id}',
    none: '—',
    filter: '監査ログの絞り込み',
    any: 'すべて',
    actorFilter: '操作した人・組織（名前・メールの一部）',
    subjectFilter: '対象の求職者（名前・メールの一部）',
    postingFilter: '求人ID',
    from: '開始日',
    to: '終了日',
    apply: '絞り込む',
    badDate: '日付として読み取れません（例: 令和8年11月1日、2026-11-01）。',
    csv: 'この条件でCSVをダウンロード',
    csvBusy: 'CSVを作っています…',
  },
  en: {
    back: 'Back to administration',
    loading: 'Loading…',
    slowTitle: 'Slow responders',
    slowLead: 'Inquiries and applications without a first answer within {h} hours (still unanswered, or answered late).',
    slowEmpty: 'None.',
    facility: 'Facility',
    posting: 'Posting',
    postingNo: 'Posting {id}',
    kind: 'Kind',
    opened: 'Received',
    waited: 'Waited',
    hours: '{n} h',
    answered: 'answered',
    unanswered: 'unanswered',
    missingTitle: 'Hires without a training report',
    missingLead: 'People notified as hired whose training has not been reported yet.',
    missingEmpty: 'No overdue reports.',
    hire: 'Hire',
    decided: 'Hired on',
    since: 'Since',
    days: '{n} days',
    auditTitle: 'Audit log',
    auditLead: 'Disclosures of withheld posting details, views of jobseekers’ personal data, partners’ reads of full postings and admins’ actions (entries, edits, suspensions, corrections, organisations and keys), newest first.',
    auditEmpty: 'No entries.',
    total: '{n} entries',
    at: 'When',
    action: 'Action',
    actor: 'By',
    subject: 'Jobseeker',
    thread: 'Thread',
    posting_disclosed: 'Withheld posting disclosed to a jobseeker',
    jobseeker_viewed: 'Jobseeker profile viewed',
    partner_read: 'Full postings read by a partner',
    posting_entered: 'Admin entered a posting',
    posting_edited: 'Admin edited a posting',
    posting_closed: 'Admin suspended or closed a posting',
    facility_corrected: 'Admin corrected a facility',
    account_issued: 'Admin issued an account or resent its link',
    organisation_changed: 'Admin created an organisation or changed its scope',
    credentials_changed: 'API key or webhook issued or stopped',
    desk_changed: 'Admin changed a desk',
    times: '({n} times that day)',
    accountNo: 'Account {id}',
    none: '—',
    filter: 'Filter the audit log',
    any: 'All',
    actorFilter: 'By (part of a name or e-mail)',
    subjectFilter: 'Jobseeker (part of a name or e-mail)',
    postingFilter: 'Posting ID',
    from: 'From',
    to: 'To',
    apply: 'Filter',
    badDate: 'Not a date we can read (e.g. 2026-11-01).',
    csv: 'Download these entries as CSV',
    csvBusy: 'Making the CSV…',
  },
};

function Back() {
  const t = useText(texts);
  return (
    <p className="back-link">
      <Link to="/admin">← {t.back}</Link>
    </p>
  );
}

export function SlowResponsesPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.slowTitle);
  const list = useSlowResponses();
  return (
    <div className="page">
      <Back />
      <h1>{t.slowTitle}</h1>
      {list.data && <p className="lead">{fill(t.slowLead, { h: list.data.threshold_hours })}</p>}
      {list.isPending && <Loading label={t.loading} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p role="status">{t.slowEmpty}</p>
        ) : (
          <DataTable
            id="slow-caption"
            caption={t.slowTitle}
            headers={
              <>
                <th scope="col">{t.facility}</th>
                <th scope="col">{t.posting}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.opened}</th>
                <th scope="col">{t.waited}</th>
              </>
            }
          >
            {list.data.items.map((r) => (
              <tr key={r.thread_id}>
                <th scope="row">{r.facility_name}</th>
                <td>
                  <Link to={`/postings/${r.posting_id}`}>{fill(t.postingNo, { id: r.posting_id })}</Link>
                </td>
                <td>{kindLabel(r.kind, lang)}</td>
                <td>{formatDateTime(r.created_at, lang)}</td>
                <td>
                  {fill(t.hours, { n: r.hours_waiting })}
                  <span className={r.first_response_at ? 'muted' : 'turn'}>（{r.first_response_at ? t.answered : t.unanswered}）</span>
                </td>
              </tr>
            ))}
          </DataTable>
        ))}
    </div>
  );
}

export function MissingTrainingReportsPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.missingTitle);
  const list = useMissingTrainingReports();
  return (
    <div className="page">
      <Back />
      <h1>{t.missingTitle}</h1>
      <p className="lead">{t.missingLead}</p>
      {list.isPending && <Loading label={t.loading} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p role="status">{t.missingEmpty}</p>
        ) : (
          <DataTable
            id="missing-caption"
            caption={t.missingTitle}
            headers={
              <>
                <th scope="col">{t.facility}</th>
                <th scope="col">{t.hire}</th>
                <th scope="col">{t.posting}</th>
                <th scope="col">{t.decided}</th>
                <th scope="col">{t.since}</th>
              </>
            }
          >
            {list.data.items.map((r) => (
              <tr key={r.thread_id}>
                <th scope="row">{r.facility_name}</th>
                <td>{r.jobseeker_name}</td>
                <td>
                  <Link to={`/postings/${r.posting_id}`}>{fill(t.postingNo, { id: r.posting_id })}</Link>
                </td>
                <td>{r.decided_at ? formatDateTime(r.decided_at, lang) : t.none}</td>
                <td>{fill(t.days, { n: r.days_since })}</td>
              </tr>
            ))}
          </DataTable>
        ))}
    </div>
  );
}

const ACTIONS: readonly AuditAction[] = AUDIT_ACTIONS;

function filterFrom(params: URLSearchParams): AuditFilter {
  const action = params.get('action') ?? '';
  return {
    action: (ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : '',
    actor: params.get('actor') ?? '',
    subject: params.get('subject') ?? '',
    posting_id: params.get('posting_id') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** The filter form: its values go into the address, so a filtered view can be bookmarked. */
function AuditFilterForm({ filter, onApply }: { filter: AuditFilter; onApply: (f: AuditFilter) => void }) {
  const t = useText(texts);
  const { draft, bad, set, submit } = useRangeDraft(filter, t.badDate, onApply, (f) => ({ ...f, posting_id: normalizeNumeric(f.posting_id) }));
  return (
    <form className="form card filter-form" role="search" aria-label={t.filter} onSubmit={submit} noValidate>
      <SelectField path="action" label={t.action} value={draft.action} onChange={set('action')}>
        <option value="">{t.any}</option>
        {ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t[a]}
          </option>
        ))}
      </SelectField>
      <TextField path="actor" label={t.actorFilter} value={draft.actor} onChange={set('actor')} width="medium" maxLength={100} />
      <TextField path="subject" label={t.subjectFilter} value={draft.subject} onChange={set('subject')} width="medium" maxLength={100} />
      <TextField path="posting_id" label={t.postingFilter} value={draft.posting_id} onChange={set('posting_id')} width="short" inputMode="numeric" />
      <DateField path="from" label={t.from} value={draft.from} onChange={set('from')} errors={bad.from} />
      <DateField path="to" label={t.to} value={draft.to} onChange={set('to')} errors={bad.to} />
      <Button type="submit">{t.apply}</Button>
    </form>
  );
}

export function AuditLogPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.auditTitle);
  const { params, filter, apply } = useAddressFilter(filterFrom);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const log = useAuditLog(filter, page);
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<unknown>(null);
  const csv = async () => {
    setCsvBusy(true);
    setCsvError(null);
    try {
      await downloadAuditCsv(filter);
    } catch (e) {
      setCsvError(e);
    } finally {
      setCsvBusy(false);
    }
  };
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `/admin/audit-log?${next.toString()}`;
  };
  const actionLabel = (a: string) => ((ACTIONS as readonly string[]).includes(a) ? t[a as AuditAction] : a);
  const who = (name: string | null | undefined, id: number | null | undefined) =>
    name ?? (id == null ? t.none : fill(t.accountNo, { id }));
  return (
    <div className="page">
      <Back />
      <h1>{t.auditTitle}</h1>
      <p className="lead">{t.auditLead}</p>
      <AuditFilterForm key={params.toString()} filter={filter} onApply={apply} />
      <p className="inline-actions">
        <Button variant="secondary" busy={csvBusy} busyLabel={t.csvBusy} onClick={() => void csv()}>
          {t.csv}
        </Button>
      </p>
      {csvError != null && <ErrorAlert error={csvError} />}
      {log.isPending && <Loading label={t.loading} />}
      {log.isError && <ErrorAlert error={log.error} />}
      {log.data && (
        <div aria-busy={log.isFetching || undefined}>
          <p className="results-count" role="status">
            {log.data.total === 0 ? t.auditEmpty : fill(t.total, { n: log.data.total })}
          </p>
          {log.data.items.length > 0 && (
            <DataTable
              id="audit-caption"
              caption={t.auditTitle}
              headers={
                <>
                  <th scope="col">{t.at}</th>
                  <th scope="col">{t.action}</th>
                  <th scope="col">{t.actor}</th>
                  <th scope="col">{t.posting}</th>
                  <th scope="col">{t.subject}</th>
                </>
              }
            >
              {log.data.items.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="audit-at">{formatDateTime(e.at, lang)}</td>
                  <td className="audit-action">
                    {actionLabel(e.action)}
                    {e.times > 1 && <span className="muted"> {fill(t.times, { n: e.times })}</span>}
                  </td>
                  <td>
                    {e.actor_account_id == null
                      ? (e.organisation ?? t.none)
                      : who(e.actor, e.actor_account_id) + (e.organisation != null ? ` (${e.organisation})` : '')}
                  </td>
                  <td className="audit-detail">
                    {e.posting_id != null && (
                      <Link to={`/postings/${e.posting_id}`}>{fill(t.postingNo, { id: e.posting_id })}</Link>
                    )}
                    {e.detail != null && <span className="muted"> {e.detail}</span>}
                    {e.posting_id == null && e.detail == null && t.none}
                  </td>
                  <td>{who(e.subject, e.subject_account_id)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination page={page} pages={Math.ceil(log.data.total / AUDIT_PAGE_SIZE)} hrefFor={hrefFor} />
        </div>
      )}
    </div>
  );
}
