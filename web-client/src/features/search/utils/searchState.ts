// The search lives in the URL: `?occupation=nurse&prefecture=13&page=2` is shareable, and
// the back button walks through earlier searches. The query parameters are the API's own.

import type { paths } from '../../../api/schema';

export type SearchQuery = NonNullable<paths['/api/v1/postings']['get']['parameters']['query']>;
type Sort = NonNullable<SearchQuery['sort']>;

export const SORTS: readonly Sort[] = ['newest', 'wage_desc', 'wage_asc', 'start_date', 'distance'];
export const PER_PAGE = 20;

export interface SearchState {
  q: string;
  occupation: string[];
  prefecture: string[];
  municipality: string;
  /** A municipality (or, in the form, a postal code) to search around. */
  near: string;
  /** km around `near`; '' means the API's default (30). */
  radius_km: string;
  facility_type: string[];
  duty: string[];
  /** ISO dates. */
  available_from: string;
  available_to: string;
  wage_unit: string;
  wage_min: string;
  /** '' means the API's default (newest first). */
  sort: string;
  page: number;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  occupation: [],
  prefecture: [],
  municipality: '',
  near: '',
  radius_km: '',
  facility_type: [],
  duty: [],
  available_from: '',
  available_to: '',
  wage_unit: '',
  wage_min: '',
  sort: '',
  page: 1,
};

const LISTS = ['occupation', 'prefecture', 'facility_type', 'duty'] as const;
const TEXTS = ['q', 'municipality', 'near', 'radius_km', 'available_from', 'available_to', 'wage_unit', 'wage_min'] as const;

export function searchFromParams(params: URLSearchParams): SearchState {
  const state: SearchState = { ...EMPTY_SEARCH };
  for (const k of TEXTS) state[k] = params.get(k)?.trim() ?? '';
  for (const k of LISTS) {
    state[k] = [...new Set(params.getAll(k).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
  }
  const sort = params.get('sort') ?? '';
  state.sort = (SORTS as readonly string[]).includes(sort) ? sort : '';
  const page = Number(params.get('page'));
  state.page = Number.isInteger(page) && page > 1 ? page : 1;
  return state;
}

/** The canonical URL parameters of a search (defaults left out). */
export function searchToParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const k of LISTS) for (const v of state[k]) params.append(k, v);
  for (const k of TEXTS) if (k !== 'q' && state[k]) params.set(k, state[k]);
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** The query of `GET /api/v1/postings` for a search. */
export function searchToQuery(state: SearchState): SearchQuery {
  const query: SearchQuery = { page: state.page, per_page: PER_PAGE };
  if (state.q) query.q = state.q;
  if (state.occupation.length) query.occupation = state.occupation as SearchQuery['occupation'];
  if (state.prefecture.length) query.prefecture = state.prefecture;
  if (state.municipality) query.municipality = state.municipality;
  if (state.near) query.near = state.near;
  if (state.near && /^\d+$/.test(state.radius_km)) query.radius_km = Number(state.radius_km);
  if (state.facility_type.length) query.facility_type = state.facility_type as SearchQuery['facility_type'];
  if (state.duty.length) query.duty = state.duty as SearchQuery['duty'];
  if (state.available_from) query.available_from = state.available_from;
  if (state.available_to) query.available_to = state.available_to;
  if (state.wage_unit) query.wage_unit = state.wage_unit as SearchQuery['wage_unit'];
  if (state.wage_min && /^\d+$/.test(state.wage_min)) query.wage_min = Number(state.wage_min);
  if (state.sort) query.sort = state.sort as Sort;
  return query;
}

/** How many filters (not sort or page) a search has. */
export function filterCount(state: SearchState): number {
  return (
    LISTS.reduce((n, k) => n + state[k].length, 0) +
    TEXTS.filter((k) => k !== 'wage_unit' && k !== 'radius_km' && state[k]).length
  );
}
