// What a partner organisation's user sees: its scope, counts by occupation × prefecture,
// the postings in scope (full-detail scopes, withheld fields included), the CSV, its API
// keys, and its webhooks with their deliveries.

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../../lib/era';
import { fill, useLang, useText } from '../../../lib/i18n';
import { RequireRole } from '../../auth/components/RequireRole';
import { useLabels } from '../../reference/api/reference';
import {
  downloadCsv,
  useCreateWebhook,
  useDeliveries,
  usePartnerCounts,
  usePartnerKeys,
  usePartnerMe,
  usePartnerPostings,
  useReplay,
  useWebhooks,
} from '../api/partners';
import { DeskManager } from './DeskManager';
import { Referrals } from './Referrals';

const texts = {
  ja: {
    title: '関係機関の画面',
    loading: '読み込んでいます…',
    scope: '提供範囲：{o}職種 × {p}都道府県・{d}',
    full: '募集情報（全項目）',
    counts: '件数のみ',
    countsTitle: '掲載中の募集の件数（職種 × 都道府県）',
    shortages: '人材不足の状況（推移・グラフ・CSV）を見る',
    countsEmpty: '提供範囲に掲載中の募集はありません。',
    occupation: '職種',
    prefecture: '都道府県',
    open: '件数',
    total: '合計 {n}件',
    postings: '提供範囲の募集（非公表項目を含む）',
    postingsEmpty: '提供範囲に掲載中の募集はありません。',
    id: '求人ID',
    facility: '医療機関',
    place: '勤務地',
    period: '雇用期間',
    contact: '担当者',
    masked: '公開時は非公表',
    more: '次の50件',
    first: '最初から',
    csv: 'CSVをダウンロード（Excel用・UTF-8）',
    csvSjis: 'CSV（Shift_JIS・古いExcel用）',
    csvBusy: '作成しています…',
    unencodable: 'Shift_JISで表せない文字を「〓」にしました：{list}',
    keys: 'APIキー',
    keysLead: 'キーの発行・無効化は管理者に依頼してください。キーそのものは発行時にしか表示されません。',
    noKeys: 'キーはありません。',
    revoked: '無効',
    active: '有効',
    webhooks: 'Webhook',
    webhooksLead: '募集が追加・変更・終了すると、登録したURLにお知らせを送ります（Standard Webhooks 形式、署名付き）。',
    url: '送信先URL（https）',
    register: '送信先を登録',
    secret: '署名用シークレット（この画面を離れると二度と表示されません）',
    noHooks: '送信先はありません。',
    disabled: '停止中',
    deliveries: '配信状況を見る',
    deliveriesOf: '{url} への配信（最近100件）',
    noDeliveries: '配信はまだありません。',
    replay: '再送',
    event: '種類',
    status: '状態',
    at: '日時',
  },
  en: {
    title: 'Partner area',
    loading: 'Loading…',
    scope: 'Scope: {o} occupations × {p} prefectures, {d}',
    full: 'full postings',
    counts: 'counts only',
    countsTitle: 'Open postings by occupation × prefecture',
    shortages: 'See staff shortages over time (charts, CSV)',
    countsEmpty: 'No open postings in your scope.',
    occupation: 'Occupation',
    prefecture: 'Prefecture',
    open: 'Open',
    total: '{n} in all',
    postings: 'Postings in your scope (withheld fields included)',
    postingsEmpty: 'No open postings in your scope.',
    id: 'ID',
    facility: 'Facility',
    place: 'Place',
    period: 'Period',
    contact: 'Contact',
    masked: 'withheld in public',
    more: 'Next 50',
    first: 'From the start',
    csv: 'Download CSV (Excel, UTF-8)',
    csvSjis: 'CSV (Shift_JIS, older Excel)',
    csvBusy: 'Preparing…',
    unencodable: 'Characters Shift_JIS cannot hold were written as 〓: {list}',
    keys: 'API keys',
    keysLead: 'Ask an administrator to issue or revoke keys. A key is shown only when issued.',
    noKeys: 'No keys.',
    revoked: 'revoked',
    active: 'active',
    webhooks: 'Webhooks',
    webhooksLead: 'When postings are added, changed or closed, we notify the URLs you register (Standard Webhooks, signed).',
    url: 'Receiver URL (https)',
    register: 'Register receiver',
    secret: 'Signing secret (never shown again once you leave this page)',
    noHooks: 'No receivers.',
    disabled: 'disabled',
    deliveries: 'See deliveries',
    deliveriesOf: 'Deliveries to {url} (last 100)',
    noDeliveries: 'No deliveries yet.',
    replay: 'Send again',
    event: 'Event',
    status: 'Status',
    at: 'When',
  },
};

export function PartnerArea() {
  return (
    <RequireRole roles={['partner']}>
      <PartnerHome />
    </RequireRole>
  );
}

function PartnerHome() {
  const t = useText(texts);
  const me = usePartnerMe();
  usePageTitle(me.data?.name ?? t.title);
  if (me.isPending) return <Loading label={t.loading} />;
  if (me.error) return <ErrorAlert error={me.error} />;
  const full = me.data.scope.detail === 'full';
  return (
    <div className="page">
      <h1>{me.data.name}</h1>
      <p className="lead">
        {fill(t.scope, { o: me.data.scope.occupations.length, p: me.data.scope.prefectures.length, d: full ? t.full : t.counts })}
      </p>
      <Counts />
      <p className="inline-actions">
        <Link to="/partner/shortages">{t.shortages}</Link>
      </p>
      {full && <Postings />}
      {me.data.kind === 'prefecture' && me.data.prefecture_code && <DeskManager prefectureCode={me.data.prefecture_code} />}
      {['prefecture', 'labour_bureau', 'nurse_center'].includes(me.data.kind) && <Referrals />}
      <Keys />
      <Webhooks />
    </div>
  );
}

function Counts() {
  const t = useText(texts);
  const labels = useLabels();
  const counts = usePartnerCounts();
  const total = counts.data?.counts.reduce((n, c) => n + c.open_postings, 0) ?? 0;
  return (
    <section className="card">
      <h2>{t.countsTitle}</h2>
      {counts.isPending && <Loading label={t.loading} />}
      {counts.error && <ErrorAlert error={counts.error} />}
      {counts.data && counts.data.counts.length === 0 && <p>{t.countsEmpty}</p>}
      {counts.data && counts.data.counts.length > 0 && (
        <DataTable
          id="counts-caption"
          caption={fill(t.total, { n: total })}
          showCaption
          headers={
            <>
              <th scope="col">{t.occupation}</th>
              <th scope="col">{t.prefecture}</th>
              <th scope="col" className="num">
                {t.open}
              </th>
            </>
          }
        >
          {counts.data.counts.map((c) => (
            <tr key={`${c.occupation}-${c.prefecture_code}`}>
              <td>{labels.occupation(c.occupation)}</td>
              <td>{labels.prefecture(c.prefecture_code)}</td>
              <td className="num">{c.open_postings}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Postings() {
  const t = useText(texts);
  const lang = useLang();
  const labels = useLabels();
  const [after, setAfter] = useState(0);
  const page = usePartnerPostings(after, true);
  const [csvBusy, setCsvBusy] = useState<'' | 'utf-8' | 'cp932'>('');
  const [csvError, setCsvError] = useState<unknown>(null);
  const [report, setReport] = useState('');
  const csv = async (encoding: 'utf-8' | 'cp932') => {
    setCsvBusy(encoding);
    setCsvError(null);
    setReport('');
    try {
      const r = await downloadCsv(encoding);
      if (r) setReport(decodeURIComponent(r));
    } catch (e) {
      setCsvError(e);
    } finally {
      setCsvBusy('');
    }
  };
  return (
    <section className="card">
      <h2>{t.postings}</h2>
      <p className="inline-actions">
        <Button busy={csvBusy === 'utf-8'} busyLabel={t.csvBusy} onClick={() => void csv('utf-8')}>
          {t.csv}
        </Button>{' '}
        <Button variant="secondary" busy={csvBusy === 'cp932'} busyLabel={t.csvBusy} onClick={() => void csv('cp932')}>
          {t.csvSjis}
        </Button>
      </p>
      {csvError !== null && <ErrorAlert error={csvError} />}
      {report && (
        <p className="alert alert-warning" role="status">
          {fill(t.unencodable, { list: report })}
        </p>
      )}
      {page.isPending && <Loading label={t.loading} />}
      {page.error && <ErrorAlert error={page.error} />}
      {page.data && page.data.items.length === 0 && <p>{t.postingsEmpty}</p>}
      {page.data && page.data.items.length > 0 && (
        <DataTable
          id="postings-caption"
          caption={t.postings}
          headers={
            <>
              <th scope="col">{t.id}</th>
              <th scope="col">{t.occupation}</th>
              <th scope="col">{t.facility}</th>
              <th scope="col">{t.place}</th>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.contact}</th>
            </>
          }
        >
          {page.data.items.map((p) => (
            <tr key={p.id}>
              <td>{p.id}</td>
              <td>{labels.occupation(p.occupation)}</td>
              <td>
                {p.identity.facility_name}
                {p.mask_requested && <span className="badge"> {t.masked}</span>}
              </td>
              <td>
                {p.workplace.prefecture_name}
                {p.workplace.municipality} {p.identity.street_address}
              </td>
              <td>
                {formatDate(p.employment_period.start, lang)} – {formatDate(p.employment_period.end, lang)}
              </td>
              <td>
                {p.identity.contact.person_name} {p.identity.contact.phone}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="inline-actions">
        {after > 0 && (
          <Button variant="secondary" onClick={() => setAfter(0)}>
            {t.first}
          </Button>
        )}{' '}
        {page.data?.next_after != null && (
          <Button variant="secondary" onClick={() => setAfter(page.data?.next_after ?? 0)}>
            {t.more}
          </Button>
        )}
      </p>
    </section>
  );
}

function Keys() {
  const t = useText(texts);
  const lang = useLang();
  const keys = usePartnerKeys();
  return (
    <section className="card">
      <h2 id="keys-title">{t.keys}</h2>
      <p className="hint">{t.keysLead}</p>
      {keys.error && <ErrorAlert error={keys.error} />}
      {keys.data && keys.data.items.length === 0 && <p>{t.noKeys}</p>}
      {keys.data && keys.data.items.length > 0 && (
        <ul className="plain-list">
          {keys.data.items.map((k) => (
            <li key={k.id}>
              <code>{k.prefix}…</code> ・ {formatDateTime(k.created_at, lang)} ・ {k.revoked_at ? t.revoked : t.active}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Webhooks() {
  const t = useText(texts);
  const lang = useLang();
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const deliveries = useDeliveries(open);
  const replay = useReplay(open);
  const errors = create.error instanceof ApiError ? groupFieldErrors(create.error.fields) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(url, { onSuccess: () => setUrl('') });
  };
  const openUrl = hooks.data?.items.find((h) => h.id === open)?.url ?? '';
  return (
    <section className="card">
      <h2 id="hooks-title">{t.webhooks}</h2>
      <p className="hint">{t.webhooksLead}</p>
      {hooks.error && <ErrorAlert error={hooks.error} />}
      {hooks.data && hooks.data.items.length === 0 && <p>{t.noHooks}</p>}
      {hooks.data && hooks.data.items.length > 0 && (
        <ul className="plain-list">
          {hooks.data.items.map((h) => (
            <li key={h.id}>
              <code>{h.url}</code> {h.disabled_at ? `・ ${t.disabled}` : ''}{' '}
              <Button variant="link" aria-expanded={open === h.id} onClick={() => setOpen(open === h.id ? null : h.id)}>
                {t.deliveries}
                <span className="visually-hidden"> {h.url}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {open !== null && (
        <div aria-live="polite">
          <h3>{fill(t.deliveriesOf, { url: openUrl })}</h3>
          {deliveries.isPending && <Loading label={t.loading} />}
          {replay.error && <ErrorAlert error={replay.error} />}
          {deliveries.data && deliveries.data.items.length === 0 && <p>{t.noDeliveries}</p>}
          {deliveries.data && deliveries.data.items.length > 0 && (
            <ul className="plain-list">
              {deliveries.data.items.map((d) => (
                <li key={d.id}>
                  {formatDateTime(d.created_at, lang)} ・ {d.event_type} ・ {d.status}
                  {d.last_status_code ? ` (${d.last_status_code})` : ''}{' '}
                  <Button variant="secondary" busy={replay.isPending && replay.variables === d.id} onClick={() => replay.mutate(d.id)}>
                    {t.replay}
                    <span className="visually-hidden"> {d.message_id}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {create.data && (
        <div className="alert alert-success" role="status">
          <p className="alert-title">{t.secret}</p>
          <p>
            <code className="secret">{create.data.secret}</code>
          </p>
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate>
        {create.error && !errors.url && <ErrorAlert error={create.error} />}
        <TextField path="url" label={t.url} type="url" value={url} onChange={setUrl} required errors={errors.url} />
        <Button type="submit" busy={create.isPending}>
          {t.register}
        </Button>
      </form>
    </section>
  );
}
