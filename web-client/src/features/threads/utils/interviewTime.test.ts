import { describe, expect, it } from 'vitest';
import { buildStartsAt, formatInterviewTime, interviewIcs, jstLocalToMs, timeSuggestions, todayInJapan, toJst } from './interviewTime';

describe('toJst', () => {
  it('reads the API’s +09:00 times as they are', () => {
    expect(toJst('2026-12-03T14:00:00+09:00')).toEqual({ date: '2026-12-03', time: '14:00', weekday: 4 });
  });

  it('turns UTC and other offsets into Japan time, across midnight', () => {
    expect(toJst('2026-12-03T16:30:00Z')).toEqual({ date: '2026-12-04', time: '01:30', weekday: 5 });
    expect(toJst('2026-12-03T00:00:00-05:00')).toEqual({ date: '2026-12-03', time: '14:00', weekday: 4 });
    // No offset: the server's UTC timestamps.
    expect(toJst('2026-12-03T05:00:00')?.time).toBe('14:00');
  });

  it('gives up on nonsense', () => {
    expect(toJst('soon')).toBeNull();
  });
});

describe('formatInterviewTime', () => {
  it('shows the era date, weekday and the span', () => {
    expect(formatInterviewTime('2026-12-03T14:00:00+09:00', 30, 'ja')).toBe('令和8年12月3日（木）14:00〜14:30');
    expect(formatInterviewTime('2026-12-03T14:00:00+09:00', 90, 'en')).toBe('Thu 3 Dec 2026, 14:00–15:30 JST');
  });
});

describe('buildStartsAt', () => {
  const now = Date.parse('2026-11-24T12:00:00+09:00');

  it('reads 令和 or western dates and loose times as Japan time', () => {
    expect(buildStartsAt('令和8年12月3日', '14:00', now)).toEqual({ ok: true, value: '2026-12-03T14:00' });
    expect(buildStartsAt('R8.12.3', '１４時', now)).toEqual({ ok: true, value: '2026-12-03T14:00' });
    expect(buildStartsAt('2026-12-03', '930', now)).toEqual({ ok: true, value: '2026-12-03T09:30' });
  });

  it('says which part it cannot read', () => {
    expect(buildStartsAt('来週', '14:00', now)).toEqual({ ok: false, problem: 'date' });
    expect(buildStartsAt('2026-12-03', '25:00', now)).toEqual({ ok: false, problem: 'time' });
    expect(buildStartsAt('2026-12-03', '', now)).toEqual({ ok: false, problem: 'time' });
  });

  it('refuses a time already past in Japan, whatever the browser’s zone', () => {
    expect(buildStartsAt('2026-11-24', '11:30', now)).toEqual({ ok: false, problem: 'past' });
    expect(buildStartsAt('2026-11-24', '12:30', now)).toEqual({ ok: true, value: '2026-11-24T12:30' });
  });

  it('means Japan time: 14:00 JST is 05:00 UTC', () => {
    expect(new Date(jstLocalToMs('2026-12-03T14:00')).toISOString()).toBe('2026-12-03T05:00:00.000Z');
  });
});

describe('helpers', () => {
  it('suggests every half hour of the working day', () => {
    const s = timeSuggestions();
    expect(s[0]).toBe('08:00');
    expect(s[1]).toBe('08:30');
    expect(s.at(-1)).toBe('20:00');
    expect(s).toHaveLength(25);
  });

  it('knows the date in Japan when it is still yesterday in UTC', () => {
    expect(todayInJapan(Date.parse('2026-11-30T20:00:00Z'))).toBe('2026-12-01');
  });

  it('writes a calendar event in UTC', () => {
    const ics = interviewIcs({ id: 5, starts_at: '2026-12-03T14:00:00+09:00', duration_minutes: 30, video_url: 'https://meet.example/x', note: '' }, '面接');
    expect(ics).toContain('DTSTART:20261203T050000Z');
    expect(ics).toContain('DTEND:20261203T053000Z');
    expect(ics).toContain('UID:interview-5@keynet');
  });
});
