// The profile form's state (strings as typed) and its conversion to the API's body, with
// the problems the browser can tell before sending.

import { formatYear, parseYear } from '../../../lib/era';
import { normalizePhone, parseInteger, toHalfWidth } from '../../../lib/normalize';
import type { Licence, Profile, ProfileUpdate } from '../api/profile';

export interface LicenceRow {
  /** Stable React key. */
  key: number;
  occupation: string;
  licence_number: string;
  licence_year: string;
}

export interface ProfileForm {
  name: string;
  name_kana: string;
  phone: string;
  prefecture_code: string;
  availability: string;
  experience: string;
  years_away: string;
  licences: LicenceRow[];
}

let nextKey = 1;
export function emptyLicence(): LicenceRow {
  return { key: nextKey++, occupation: '', licence_number: '', licence_year: '' };
}

export function profileToForm(p: Profile): ProfileForm {
  return {
    name: p.name,
    name_kana: p.name_kana ?? '',
    phone: p.phone ?? '',
    prefecture_code: p.prefecture_code ?? '',
    availability: p.availability ?? '',
    experience: p.experience ?? '',
    years_away: p.years_away == null ? '' : String(p.years_away),
    licences: p.licences.map((l) => ({
      key: nextKey++,
      occupation: l.occupation,
      licence_number: l.licence_number ?? '',
      licence_year: l.licence_year == null ? '' : formatYear(l.licence_year, 'ja').replace(/（.*$/, ''),
    })),
  };
}

/** Hiragana → katakana, so フリガナ reads the same however it was typed. */
export function toKatakana(value: string): string {
  return value.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

export type ProfileProblem = 'name_required' | 'years_away_number' | 'licence_occupation' | 'licence_year';
export type ProfileProblems = Record<string, ProfileProblem>;

const text = (v: string) => {
  const t = v.trim();
  return t === '' ? null : t;
};

/**
 * The body for `PUT /jobseekers/me`, or the problems by field path (`name`,
 * `licences[1].licence_year`) — the same paths the API uses for its field errors.
 */
export function formToUpdate(f: ProfileForm): { ok: true; body: ProfileUpdate } | { ok: false; problems: ProfileProblems } {
  const problems: ProfileProblems = {};
  if (f.name.trim() === '') problems.name = 'name_required';
  const yearsAway = parseInteger(f.years_away.replace(/年$/, ''));
  if (Number.isNaN(yearsAway) || (yearsAway !== null && yearsAway > 80)) problems.years_away = 'years_away_number';

  const licences: Licence[] = [];
  f.licences.forEach((row, i) => {
    const blank = row.occupation === '' && row.licence_number.trim() === '' && row.licence_year.trim() === '';
    if (blank) return;
    if (row.occupation === '') problems[`licences[${i}].occupation`] = 'licence_occupation';
    const year = row.licence_year.trim() === '' ? null : parseYear(row.licence_year);
    if (row.licence_year.trim() !== '' && year === null) problems[`licences[${i}].licence_year`] = 'licence_year';
    licences.push({
      occupation: row.occupation as Licence['occupation'],
      licence_number: text(toHalfWidth(row.licence_number)),
      licence_year: year,
    });
  });

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      name: f.name.trim(),
      name_kana: text(toKatakana(f.name_kana)),
      phone: text(normalizePhone(f.phone)),
      prefecture_code: text(f.prefecture_code),
      availability: text(f.availability),
      experience: text(f.experience),
      years_away: yearsAway,
      licences,
    },
  };
}
