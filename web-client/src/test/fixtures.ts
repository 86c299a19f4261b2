import type { components } from '../api/schema';
import type { Labels } from '../features/reference/api/reference';

type S = components['schemas'];

const common = {
  id: 42,
  status: 'open',
  close_reason: null,
  occupation: 'nurse',
  workplace: { facility_type: 'hospital', prefecture_code: '13', prefecture_name: '東京都', municipality: '千代田区' },
  employment_period: { start: '2026-12-01', end: '2027-03-31' },
  probation_weeks: 2,
  duties: { codes: ['general_outpatient', 'other'], other_detail: '内科' },
  wage: { unit: 'hourly', amount_yen: 2500, probation_amount_yen: null },
  hours: { start: '08:45', end: '17:10', overnight: false, break_minutes: 60, overtime: true, overtime_detail: '月10時間程度', holidays: '土日祝' },
  insurance: { codes: ['employment', 'health'], other_detail: null },
  no_smoking_on_premises: true,
  notes: '駅から徒歩5分',
  other_listings: { codes: ['hello_work'], other_detail: null },
  published_at: '2026-11-24T02:00:00',
  updated_at: '2026-11-24T02:00:00',
} satisfies S['PostingCommon'];

export const identity: S['PostingIdentity'] = {
  facility_name: '千代田中央病院',
  postal_code: '1000001',
  street_address: '千代田1-1',
  workplace_name: '本館3階 発熱外来',
  contact: { person_name: '山田花子', address: null, phone: '03-0000-0000', extension: '123', application_phone: '03-0000-0001', email: 'jinji@example.jp' },
};

export function publicPosting(masked: boolean): S['PublicPosting'] {
  return masked ? { ...common, view: 'public', masked: true } : { ...common, view: 'public', masked: false, identity };
}

export function fullPosting(): S['FullPosting'] {
  return {
    ...common,
    view: 'full',
    mask_requested: true,
    identity,
    facility: { id: 7, gmis_id: 'G-0001', name: '千代田中央病院', prefecture_code: '13' },
    version: 3,
    closed_at: null,
  };
}

const names: Record<string, string> = {
  nurse: '看護師',
  hospital: '病院',
  general_outpatient: '一般内科外来業務',
  other: 'その他',
  hourly: '時給',
  employment: '雇用保険',
  health: '健康保険',
  hello_work: 'ハローワーク',
  '13': '東京都',
};
const label = (code: string | null | undefined) => (code ? (names[code] ?? code) : '');

export const labels: Labels = {
  lang: 'ja',
  occupation: label,
  facilityType: label,
  duty: label,
  wageUnit: label,
  insurance: label,
  otherListing: label,
  prefecture: label,
};

/** A JSON response as the API would send it. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
