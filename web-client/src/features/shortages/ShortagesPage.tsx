import { Link } from 'react-router';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { useAddressFilter, useRangeDraft } from '../../components/useFilter';
import { usePageTitle } from '../../components/usePageTitle';
import { saveBlob } from '../../lib/download';
import { formatEra } from '../../lib/era';
import { fill, type Lang, useLang, useText } from '../../lib/i18n';
import { RequireRole } from '../auth/components/RequireRole';
import { usePartnerMe } from '../partners/api/partners';
import { useCodeList, useLabels, usePrefectures } from '../reference/api/reference';
import { type Audience, filterFrom, type Measure, MEASURES, type Measures, type Period, PERIODS, type ShortageFilter, type ShortageReport, shortageCsv, useShortages } from './api';
import { JapanMap } from './JapanMap';

const texts = {
  ja: {
    title: '人材不足の状況',
    lead: '募集中の件数、新規の募集、充足、最初の返信までの時間を、職種・都道府県ごとに日本時間で集計します。数値は変更の記録から計算するため、過去の日を指定しても同じ結果になります。',
    backAdmin: '管理メニューに戻る',
    backPartner: '連携先のページに戻る',
    loading: '集計しています…',
    filter: '集計の条件',
    from: '開始日',
    to: '終了日',
    period: '集計の単位',
    day: '日別',
    week: '週別（月曜から）',
    month: '月別',
    occupation: '職種',
    prefecture: '都道府県',
    any: 'すべて',
    apply: '集計する',
    badDate: '日付を読み取れません。例: 令和8年12月1日、R8.12.1、2026-12-01',
    csv: '表示中の数値をCSVでダウンロード',
    summary: '{from}〜{to}の合計',
    open: '募集中（期末）',
    new: '新規の募集',
    fills: '充足',
    median_first_response_hours: '最初の返信までの時間（中央値）',
    first_responses: '最初の返信の数',
    hours: '{n}時間',
    none: '—',
    chart: '{m}の推移',
    periodCol: '期間',
    value: '値',
    byPrefecture: '都道府県別（募集中）',
    cells: '職種 × 都道府県',
    cellsEmpty: 'この条件に当てはまる募集はありません。',
    narrow: '{p}に絞り込む',
    clear: '都道府県の絞り込みを外す',
    weekOf: '{d}の週',
    rowKind: '区分',
    periodRow: '期間',
    cellRow: '職種×都道府県',
    periodStart: '期間の開始',
    periodEnd: '期間の終了',
  },
  en: {
    title: 'Staff shortages',
    lead: 'Open postings, new postings, fills and time to a first reply, by occupation and prefecture, in Japan time. The figures are computed from the record of changes, so a past day gives the same result when asked again.',
    backAdmin: 'Back to administration',
    backPartner: 'Back to your organisation',
    loading: 'Counting…',
    filter: 'What to count',
    from: 'From',
    to: 'To',
    period: 'Group by',
    day: 'Day',
    week: 'Week (from Monday)',
    month: 'Month',
    occupation: 'Occupation',
    prefecture: 'Prefecture',
    any: 'All',
    apply: 'Count',
    badDate: 'Not a date we can read. For example: 令和8年12月1日, R8.12.1, 2026-12-01',
    csv: 'Download these figures as CSV',
    summary: 'Totals, {from} to {to}',
    open: 'Open (at the end)',
    new: 'New postings',
    fills: 'Filled',
    median_first_response_hours: 'Time to a first reply (median)',
    first_responses: 'First replies',
    hours: '{n} h',
    none: '—',
    chart: '{m} over time',
    periodCol: 'Period',
    value: 'Value',
    byPrefecture: 'By prefecture (open)',
    cells: 'Occupation × prefecture',
    cellsEmpty: 'No posting matches.',
    narrow: 'Narrow to {p}',
    clear: 'Show every prefecture',
    weekOf: 'week of {d}',
    rowKind: 'Row',
    periodRow: 'Period',
    cellRow: 'Occupation × prefecture',
    periodStart: 'Period start',
    periodEnd: 'Period end',
  },
};

type T = Record<keyof (typeof texts)['ja'], string>;

function shortDate(iso: string, lang: Lang): string {
  const [, m, d] = iso.split('-').map(Number);
  return lang === 'ja' ? `${m}月${d}日` : `${d}/${m}`;
}

function periodLabel(start: string, period: Period, lang: Lang, t: T): string {
  if (period === 'month') return lang === 'ja' ? formatEra(start).replace(/\d+日$/, '') : start.slice(0, 7);
  if (period === 'week') return fill(t.weekOf, { d: shortDate(start, lang) });
  return shortDate(start, lang);
}

function valueText(m: Measures, k: Measure, t: T): string {
  const v = m[k];
  if (v == null) return t.none;
  return k === 'median_first_response_hours' ? fill(t.hours, { n: v }) : String(v);
}

/** Bars over time for one measure; the table beside it carries the same numbers. */
function BarChart({ values }: { values: (number | null | undefined)[] }) {
  const w = 300;
  const h = 120;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = w / Math.max(1, values.length);
  const bar = Math.max(1, step * 0.8);
  return (
    <svg className="bar-chart" viewBox={`0 0 ${w} ${h + 14}`} aria-hidden="true" focusable="false">
      <line x1={0} y1={h} x2={w} y2={h} className="axis" />
      {values.map((v, i) =>
        v == null ? null : <rect key={i} x={i * step + (step - bar) / 2} y={h - (h * v) / max} width={bar} height={(h * v) / max} />,
      )}
      <text x={w} y={10} textAnchor="end" className="axis-label">
        {max}
      </text>
    </svg>
  );
}

function FilterForm({ filter, audience, prefectures, onApply }: { filter: ShortageFilter; audience: Audience; prefectures: string[]; onApply: (f: ShortageFilter) => void }) {
  const t = useText(texts);
  const labels = useLabels();
  const occupations = useCodeList('occupations');
  const { draft, bad, set, submit } = useRangeDraft(filter, t.badDate, onApply);
  return (
    <form className="form card filter-form" role="search" aria-label={t.filter} onSubmit={submit} noValidate>
      <DateField path="from" label={t.from} value={draft.from} onChange={set('from')} errors={bad.from} />
      <DateField path="to" label={t.to} value={draft.to} onChange={set('to')} errors={bad.to} />
      <SelectField path="period" label={t.period} value={draft.period} onChange={set('period')}>
        <option value="">{t.day}</option>
        {PERIODS.filter((p) => p !== 'day').map((p) => (
          <option key={p} value={p}>
            {t[p]}
          </option>
        ))}
      </SelectField>
      <SelectField path="occupation" label={t.occupation} value={draft.occupation} onChange={set('occupation')}>
        <option value="">{t.any}</option>
        {occupations.map((o) => (
          <option key={o.code} value={o.code}>
            {labels.occupation(o.code)}
          </option>
        ))}
      </SelectField>
      {(audience === 'admin' || prefectures.length > 1) && (
        <SelectField path="prefecture" label={t.prefecture} value={draft.prefecture} onChange={set('prefecture')}>
          <option value="">{t.any}</option>
          {prefectures.map((p) => (
            <option key={p} value={p}>
              {labels.prefecture(p)}
            </option>
          ))}
        </SelectField>
      )}
      <Button type="submit">{t.apply}</Button>
    </form>
  );
}

function Report({ report: r, audience, onPrefecture }: { report: ShortageReport; audience: Audience; onPrefecture: (code: string) => void }) {
  const t = useText(texts);
  const lang = useLang();
  const labels = useLabels();
  const openByPrefecture = Object.fromEntries(r.by_prefecture.map((p) => [p.prefecture_code, p.open]));
  return (
    <>
      <section>
        <h2 id="summary-title">{fill(t.summary, { from: formatEra(r.from), to: formatEra(r.to) })}</h2>
        <dl className="stat-tiles">
          {MEASURES.map((k) => (
            <div key={k}>
              <dt>{t[k]}</dt>
              <dd>{valueText(r.total, k, t)}</dd>
            </div>
          ))}
          <div>
            <dt>{t.first_responses}</dt>
            <dd>{r.total.first_responses}</dd>
          </div>
        </dl>
      </section>
      <div className="charts">
        {MEASURES.map((k) => (
          <figure key={k} className="card chart-card">
            <figcaption id={`chart-${k}`}>{fill(t.chart, { m: t[k] })}</figcaption>
            <BarChart values={r.series.map((p) => p[k])} />
            <DataTable
              id={`chart-${k}-table`}
              caption={fill(t.chart, { m: t[k] })}
              headers={
                <>
                  <th scope="col">{t.periodCol}</th>
                  <th scope="col" className="num">
                    {t[k]}
                  </th>
                </>
              }
            >
              {r.series.map((p) => (
                <tr key={p.start}>
                  <td>{periodLabel(p.start, r.period, lang, t)}</td>
                  <td className="num">{valueText(p, k, t)}</td>
                </tr>
              ))}
            </DataTable>
          </figure>
        ))}
      </div>
      {audience === 'admin' && !r.prefecture && (
        <section className="card">
          <h2 id="by-prefecture">{t.byPrefecture}</h2>
          <div className="map-and-table">
            <JapanMap values={openByPrefecture} measure={t.open} prefectureName={(c) => labels.prefecture(c)} onPick={onPrefecture} />
            <DataTable
              id="by-prefecture-table"
              caption={t.byPrefecture}
              headers={
                <>
                  <th scope="col">{t.prefecture}</th>
                  <th scope="col" className="num">
                    {t.open}
                  </th>
                  <th scope="col" className="num">
                    {t.new}
                  </th>
                  <th scope="col" className="num">
                    {t.fills}
                  </th>
                </>
              }
            >
              {r.by_prefecture.map((p) => (
                <tr key={p.prefecture_code}>
                  <td>
                    <button type="button" className="link-button" onClick={() => onPrefecture(p.prefecture_code)} aria-label={fill(t.narrow, { p: labels.prefecture(p.prefecture_code) })}>
                      {labels.prefecture(p.prefecture_code)}
                    </button>
                  </td>
                  <td className="num">{p.open}</td>
                  <td className="num">{p.new}</td>
                  <td className="num">{p.fills}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        </section>
      )}
      <section>
        <h2 id="cells-title">{t.cells}</h2>
        {r.cells.length === 0 ? (
          <p role="status">{t.cellsEmpty}</p>
        ) : (
          <DataTable
            id="cells-table"
            caption={t.cells}
            headers={
              <>
                <th scope="col">{t.occupation}</th>
                <th scope="col">{t.prefecture}</th>
                {MEASURES.map((k) => (
                  <th key={k} scope="col" className="num">
                    {t[k]}
                  </th>
                ))}
              </>
            }
          >
            {r.cells.map((c) => (
              <tr key={`${c.occupation}-${c.prefecture_code}`}>
                <td>{labels.occupation(c.occupation)}</td>
                <td>{labels.prefecture(c.prefecture_code)}</td>
                {MEASURES.map((k) => (
                  <td key={k} className="num">
                    {valueText(c, k, t)}
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

function Dashboard({ audience, prefectures }: { audience: Audience; prefectures: string[] }) {
  const t = useText(texts);
  const labels = useLabels();
  usePageTitle(t.title);
  const { params, filter, apply } = useAddressFilter(filterFrom);
  const report = useShortages(audience, filter);
  const csv = () => {
    if (!report.data) return;
    const blob = new Blob(
      [
        shortageCsv(report.data, {
          header: [t.rowKind, t.periodStart, t.periodEnd, t.occupation, t.prefecture, t.open, t.new, t.fills, t.first_responses, t.median_first_response_hours],
          periodRow: t.periodRow,
          cellRow: t.cellRow,
          occupation: (c) => labels.occupation(c),
          prefecture: (c) => labels.prefecture(c),
        }),
      ],
      { type: 'text/csv;charset=utf-8' },
    );
    saveBlob(blob, `keynet-shortages-${report.data.from}-${report.data.to}.csv`);
  };
  return (
    <div className="page">
      <p className="back-link">
        <Link to={audience === 'admin' ? '/admin' : '/partner'}>← {audience === 'admin' ? t.backAdmin : t.backPartner}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <FilterForm key={params.toString()} filter={filter} audience={audience} prefectures={prefectures} onApply={apply} />
      {filter.prefecture && audience === 'admin' && (
        <p className="inline-actions">
          <Button variant="secondary" onClick={() => apply({ ...filter, prefecture: '' })}>
            {t.clear}
          </Button>
        </p>
      )}
      {report.isPending && <Loading label={t.loading} />}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.data && (
        <div aria-busy={report.isFetching || undefined}>
          <p className="inline-actions">
            <Button variant="secondary" onClick={csv}>
              {t.csv}
            </Button>
          </p>
          <Report report={report.data} audience={audience} onPrefecture={(p) => apply({ ...filter, prefecture: p })} />
        </div>
      )}
    </div>
  );
}

/** The nation's dashboard, for admins (inside the admin area). */
export function AdminShortagesPage() {
  const prefectures = usePrefectures().map((p) => p.code);
  return <Dashboard audience="admin" prefectures={prefectures} />;
}

/** A partner organisation's dashboard: its scope (a prefecture: its own). */
export function PartnerShortagesPage() {
  return (
    <RequireRole roles={['partner']}>
      <PartnerDashboard />
    </RequireRole>
  );
}

function PartnerDashboard() {
  const t = useText(texts);
  const me = usePartnerMe();
  if (me.isPending) return <Loading label={t.loading} />;
  if (me.error) return <ErrorAlert error={me.error} />;
  return <Dashboard audience="partner" prefectures={me.data.scope.prefectures} />;
}
