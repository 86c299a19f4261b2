import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Spinner } from '../../../components/Spinner';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { PostingCard } from '../../postings/components/PostingCard';
import { useLabels } from '../../reference/api/reference';
import { useSearchPostings } from '../api/searchPostings';
import { filterCount, PER_PAGE, type SearchState, searchFromParams, searchToParams, SORTS } from '../utils/searchState';
import { SaveSearch } from '../../alerts/SaveSearch';
import { Pagination } from './Pagination';
import { SearchFilters } from './SearchFilters';

// The map comes in its own chunk, after the first screen; its space is kept meanwhile.
const JapanMap = lazy(() => import('../../shortages/JapanMap').then((m) => ({ default: m.JapanMap })));

const texts = {
  ja: {
    title: '募集をさがす',
    lead: '医療機関が緊急に募集している求人を、職種・地域・期間などから探せます。アカウントがなくても閲覧できます。',
    filters: '検索条件',
    filtersActive: '{n}件の条件を指定中',
    results: '検索結果',
    total: '{total}件の募集があります（{from}〜{to}件目を表示）',
    none: '条件に合う募集はありませんでした。条件を減らして、もう一度お試しください。',
    loading: '検索しています…',
    sort: '並び順',
    newest: '新着順',
    wage_desc: '給与の高い順',
    wage_asc: '給与の低い順',
    start_date: '勤務開始日の早い順',
    distance: '近い順',
    near: '{origin}から{km}km以内',
    sortHint: '給与順は、給与の単位をそろえて比べると正確です。',
    map: '地図から探す',
    mapMeasure: '募集中の件数',
  },
  en: {
    title: 'Find postings',
    lead: 'Medical facilities that urgently need staff. Search by occupation, area, period and more — no account needed to browse.',
    filters: 'Filters',
    filtersActive: '{n} active',
    results: 'Results',
    total: '{total} postings (showing {from}–{to})',
    none: 'No postings match. Try removing some filters.',
    loading: 'Searching…',
    sort: 'Sort by',
    newest: 'Newest',
    wage_desc: 'Highest wage',
    wage_asc: 'Lowest wage',
    start_date: 'Earliest start',
    distance: 'Nearest first',
    near: 'Within {km} km of {origin}',
    sortHint: 'Wage order is exact when you also choose a wage unit.',
    map: 'Find on the map',
    mapMeasure: 'Open postings',
  },
};

function useWide() {
  return useMemo(() => typeof window !== 'undefined' && window.matchMedia?.('(min-width: 60em)').matches, []);
}

export function SearchPage() {
  const t = useText(texts);
  const [params, setParams] = useSearchParams();
  const paramString = params.toString();
  const state = useMemo(() => searchFromParams(new URLSearchParams(paramString)), [paramString]);
  const results = useSearchPostings(state);
  const labels = useLabels();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const wide = useWide();
  const [filtersOpen, setFiltersOpen] = useState(wide ?? false);
  const first = useRef(true);
  usePageTitle(t.title);

  useEffect(() => {
    // After a new search or page, take keyboard and screen-reader users to the results.
    if (first.current) {
      first.current = false;
      return;
    }
    resultsHeading.current?.focus();
  }, [paramString]);

  const go = (next: SearchState) => setParams(searchToParams(next));
  // On a phone the form covers the screen: searching folds it away, so the results show.
  const search = (next: SearchState) => {
    if (!wide) setFiltersOpen(false);
    go(next);
  };
  const hrefFor = (page: number) => `?${searchToParams({ ...state, page }).toString()}`;
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PER_PAGE)) : 1;
  const active = filterCount(state);

  return (
    <div className="page search-page">
      <div className="page-intro">
        <h1>{t.title}</h1>
        <p className="lead">{t.lead}</p>
      </div>
      <div className="search-layout">
        <section className="filters-panel" aria-labelledby="filters-title">
          <details open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)} className="filters-disclosure">
            <summary>
              <h2 id="filters-title">{t.filters}</h2>
              {active > 0 && <span className="count-pill">{fill(t.filtersActive, { n: active })}</span>}
            </summary>
            <SearchFilters value={state} facets={data?.facets} onSearch={search} />
          </details>
          <section className="card map-panel" aria-labelledby="map-title">
            <h2 id="map-title">{t.map}</h2>
            <Suspense fallback={<div className="map-placeholder" />}>
              <JapanMap
                values={Object.fromEntries((data?.facets.prefecture ?? []).map((f) => [f.code, f.count]))}
                measure={t.mapMeasure}
                prefectureName={(c) => labels.prefecture(c)}
                selected={state.prefecture.length === 1 ? state.prefecture[0] : undefined}
                onPick={(code) => go({ ...state, prefecture: [code], page: 1 })}
              />
            </Suspense>
          </section>
        </section>
        <section className="results-panel" aria-labelledby="results-title" aria-busy={results.isFetching || undefined}>
          <div className="results-bar">
            <div>
              <h2 id="results-title" ref={resultsHeading} tabIndex={-1}>
                {t.results}
              </h2>
              <p className="results-count" role="status" aria-live="polite">
                {!data && (results.isFetching || results.isPending) ? (
                  <>
                    <Spinner /> {t.loading}
                  </>
                ) : data && data.total > 0 ? (
                  fill(t.total, {
                    total: data.total.toLocaleString(),
                    from: (data.page - 1) * data.per_page + 1,
                    to: Math.min(data.total, data.page * data.per_page),
                  })
                ) : data ? (
                  t.none
                ) : (
                  ''
                )}
              </p>
            </div>
            <div className="sort">
              <label htmlFor="sort">{t.sort}</label>
              <select
                id="sort"
                className="input"
                value={state.sort || 'newest'}
                onChange={(e) => go({ ...state, sort: e.target.value === 'newest' ? '' : e.target.value, page: 1 })}
                aria-describedby="sort-hint"
              >
                {SORTS.filter((s) => s !== 'distance' || state.near).map((s) => (
                  <option key={s} value={s}>
                    {t[s]}
                  </option>
                ))}
              </select>
              <p className="hint visually-hidden" id="sort-hint">
                {t.sortHint}
              </p>
            </div>
          </div>
          <SaveSearch state={state} labels={labels} />
          {results.isError && <ErrorAlert error={results.error} />}
          {results.isFetching && data && (
            <p className="refreshing" aria-hidden="true">
              <Spinner /> {t.loading}
            </p>
          )}
          {data?.near && (
            <p className="near-origin">{fill(t.near, { origin: data.near.origin, km: data.near.radius_km })}</p>
          )}
          {data && data.items.length > 0 && (
            <ul className={`results${results.isFetching ? ' stale' : ''}`}>
              {data.items.map((p) => (
                <PostingCard key={p.id} posting={p} labels={labels} from={`?${paramString}`} distanceKm={data.near?.distances.find((d) => d.id === p.id)?.km} />
              ))}
            </ul>
          )}
          {data && <Pagination page={state.page} pages={pages} hrefFor={hrefFor} />}
        </section>
      </div>
    </div>
  );
}
