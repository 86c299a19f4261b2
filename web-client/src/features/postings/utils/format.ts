// Posting fields as sentences, in the current language.

import { formatDate, formatEra } from '../../../lib/era';
import { formatYen, type Lang } from '../../../lib/i18n';
import type { Labels } from '../../reference/api/reference';
import type { PostingView } from './views';

export function wageText(p: Pick<PostingView, 'wage'>, labels: Labels): string {
  return `${labels.wageUnit(p.wage.unit)} ${formatYen(p.wage.amount_yen, labels.lang)}`;
}

export function periodText(p: Pick<PostingView, 'employment_period'>, lang: Lang): string {
  const { start, end } = p.employment_period;
  return `${formatDate(start, lang)} 〜 ${formatDate(end, lang)}`;
}

/** A short period for lists: `令和8年12月1日〜令和9年3月31日（2026/12/1〜2027/3/31）`. */
export function periodShort(p: Pick<PostingView, 'employment_period'>, lang: Lang): string {
  const { start, end } = p.employment_period;
  const w = (d: string) => d.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1/$2/$3');
  if (lang === 'en') return `${w(start)} – ${w(end)}`;
  return `${formatEra(start)}〜${formatEra(end)}（${w(start)}〜${w(end)}）`;
}

export function hoursText(p: Pick<PostingView, 'hours'>, lang: Lang): string {
  const h = p.hours;
  const next = h.overnight ? (lang === 'en' ? ' (next day)' : '（翌日）') : '';
  return `${h.start}〜${h.end}${next}`;
}

export function placeText(p: Pick<PostingView, 'workplace'>, labels: Labels): string {
  const w = p.workplace;
  const pref = labels.lang === 'en' ? labels.prefecture(w.prefecture_code) : w.prefecture_name;
  return labels.lang === 'en' ? `${w.municipality}, ${pref}` : `${pref}${w.municipality}`;
}

export function codesText(
  set: { codes: readonly string[]; other_detail?: string | null | undefined },
  label: (code: string) => string,
  lang: Lang,
): string {
  if (set.codes.length === 0) return lang === 'en' ? 'None' : 'なし';
  return set.codes
    .map((c) => (c === 'other' && set.other_detail ? `${label(c)}（${set.other_detail}）` : label(c)))
    .join(lang === 'en' ? ', ' : '、');
}
