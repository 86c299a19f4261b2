// Interview times. The facility types a date (令和 or western) and a time of day, both meant
// in Japan time; the API takes `YYYY-MM-DDTHH:MM` (Japan time) and answers RFC 3339 with an
// offset. Everything shown is in Japan time, whatever the browser's zone.

import { formatEra, parseDate } from '../../../lib/era';
import type { Lang } from '../../../lib/i18n';
import { HALF_HOURS, normalizeTime } from '../../../lib/normalize';

const JST_MS = 9 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface JstParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
  /** 0 = Sunday */
  weekday: number;
}

/** An instant (RFC 3339, any offset; no offset means UTC) → its date, time and weekday in Japan. */
export function toJst(timestamp: string): JstParts | null {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) return null;
  const j = new Date(ms + JST_MS);
  return {
    date: `${j.getUTCFullYear()}-${pad(j.getUTCMonth() + 1)}-${pad(j.getUTCDate())}`,
    time: `${pad(j.getUTCHours())}:${pad(j.getUTCMinutes())}`,
    weekday: j.getUTCDay(),
  };
}

/** The instant of a Japan-time `YYYY-MM-DDTHH:MM`, in epoch milliseconds. */
export function jstLocalToMs(local: string): number {
  return Date.parse(`${local}:00+09:00`);
}

function addMinutes(time: string, minutes: number): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/**
 * When an interview is, for people: `令和8年12月3日（木）14:00〜14:30` /
 * `Thu 3 Dec 2026, 14:00–14:30 JST`.
 */
export function formatInterviewTime(startsAt: string, durationMinutes: number, lang: Lang): string {
  const p = toJst(startsAt);
  if (!p) return startsAt;
  const end = addMinutes(p.time, durationMinutes);
  if (lang === 'en') {
    const [y, m, d] = p.date.split('-').map(Number) as [number, number, number];
    return `${WEEKDAYS_EN[p.weekday]} ${d} ${MONTHS_EN[m - 1]} ${y}, ${p.time}–${end} JST`;
  }
  return `${formatEra(p.date)}（${WEEKDAYS_JA[p.weekday]}）${p.time}〜${end}`;
}

export type StartsAt = { ok: true; value: string } | { ok: false; problem: 'date' | 'time' | 'past' };

/**
 * The scheduler's date and time → `YYYY-MM-DDTHH:MM` (Japan time) for the API. The date is
 * read as in other date fields (`令和8年12月3日`, `R8.12.3`, `2026-12-03`), the time loosely
 * (`14:00`, `１４時`, `1400`). A time already past (by `now`) is refused.
 */
export function buildStartsAt(dateInput: string, timeInput: string, now: number = Date.now()): StartsAt {
  const date = parseDate(dateInput);
  if (!date) return { ok: false, problem: 'date' };
  const time = normalizeTime(timeInput);
  const hm = /^(\d\d):(\d\d)$/.exec(time);
  if (!hm || Number(hm[1]) > 23 || Number(hm[2]) > 59) return { ok: false, problem: 'time' };
  const value = `${date}T${time}`;
  if (jstLocalToMs(value) <= now) return { ok: false, problem: 'past' };
  return { ok: true, value };
}

/** Half-hour suggestions for the time field, within working hours. */
export function timeSuggestions(from = '08:00', to = '20:00'): string[] {
  return HALF_HOURS.filter((t) => t >= from && t <= to);
}

/** Today's date in Japan, `YYYY-MM-DD`. */
export function todayInJapan(now: number = Date.now()): string {
  return toJst(new Date(now).toISOString())?.date ?? '';
}

/** A calendar file for the interview, for "add to calendar" (the mail carries one too). */
export function interviewIcs(i: { id: number; starts_at: string; duration_minutes: number; video_url: string; note: string }, title: string): string {
  const start = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(i.starts_at) ? i.starts_at : `${i.starts_at}Z`);
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/([,;])/g, '\\$1');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Key-Net//web-client//JA',
    'BEGIN:VEVENT',
    `UID:interview-${i.id}@keynet`,
    `DTSTAMP:${stamp(Date.now())}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(start + i.duration_minutes * 60_000)}`,
    `SUMMARY:${escape(title)}`,
    `LOCATION:${escape(i.video_url)}`,
    `URL:${i.video_url}`,
    `DESCRIPTION:${escape(`${i.video_url}${i.note ? `\n${i.note}` : ''}`)}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
