// Admins' facility directory: find a facility by ID, name, prefecture and status; open it
// to resend its activation link or correct its name and contact address, with history.

import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fieldErrorsOf } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDateTime } from '../../../lib/era';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { useClosePosting } from '../../postings/api/savePosting';
import { useLabels, usePrefectures } from '../../reference/api/reference';
import { Pagination } from '../../search/components/Pagination';
import {
  FACILITY_PAGE_SIZE,
  type FacilityStatus,
  useCorrectFacility,
  useFacilities,
  useFacility,
  useResendActivation,
} from '../api/facilities';

const texts = {
  ja: {
    back: '管理メニューに戻る',
    backToList: '医療機関の一覧に戻る',
    title: '医療機関の一覧',
    lead: '医療機関ID・名称・都道府県・状態で探し、登録内容の訂正やパスワード設定用リンクの再送ができます。',
    q: '医療機関IDまたは名称の一部',
    prefecture: '都道府県',
    status: '状態',
    any: 'すべて',
    search: '探す',
    loading: '読み込んでいます…',
    empty: '該当する医療機関はありません。',
    total: '{n}件',
    id: '医療機関ID',
    name: '名称',
    open: '掲載中の募集',
    lastPosted: '最後の募集登録',
    email: '連絡先メール',
    none: '—',
    active: '利用中',
    resting: '休止中',
    pending_activation: '初回ログイン待ち',
    resend: 'パスワード設定用リンクを再送する',
    resending: '送っています…',
    resent: '{email} にリンクを送りました。以前のリンクは使えなくなります。',
    correct: '登録内容を訂正する',
    correctLead: '訂正は履歴に残り、医療機関に（連絡先を変えたときは新旧両方のアドレスに）通知されます。掲載中の募集の医療機関名も変わり、連携先に配信されます。',
    reason: '訂正の理由',
    reasonHint: '医療機関への通知と履歴に載ります。',
    save: '訂正を保存する',
    saving: '保存しています…',
    saved: '訂正を保存しました。',
    unchanged: '変更はありませんでした。',
    history: '履歴',
    historyEmpty: 'まだ履歴はありません。',
    at: '日時',
    what: '内容',
    by: '操作した人',
    'facility.corrected': '登録内容の訂正',
    'facility.rested': 'アカウントの休止（募集のない月）',
    'facility.reactivated': 'アカウントの再開',
    fieldName: '名称',
    fieldEmail: '連絡先メール',
    postings: '掲載中の募集',
    postingsEmpty: '掲載中の募集はありません。',
    postingNo: '求人ID {id}',
    idCol: '求人ID',
    occupation: '職種',
    place: '勤務地',
    published: '掲載日時',
    actions: '操作',
    edit: '編集',
    editOf: '求人ID {id} を編集',
    suspend: '掲載を停止',
    suspendOf: '求人ID {id} の掲載を停止',
    suspendTitle: '求人ID {id} の掲載を停止する',
    suspendLead: '停止した募集は公開されなくなり、元に戻せません。理由は医療機関にメールで伝えられ、募集の履歴に残ります（連携先には届きません）。',
    note: '停止の理由',
    confirmSuspend: '停止する',
    suspending: '停止しています…',
    cancel: 'やめる',
    suspendedDone: '求人ID {id} の掲載を停止しました。医療機関に理由を知らせます。',
  },
  en: {
    back: 'Back to administration',
    backToList: 'Back to facilities',
    title: 'Facilities',
    lead: 'Find a facility by ID, name, prefecture and status; correct its details or resend its link to set a password.',
    q: 'Facility ID or part of the name',
    prefecture: 'Prefecture',
    status: 'Status',
    any: 'All',
    search: 'Search',
    loading: 'Loading…',
    empty: 'No facility matches.',
    total: '{n} facilities',
    id: 'Facility ID',
    name: 'Name',
    open: 'Open postings',
    lastPosted: 'Last posting',
    email: 'Contact e-mail',
    none: '—',
    active: 'Active',
    resting: 'Resting',
    pending_activation: 'Waiting for first sign-in',
    resend: 'Resend the link to set a password',
    resending: 'Sending…',
    resent: 'A link went to {email}; earlier links no longer work.',
    correct: 'Correct the details',
    correctLead: 'A correction is kept in the history and told to the facility (at the old and new address when the address changes). Open postings take the new name and partners receive them again.',
    reason: 'Reason for the correction',
    reasonHint: 'Shown to the facility and kept in the history.',
    save: 'Save the correction',
    saving: 'Saving…',
    saved: 'Correction saved.',
    unchanged: 'Nothing was changed.',
    history: 'History',
    historyEmpty: 'No history yet.',
    at: 'When',
    what: 'What',
    by: 'By',
    'facility.corrected': 'Details corrected',
    'facility.rested': 'Account rested (a month without postings)',
    'facility.reactivated': 'Account reactivated',
    fieldName: 'Name',
    fieldEmail: 'Contact e-mail',
    postings: 'Open postings',
    postingsEmpty: 'No open postings.',
    postingNo: 'Posting {id}',
    idCol: 'Posting',
    occupation: 'Occupation',
    place: 'Place',
    published: 'Published',
    actions: 'Actions',
    edit: 'Edit',
    editOf: 'Edit posting {id}',
    suspend: 'Suspend',
    suspendOf: 'Suspend posting {id}',
    suspendTitle: 'Suspend posting {id}',
    suspendLead: 'A suspended posting is no longer published, for good. The facility is mailed the reason, which stays in the posting’s history (partners do not receive it).',
    note: 'Reason for suspending',
    confirmSuspend: 'Suspend',
    suspending: 'Suspending…',
    cancel: 'Cancel',
    suspendedDone: 'Posting {id} is suspended; the facility will be told why.',
  },
};

const STATUSES: FacilityStatus[] = ['active', 'resting', 'pending_activation'];

export function FacilitiesPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.title);
  const prefectures = usePrefectures();
  const [params, setParams] = useSearchParams();
  const filter = {
    q: params.get('q') ?? '',
    prefecture: params.get('prefecture') ?? '',
    status: (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as FacilityStatus) : ('' as const),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const [q, setQ] = useState(filter.q);
  const [prefecture, setPrefecture] = useState(filter.prefecture);
  const [status, setStatus] = useState<string>(filter.status);
  const list = useFacilities(filter);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (prefecture) next.set('prefecture', prefecture);
    if (status) next.set('status', status);
    setParams(next);
  };
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    return `/admin/facilities?${next.toString()}`;
  };
  return (
    <div className="page">
      <p className="back-link">
        <Link to="/admin">← {t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <form className="form card" role="search" onSubmit={submit} aria-label={t.title}>
        <TextField path="q" label={t.q} value={q} onChange={setQ} width="medium" maxLength={100} />
        <SelectField path="prefecture" label={t.prefecture} value={prefecture} onChange={setPrefecture}>
          <option value="">{t.any}</option>
          {prefectures.map((p) => (
            <option key={p.code} value={p.code}>
              {labelOf(p, lang)}
            </option>
          ))}
        </SelectField>
        <SelectField path="status" label={t.status} value={status} onChange={setStatus}>
          <option value="">{t.any}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t[s]}
            </option>
          ))}
        </SelectField>
        <Button type="submit">{t.search}</Button>
      </form>
      {list.isPending && <Loading label={t.loading} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <div aria-busy={list.isFetching || undefined}>
          <p className="results-count" role="status">
            {list.data.total === 0 ? t.empty : fill(t.total, { n: list.data.total })}
          </p>
          {list.data.items.length > 0 && (
            <DataTable
              id="facilities-caption"
              caption={t.title}
              headers={
                <>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.id}</th>
                  <th scope="col">{t.prefecture}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.open}</th>
                  <th scope="col">{t.lastPosted}</th>
                </>
              }
            >
              {list.data.items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <Link to={`/admin/facilities/${f.id}`}>{f.name}</Link>
                  </th>
                  <td>{f.gmis_id}</td>
                  <td>{labelOf(prefectures.find((p) => p.code === f.prefecture_code), lang, f.prefecture_code)}</td>
                  <td>{t[f.status]}</td>
                  <td>{f.open_postings}</td>
                  <td>{f.last_posted_at ? formatDateTime(f.last_posted_at, lang) : t.none}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination page={filter.page} pages={Math.ceil(list.data.total / FACILITY_PAGE_SIZE)} hrefFor={hrefFor} />
        </div>
      )}
    </div>
  );
}

export function FacilityPage() {
  const t = useText(texts);
  const lang = useLang();
  const id = Number(useParams().id);
  const facility = useFacility(id);
  const prefectures = usePrefectures();
  usePageTitle(facility.data?.name ?? t.title);
  const correct = useCorrectFacility(id);
  const resend = useResendActivation(id);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const loadedName = facility.data?.name;
  const loadedEmail = facility.data?.email;
  useEffect(() => {
    if (loadedName !== undefined) setName(loadedName);
    if (loadedEmail !== undefined) setEmail(loadedEmail);
  }, [loadedName, loadedEmail]);
  const errors = fieldErrorsOf(correct.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const before = facility.data?.history.length ?? 0;
    correct.mutate(
      { name, email, reason },
      {
        onSuccess: (f) => {
          setDone(f.history.length > before ? t.saved : t.unchanged);
          setReason('');
        },
      },
    );
  };
  const fieldLabel = (k: string) => (k === 'name' ? t.fieldName : k === 'email' ? t.fieldEmail : k);
  return (
    <div className="page">
      <p className="back-link">
        <Link to="/admin/facilities">← {t.backToList}</Link>
      </p>
      {facility.isPending && <Loading label={t.loading} />}
      {facility.isError && <ErrorAlert error={facility.error} />}
      {facility.data && (
        <>
          <h1>{facility.data.name}</h1>
          <dl className="facts">
            <dt>{t.id}</dt>
            <dd>{facility.data.gmis_id}</dd>
            <dt>{t.prefecture}</dt>
            <dd>{labelOf(prefectures.find((p) => p.code === facility.data.prefecture_code), lang, facility.data.prefecture_code)}</dd>
            <dt>{t.email}</dt>
            <dd>{facility.data.email}</dd>
            <dt>{t.status}</dt>
            <dd>{t[facility.data.status]}</dd>
            <dt>{t.open}</dt>
            <dd>{facility.data.open_postings}</dd>
          </dl>
          <section className="card" aria-labelledby="resend-heading">
            <h2 id="resend-heading">{t.resend}</h2>
            {resend.error && <ErrorAlert error={resend.error} />}
            {resend.data && (
              <p className="alert alert-success" role="status">
                {fill(t.resent, { email: resend.data.sent_to })}
              </p>
            )}
            <Button variant="secondary" busy={resend.isPending} busyLabel={t.resending} onClick={() => resend.mutate()}>
              {t.resend}
            </Button>
          </section>
          <form className="form card" onSubmit={submit} noValidate aria-labelledby="correct-heading">
            <h2 id="correct-heading">{t.correct}</h2>
            <p className="hint">{t.correctLead}</p>
            {correct.error && <ErrorAlert error={correct.error} />}
            {done && (
              <p className="alert alert-success" role="status">
                {done}
              </p>
            )}
            <TextField path="name" label={t.fieldName} value={name} onChange={setName} required maxLength={100} errors={errors.name} />
            <TextField path="email" label={t.fieldEmail} type="email" value={email} onChange={setEmail} required errors={errors.email} />
            <TextField path="reason" label={t.reason} hint={t.reasonHint} value={reason} onChange={setReason} required multiline maxLength={500} errors={errors.reason} />
            <Button type="submit" busy={correct.isPending} busyLabel={t.saving}>
              {t.save}
            </Button>
          </form>
          <OpenPostings facilityId={id} postings={facility.data.postings} />
          <h2 id="history-heading">{t.history}</h2>
          {facility.data.history.length === 0 ? (
            <p>{t.historyEmpty}</p>
          ) : (
            <DataTable
              id="facility-history-caption"
              caption={t.history}
              headers={
                <>
                  <th scope="col">{t.at}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col">{t.by}</th>
                </>
              }
            >
              {facility.data.history.map((h, i) => {
                const fields = (h.fields ?? {}) as Record<string, { old?: string; new?: string }>;
                return (
                  <tr key={`${h.at}-${i}`}>
                    <td>{formatDateTime(h.at, lang)}</td>
                    <td>
                      {h.kind in texts.ja ? t[h.kind as 'facility.corrected'] : h.kind}
                      {Object.entries(fields).length > 0 && (
                        <ul className="plain-list">
                          {Object.entries(fields).map(([k, v]) => (
                            <li key={k}>
                              {fieldLabel(k)}：{v.old} → {v.new}
                            </li>
                          ))}
                        </ul>
                      )}
                      {h.reason && <p className="muted">{h.reason}</p>}
                    </td>
                    <td>{h.by ?? t.none}</td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </>
      )}
    </div>
  );
}

type OpenPostingRow = NonNullable<ReturnType<typeof useFacility>['data']>['postings'][number];

/** The facility's open postings, each to edit or suspend (with a reason the facility is told). */
function OpenPostings({ facilityId, postings }: { facilityId: number; postings: OpenPostingRow[] }) {
  const t = useText(texts);
  const labels = useLabels();
  const close = useClosePosting();
  const facility = useFacility(facilityId);
  const [suspending, setSuspending] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const errors = fieldErrorsOf(close.error);
  // Keyboard users land in the reason field of the posting they chose.
  useEffect(() => {
    if (suspending != null) document.getElementById('f-note')?.focus();
  }, [suspending]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (suspending == null) return;
    const id = suspending;
    close.mutate(
      { id, reason: 'suspended', note },
      {
        onSuccess: () => {
          setDone(fill(t.suspendedDone, { id }));
          setSuspending(null);
          setNote('');
          void facility.refetch();
        },
      },
    );
  };
  return (
    <div>
      <h2 id="open-postings-heading">{t.postings}</h2>
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      {postings.length === 0 ? (
        <p>{t.postingsEmpty}</p>
      ) : (
        <DataTable
          id="open-postings-caption"
          caption={t.postings}
          headers={
            <>
              <th scope="col">{t.idCol}</th>
              <th scope="col">{t.occupation}</th>
              <th scope="col">{t.place}</th>
              <th scope="col">{t.published}</th>
              <th scope="col">{t.actions}</th>
            </>
          }
        >
          {postings.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/postings/${p.id}`}>{fill(t.postingNo, { id: p.id })}</Link>
              </th>
              <td>{labels.occupation(p.occupation)}</td>
              <td>
                {labels.prefecture(p.prefecture_code)} {p.municipality}
              </td>
              <td>{formatDateTime(p.published_at, labels.lang)}</td>
              <td>
                <Link to={`/admin/postings/${p.id}/edit`} aria-label={fill(t.editOf, { id: p.id })}>
                  {t.edit}
                </Link>{' '}
                <Button
                  variant="secondary"
                  aria-label={fill(t.suspendOf, { id: p.id })}
                  onClick={() => {
                    close.reset();
                    setDone('');
                    setSuspending(p.id);
                  }}
                >
                  {t.suspend}
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {suspending != null && (
        <form className="form card" onSubmit={submit} noValidate aria-labelledby="suspend-heading">
          <h3 id="suspend-heading">{fill(t.suspendTitle, { id: suspending })}</h3>
          <p className="hint">{t.suspendLead}</p>
          {close.error && <ErrorAlert error={close.error} />}
          <TextField path="note" label={t.note} value={note} onChange={setNote} required multiline maxLength={500} errors={errors.note} />
          <Button type="submit" busy={close.isPending} busyLabel={t.suspending}>
            {t.confirmSuspend}
          </Button>{' '}
          <Button variant="secondary" onClick={() => setSuspending(null)}>
            {t.cancel}
          </Button>
        </form>
      )}
    </div>
  );
}
