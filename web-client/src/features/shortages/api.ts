// Shortage dashboards: admins see the nation (/admin/shortages), a partner organisation its
// scope (/partner/shortages). The figures come from the server's replay of the change log.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ShortageReport = components['schemas']['ShortageReport'];
export type Measures = components['schemas']['Measures'];
export type Period = 'day' | 'week' | 'month';
export type Audience = 'admin' | 'partner';

/** What the dashboard is narrowed to (empty strings are "any" or the server's default). */
export interface ShortageFilter {
  from: string;
  to: string;
  period: '' | Period;
  occupation: string;
  prefecture: string;
}

export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

export function filterFrom(params: URLSearchParams): ShortageFilter {
  const period = params.get('period') ?? '';
  return {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    period: (PERIODS as readonly string[]).includes(period) ? (period as Period) : '',
    occupation: params.get('occupation') ?? '',
    prefecture: params.get('prefecture') ?? '',
  };
}

function query(f: ShortageFilter) {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.period ? { period: f.period } : {}),
    // The generated types list the codes; the server refuses an unknown one with a 422.
    ...(f.occupation ? { occupation: f.occupation as NonNullable<ShortageReport['occupation']> } : {}),
    ...(f.prefecture ? { prefecture: f.prefecture } : {}),
  };
}

export function useShortages(audience: Audience, filter: ShortageFilter) {
  return useQuery({
    queryKey: ['shortages', audience, filter],
    queryFn: ({ signal }) =>
      unwrap(
        audience === 'admin'
          ? api.GET('/api/v1/admin/shortages', { params: { query: query(filter) }, signal })
          : api.GET('/api/v1/partner/shortages', { params: { query: query(filter) }, signal }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The measures a dashboard charts, in order. */
export const MEASURES = ['open', 'new', 'fills', 'median_first_response_hours'] as const;
export type Measure = (typeof MEASURES)[number];

export interface CsvLabels {
  header: readonly string[];
  periodRow: string;
  cellRow: string;
  occupation: (code: string) => string;
  prefecture: (code: string) => string;
}

function cell(v: string | number | null | undefined): string {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function figures(m: Measures): (number | null | undefined)[] {
  return [m.open, m.new, m.fills, m.first_responses, m.median_first_response_hours];
}

/**
 * What the dashboard shows, as CSV for Excel (UTF-8 with BOM, CRLF): a row per period, then a
 * row per occupation × prefecture. Every cell is a code's label, a date or a number, never
 * free text, so nothing can be read as a formula.
 */
export function shortageCsv(r: ShortageReport, l: CsvLabels): string {
  const rows: (string | number | null | undefined)[][] = [l.header.slice()];
  const occ = r.occupation ? l.occupation(r.occupation) : '';
  const pref = r.prefecture ? l.prefecture(r.prefecture) : '';
  for (const p of r.series) rows.push([l.periodRow, p.start, p.end, occ, pref, ...figures(p)]);
  for (const c of r.cells) rows.push([l.cellRow, r.from, r.to, l.occupation(c.occupation), l.prefecture(c.prefecture_code), ...figures(c)]);
  return '\uFEFF' + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
