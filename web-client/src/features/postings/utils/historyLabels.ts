// A posting's history in words: the API records an edit as `{field: {from, to}}` with the
// flattened field paths of the form (`wage.amount_yen`), a close as `{reason, note?}` and a
// posting received from a partner as `{organisation, external_ref}`. Here each becomes
// `給与（金額）: 2,500円 → 2,600円`, with the labels of the posting form ①–⑬.

import { formatDate } from '../../../lib/era';
import { fill, formatYen, type Lang } from '../../../lib/i18n';
import type { Labels } from '../../reference/api/reference';

const texts = {
  ja: {
    none: 'なし',
    yes: 'はい',
    no: 'いいえ',
    present: 'あり',
    masked: '非公開にする',
    unmasked: 'すべて公開',
    weeks: '{n}週間',
    minutes: '{n}分',
    reason: '理由: {reason}',
    withNote: '{reason}（メモ: {note}）',
    filled: '充足',
    withdrawn: '取りやめ',
    expired: '期間満了',
    suspended: '停止',
    intake: '{organisation}（受付番号 {ref}）',
  },
  en: {
    none: 'none',
    yes: 'yes',
    no: 'no',
    present: 'yes',
    masked: 'withheld',
    unmasked: 'everything public',
    weeks: '{n} weeks',
    minutes: '{n} min',
    reason: 'Reason: {reason}',
    withNote: '{reason} (note: {note})',
    filled: 'Filled',
    withdrawn: 'Withdrawn',
    expired: 'Expired',
    suspended: 'Suspended',
    intake: '{organisation} (reference {ref})',
  },
} as const;

/** The label of each field path the API records, as the posting form names it. */
const FIELDS: Record<string, { ja: string; en: string }> = {
  mask_requested: { ja: '公開方法（マスキング）', en: 'Publication (masking)' },
  occupation: { ja: '募集職種', en: 'Occupation' },
  facility_name: { ja: '医療機関名', en: 'Facility name' },
  facility_type: { ja: '施設の種類', en: 'Type of facility' },
  postal_code: { ja: '郵便番号', en: 'Postal code' },
  prefecture_code: { ja: '都道府県', en: 'Prefecture' },
  municipality: { ja: '市区町村', en: 'Municipality' },
  street_address: { ja: '町名・番地', en: 'Street address' },
  workplace_name: { ja: '具体的な施設名', en: 'Specific facility' },
  'employment_period.start': { ja: '雇用期間（開始日）', en: 'Employment period (start)' },
  'employment_period.end': { ja: '雇用期間（終了日）', en: 'Employment period (end)' },
  probation_weeks: { ja: '試用期間', en: 'Probation' },
  'duties.codes': { ja: '業務内容', en: 'Duties' },
  'duties.other_detail': { ja: 'その他の業務の内容', en: 'Other duties' },
  'wage.unit': { ja: '給与（単位）', en: 'Wage (unit)' },
  'wage.amount_yen': { ja: '給与（金額）', en: 'Wage (amount)' },
  'wage.probation_amount_yen': { ja: '試用期間中の給与', en: 'Wage during probation' },
  'hours.start': { ja: '始業時刻', en: 'Start time' },
  'hours.end': { ja: '終業時刻', en: 'End time' },
  'hours.overnight': { ja: '夜勤（翌日まで）', en: 'Night shift (ends the next day)' },
  'hours.break_minutes': { ja: '休憩時間', en: 'Break' },
  'hours.overtime': { ja: '時間外勤務', en: 'Overtime' },
  'hours.overtime_detail': { ja: '時間外勤務の内容', en: 'Overtime details' },
  'hours.holidays': { ja: '休日', en: 'Holidays' },
  'insurance.codes': { ja: '加入保険', en: 'Insurance' },
  'insurance.other_detail': { ja: 'その他の保険の名称', en: 'Name of the other insurance' },
  no_smoking_on_premises: { ja: '敷地内禁煙', en: 'No smoking on the premises' },
  notes: { ja: '補足事項', en: 'Notes' },
  'other_listings.codes': { ja: '他の機関への求人登録', en: 'Also listed at' },
  'other_listings.other_detail': { ja: 'その他の機関の名称', en: 'Name of the other listing' },
  'contact.person_name': { ja: '担当者名', en: 'Person in charge' },
  'contact.address': { ja: '連絡先住所', en: 'Contact address' },
  'contact.phone': { ja: '電話番号', en: 'Phone' },
  'contact.extension': { ja: '内線', en: 'Extension' },
  'contact.application_phone': { ja: '応募受付の電話番号', en: 'Phone for applications' },
  'contact.email': { ja: 'メールアドレス', en: 'E-mail' },
};

/** The form's order, so a change list reads top to bottom like the form. */
const ORDER = Object.keys(FIELDS);

/** A field's label in `lang`; an unknown field keeps its code. */
export function fieldLabel(field: string, lang: Lang): string {
  return FIELDS[field]?.[lang] ?? field;
}

type T = (typeof texts)[Lang];

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function plain(v: unknown, t: T, lang: Lang): string {
  if (isEmpty(v)) return t.none;
  if (typeof v === 'boolean') return v ? t.yes : t.no;
  if (Array.isArray(v)) return v.map((x) => plain(x, t, lang)).join(lang === 'en' ? ', ' : '、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One recorded value of `field` for people: codes as labels, yen, dates, minutes. */
export function formatValue(field: string, value: unknown, labels: Labels): string {
  const lang = labels.lang;
  const t = texts[lang];
  if (isEmpty(value)) return t.none;
  const codes = (label: (code: string) => string) =>
    (Array.isArray(value) ? value : [value]).map((c) => label(String(c))).join(lang === 'en' ? ', ' : '、');
  switch (field) {
    case 'mask_requested':
      return value === true ? t.masked : value === false ? t.unmasked : plain(value, t, lang);
    case 'hours.overtime':
      return value === true ? t.present : value === false ? t.none : plain(value, t, lang);
    case 'occupation':
      return codes(labels.occupation);
    case 'facility_type':
      return codes(labels.facilityType);
    case 'prefecture_code':
      return codes(labels.prefecture);
    case 'wage.unit':
      return codes(labels.wageUnit);
    case 'duties.codes':
      return codes(labels.duty);
    case 'insurance.codes':
      return codes(labels.insurance);
    case 'other_listings.codes':
      return codes(labels.otherListing);
    case 'wage.amount_yen':
    case 'wage.probation_amount_yen':
      return typeof value === 'number' ? formatYen(value, lang) : plain(value, t, lang);
    case 'probation_weeks':
      return typeof value === 'number' ? fill(t.weeks, { n: value }) : plain(value, t, lang);
    case 'hours.break_minutes':
      return typeof value === 'number' ? fill(t.minutes, { n: value }) : plain(value, t, lang);
    case 'employment_period.start':
    case 'employment_period.end':
      return typeof value === 'string' ? formatDate(value, lang) : plain(value, t, lang);
    case 'postal_code':
      return typeof value === 'string' ? `〒${value.replace(/^(\d{3})(\d{4})$/, '$1-$2')}` : plain(value, t, lang);
    default:
      return plain(value, t, lang);
  }
}

/** One changed field: its label, and the value before and after, in words. */
export interface FieldChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

const isChange = (v: unknown): v is { from?: unknown; to?: unknown } => typeof v === 'object' && v !== null && ('from' in v || 'to' in v);

/** The fields an `updated` entry changed, in the form's order (unknown fields last, as codes). */
export function fieldChanges(changes: unknown, labels: Labels): FieldChange[] {
  if (typeof changes !== 'object' || changes === null) return [];
  const rank = (f: string) => {
    const i = ORDER.indexOf(f);
    return i < 0 ? ORDER.length : i;
  };
  return Object.entries(changes as Record<string, unknown>)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, v]) => {
      const c = isChange(v) ? v : { from: undefined, to: v };
      return { field, label: fieldLabel(field, labels.lang), from: formatValue(field, c.from, labels), to: formatValue(field, c.to, labels) };
    });
}

/** `給与（金額）: 2,500円 → 2,600円`. */
export function changeText(c: FieldChange): string {
  return `${c.label}: ${c.from} → ${c.to}`;
}

/** What a `closed` or `intake` entry says besides its action (`理由: 充足`), or null. */
export function entryDetail(action: string, changes: unknown, lang: Lang): string | null {
  if (typeof changes !== 'object' || changes === null) return null;
  const t = texts[lang];
  const c = changes as Record<string, unknown>;
  if (action === 'closed' && typeof c.reason === 'string') {
    const reasons: Record<string, string> = { filled: t.filled, withdrawn: t.withdrawn, expired: t.expired, suspended: t.suspended };
    const reason = fill(t.reason, { reason: reasons[c.reason] ?? c.reason });
    return typeof c.note === 'string' && c.note ? fill(t.withNote, { reason, note: c.note }) : reason;
  }
  if (action === 'intake' && typeof c.organisation === 'string') {
    return typeof c.external_ref === 'string' ? fill(t.intake, { organisation: c.organisation, ref: c.external_ref }) : c.organisation;
  }
  return null;
}
