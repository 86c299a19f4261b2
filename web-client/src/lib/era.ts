// Japanese era dates (和暦). The UI shows 令和 with the western date beside it and accepts
// 令和, 平成 and 昭和 (in kanji or as R/H/S) as well as western dates. Dates travel as
// ISO `YYYY-MM-DD` strings; no time zone is involved.

import { toHalfWidth } from './normalize';

interface Era {
  name: string;
  letter: string;
  en: string;
  /** First day, ISO. */
  start: string;
}

/** Newest first. */
const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', en: 'Reiwa', start: '2019-05-01' },
  { name: '平成', letter: 'H', en: 'Heisei', start: '1989-01-08' },
  { name: '昭和', letter: 'S', en: 'Showa', start: '1926-12-25' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function isValidDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Reads a date as people write it: `2026-12-01`, `2026/12/1`, `2026年12月1日`, `20261201`,
 * `令和8年12月1日`, `令和元年5月1日`, `R8.12.1`, `r8/12/1` (full-width digits too).
 * Returns the ISO date, or null when the text is not a real date.
 */
export function parseDate(input: string): string | null {
  const v = toHalfWidth(input).trim().replace(/\s+/g, '').replace(/[ー－−]/g, '-');
  if (v === '') return null;

  const western =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (western) {
    const [y, m, d] = western.slice(1, 4).map(Number) as [number, number, number];
    return isValidDay(y, m, d) ? iso(y, m, d) : null;
  }

  const era = /^(令和|平成|昭和|[RHSrhs])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!era) return null;
  const [, eraText = '', yearText = '', mText = '', dText = ''] = era;
  const found = ERAS.find((e) => e.name === eraText || e.letter === eraText.toUpperCase());
  if (!found) return null;
  const eraYear = yearText === '元' ? 1 : Number(yearText);
  if (eraYear < 1) return null;
  const y = Number(found.start.slice(0, 4)) + eraYear - 1;
  const m = Number(mText);
  const d = Number(dText);
  if (!isValidDay(y, m, d)) return null;
  const result = iso(y, m, d);
  // Before the era began (令和1年4月1日) or after it ended (平成32年) is not a real date.
  if (result < found.start) return null;
  const newer = ERAS[ERAS.indexOf(found) - 1];
  if (newer && result >= newer.start) return null;
  return result;
}

function eraOf(isoDate: string): { era: Era; year: number } | null {
  const era = ERAS.find((e) => isoDate >= e.start);
  if (!era) return null;
  return { era, year: Number(isoDate.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1 };
}

function parts(isoDate: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** `2026-12-01` → `令和8年12月1日`; `2019-05-01` → `令和元年5月1日`. */
export function formatEra(isoDate: string): string {
  const p = parts(isoDate);
  const e = eraOf(isoDate);
  if (!p || !e) return isoDate;
  const year = e.year === 1 ? '元' : String(e.year);
  return `${e.era.name}${year}年${p[1]}月${p[2]}日`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date for people: `令和8年12月1日（2026年12月1日）` in Japanese,
 * `1 Dec 2026 (Reiwa 8)` in English.
 */
export function formatDate(isoDate: string, lang: 'ja' | 'en'): string {
  const p = parts(isoDate);
  const e = eraOf(isoDate);
  if (!p || !e) return isoDate;
  if (lang === 'en') return `${p[2]} ${MONTHS_EN[p[1] - 1]} ${p[0]} (${e.era.en} ${e.year})`;
  return `${formatEra(isoDate)}（${p[0]}年${p[1]}月${p[2]}日）`;
}

/** A UTC timestamp from the API as a Date in Japan time (read with the UTC getters). */
function japanTime(timestamp: string): Date | null {
  const t = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`);
  return Number.isNaN(t.getTime()) ? null : new Date(t.getTime() + 9 * 3600 * 1000);
}

/** A UTC timestamp from the API (`2026-11-24T02:07:28.92`) as a Japan-time date and time. */
export function formatDateTime(timestamp: string, lang: 'ja' | 'en'): string {
  const jst = japanTime(timestamp);
  if (!jst) return timestamp;
  const d = iso(jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate());
  const hm = `${pad(jst.getUTCHours())}:${pad(jst.getUTCMinutes())}`;
  return lang === 'en' ? `${formatDate(d, 'en')} ${hm} JST` : `${formatEra(d)} ${hm}`;
}

/** A UTC timestamp from the API as its Japan-time day, for people (`令和8年11月24日（…）`). */
export function formatDayOf(timestamp: string, lang: 'ja' | 'en'): string {
  const jst = japanTime(timestamp);
  if (!jst) return timestamp;
  return formatDate(iso(jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate()), lang);
}

/**
 * A year as people write it for a licence: `2008`, `２００８年`, `平成20年`, `H20`, `令和元年`,
 * `S63`. Returns the western year, or null when it cannot be read.
 */
export function parseYear(input: string): number | null {
  const v = toHalfWidth(input).trim().replace(/\s+/g, '').replace(/年$/, '');
  if (v === '') return null;
  if (/^\d{4}$/.test(v)) {
    const y = Number(v);
    return y >= 1900 && y <= 2100 ? y : null;
  }
  const m = /^(令和|平成|昭和|[RHSrhs])\.?(元|\d{1,2})$/.exec(v);
  if (!m) return null;
  const [, eraText = '', yearText = ''] = m;
  const era = ERAS.find((e) => e.name === eraText || e.letter === eraText.toUpperCase());
  if (!era) return null;
  const n = yearText === '元' ? 1 : Number(yearText);
  if (n < 1) return null;
  const y = Number(era.start.slice(0, 4)) + n - 1;
  // The era must still have been running in that year (平成31 yes, 平成32 no).
  const newer = ERAS[ERAS.indexOf(era) - 1];
  if (newer && y > Number(newer.start.slice(0, 4))) return null;
  return y;
}

/** `2008` → `平成20年（2008年）`; `2019` → `令和元年（2019年）` (the era in force at the year's end). */
export function formatYear(year: number, lang: 'ja' | 'en'): string {
  const e = eraOf(`${year}-12-31`);
  if (!e) return String(year);
  if (lang === 'en') return `${year} (${e.era.en} ${e.year})`;
  return `${e.era.name}${e.year === 1 ? '元' : e.year}年（${year}年）`;
}
