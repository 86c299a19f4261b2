import { describe, expect, it } from 'vitest';
import { filterFrom, type ShortageReport, shortageCsv } from './api';
import { codeOf, legendRanges, steps } from './JapanMap';

const m = (open: number, n: number, fills: number, responses: number, median: number | null) => ({
  open,
  new: n,
  fills,
  first_responses: responses,
  median_first_response_hours: median,
});

describe('shortageCsv', () => {
  const report: ShortageReport = {
    from: '2026-11-01',
    to: '2026-11-02',
    period: 'day',
    occupation: 'nurse',
    prefecture: null,
    series: [
      { start: '2026-11-01', end: '2026-11-01', ...m(3, 1, 0, 0, null) },
      { start: '2026-11-02', end: '2026-11-02', ...m(2, 0, 1, 2, 1.5) },
    ],
    total: m(2, 1, 1, 2, 1.5),
    by_prefecture: [],
    by_occupation: [],
    cells: [{ occupation: 'nurse', prefecture_code: '13', ...m(2, 1, 1, 2, 1.5) }],
  };
  const csv = shortageCsv(report, {
    header: ['区分', '開始', '終了', '職種', '都道府県', '募集中', '新規', '充足', '返信数', '中央値'],
    periodRow: '期間',
    cellRow: '職種×都道府県',
    occupation: (c) => (c === 'nurse' ? '看護師' : c),
    prefecture: (c) => (c === '13' ? '東京都' : c),
  });

  it('is UTF-8 with a BOM and CRLF lines for Excel', () => {
    expect(csv.startsWith('\uFEFF区分,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5);
  });

  it('has a row per period, then per cell, with empty cells for no median', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('期間,2026-11-01,2026-11-01,看護師,,3,1,0,0,');
    expect(lines[2]).toBe('期間,2026-11-02,2026-11-02,看護師,,2,0,1,2,1.5');
    expect(lines[3]).toBe('職種×都道府県,2026-11-01,2026-11-02,看護師,東京都,2,1,1,2,1.5');
  });
});

describe('the map', () => {
  it('numbers prefectures in JIS order', () => {
    expect(codeOf('hokkaido')).toBe('01');
    expect(codeOf('tokyo')).toBe('13');
    expect(codeOf('osaka')).toBe('27');
    expect(codeOf('okinawa')).toBe('47');
    expect(codeOf('atlantis')).toBeNull();
  });

  it('gives each legend step its range, one value when it holds one', () => {
    expect(legendRanges(steps(3))).toEqual([
      { a: 1, b: 1 },
      { a: 2, b: 2 },
      { a: 3, b: 3 },
    ]);
    expect(legendRanges(steps(100))).toEqual([
      { a: 1, b: 25 },
      { a: 26, b: 50 },
      { a: 51, b: 75 },
      { a: 76, b: 100 },
    ]);
  });

  it('shades in up to four steps ending at the maximum', () => {
    expect(steps(0)).toEqual([]);
    expect(steps(1)).toEqual([1]);
    expect(steps(100)).toEqual([25, 50, 75, 100]);
  });
});

describe('filterFrom', () => {
  it('keeps known periods only', () => {
    expect(filterFrom(new URLSearchParams('period=week&prefecture=13')).period).toBe('week');
    expect(filterFrom(new URLSearchParams('period=year')).period).toBe('');
  });
});
