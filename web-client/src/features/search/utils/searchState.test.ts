import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, filterCount, searchFromParams, searchToParams, searchToQuery } from './searchState';

describe('search state in the URL', () => {
  it('round-trips every filter', () => {
    const state = {
      ...EMPTY_SEARCH,
      q: '内科 夜勤',
      occupation: ['nurse', 'midwife'],
      prefecture: ['13', '14'],
      municipality: '千代田区',
      facility_type: ['hospital'],
      duty: ['general_outpatient', 'other'],
      available_from: '2026-12-01',
      available_to: '2027-03-31',
      wage_unit: 'hourly',
      wage_min: '2000',
      sort: 'wage_desc',
      page: 3,
    };
    const params = searchToParams(state);
    expect(params.getAll('occupation')).toEqual(['nurse', 'midwife']);
    expect(searchFromParams(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('keeps a search near a place, nearest first, and sends its radius only with it', () => {
    const state = { ...EMPTY_SEARCH, near: '東京都府中市', radius_km: '50', sort: 'distance' };
    const params = searchToParams(state);
    expect(searchFromParams(new URLSearchParams(params.toString()))).toEqual(state);
    expect(searchToQuery(state)).toMatchObject({ near: '東京都府中市', radius_km: 50, sort: 'distance' });
    expect(searchToQuery({ ...EMPTY_SEARCH, radius_km: '50' }).radius_km).toBeUndefined();
    expect(filterCount(state)).toBe(1);
  });

  it('leaves defaults out of the URL', () => {
    expect(searchToParams(EMPTY_SEARCH).toString()).toBe('');
    expect(searchFromParams(new URLSearchParams(''))).toEqual(EMPTY_SEARCH);
  });

  it('ignores nonsense and accepts comma lists', () => {
    const s = searchFromParams(new URLSearchParams('page=-4&sort=random&occupation=nurse,doctor&occupation=nurse'));
    expect(s.page).toBe(1);
    expect(s.sort).toBe('');
    expect(s.occupation).toEqual(['nurse', 'doctor']);
  });

  it('becomes the API query', () => {
    const q = searchToQuery({ ...EMPTY_SEARCH, occupation: ['nurse'], wage_unit: 'daily', wage_min: '15000', page: 2 });
    expect(q).toEqual({ page: 2, per_page: 20, occupation: ['nurse'], wage_unit: 'daily', wage_min: 15000 });
  });

  it('counts active filters', () => {
    expect(filterCount({ ...EMPTY_SEARCH, occupation: ['nurse', 'doctor'], q: 'x', sort: 'wage_asc' })).toBe(3);
  });
});
