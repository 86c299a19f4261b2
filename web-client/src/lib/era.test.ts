import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatEra, formatYear, parseDate, parseYear } from './era';

describe('parseDate', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['2026.12.1', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['20261201', '2026-12-01'],
    ['令和8年12月1日', '2026-12-01'],
    ['R8.12.1', '2026-12-01'],
    ['r8/12/01', '2026-12-01'],
    ['R08-12-01', '2026-12-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['Ｒ８．１２．１', '2026-12-01'],
    ['令和８年１２月１日', '2026-12-01'],
    ['２０２６－１２－０１', '2026-12-01'],
    [' 令和 8年 12月 1日 ', '2026-12-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['昭和64年1月7日', '1989-01-07'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['', 'tomorrow', '2026-02-30', '2026-13-01', '令和8年2月30日', '令和1年4月30日', '平成31年5月1日', 'R0.1.1', 'X8.12.1'])(
    'refuses %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});

describe('formatting', () => {
  it('shows 令和 with the western date in Japanese', () => {
    expect(formatEra('2026-12-01')).toBe('令和8年12月1日');
    expect(formatEra('2019-05-01')).toBe('令和元年5月1日');
    expect(formatEra('2019-04-30')).toBe('平成31年4月30日');
    expect(formatDate('2026-12-01', 'ja')).toBe('令和8年12月1日（2026年12月1日）');
  });

  it('shows the western date first in English', () => {
    expect(formatDate('2027-03-31', 'en')).toBe('31 Mar 2027 (Reiwa 9)');
  });

  it('round-trips every day of a year through 令和 text', () => {
    for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      expect(parseDate(formatEra(iso))).toBe(iso);
    }
  });

  it('shows API timestamps (UTC) in Japan time', () => {
    expect(formatDateTime('2026-11-30T15:30:00', 'ja')).toBe('令和8年12月1日 00:30');
  });
});

describe('parseYear', () => {
  it.each([
    ['2008', 2008],
    ['２００８年', 2008],
    ['平成20年', 2008],
    ['H20', 2008],
    ['h.20', 2008],
    ['令和元年', 2019],
    ['R3', 2021],
    ['昭和63年', 1988],
    ['平成31年', 2019],
  ])('reads %s as %i', (input, expected) => {
    expect(parseYear(input)).toBe(expected);
  });

  it.each(['', '20', '平成32年', 'R0', '1800', 'last year'])('refuses %j', (input) => {
    expect(parseYear(input)).toBeNull();
  });
});

describe('formatYear', () => {
  it('names the era in force at the end of the year', () => {
    expect(formatYear(2008, 'ja')).toBe('平成20年（2008年）');
    expect(formatYear(2019, 'ja')).toBe('令和元年（2019年）');
    expect(formatYear(2021, 'en')).toBe('2021 (Reiwa 3)');
  });
});
