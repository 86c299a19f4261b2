// The registration form ①–⑬ as the user fills it in (text as typed), and its conversion to
// the API's body: full-width digits normalised, 令和 dates read, empty text sent as null.
// Empty choices are left out rather than guessed, so the API reports every missing item in
// one answer, under the same field paths used here. Only what the body cannot express
// (letters in an amount, probation ticked without its length) is caught before sending.

import type { components } from '../../../api/schema';
import { formatEra, parseDate } from '../../../lib/era';
import { normalizeNumeric, normalizePhone, normalizePostalCode, normalizeTime, parseInteger, toHalfWidth } from '../../../lib/normalize';
import type { FullPosting } from './views';

type S = components['schemas'];
export type PostingInput = S['PostingInput'];
export type CreatePostingRequest = S['CreatePostingRequest'];
export type FacilityInput = S['FacilityInput'];

/** A body as the form builds it: a field left empty is still null, so that the server names
 * every missing or invalid one at once (the schema states what the server then accepts). */
type Draft<T> = T extends string
  ? string | null
  : T extends number
    ? number | null
    : T extends boolean
      ? T
      : T extends (infer U)[]
        ? Draft<U>[]
        : T extends object
          ? { [K in keyof T]?: Draft<T[K]> | null }
          : T | null;

export interface CodesDraft {
  codes: string[];
  other_detail: string;
}

export interface PostingForm {
  /** The facility an admin registers for (the fax path); unused otherwise. */
  facility: { gmis_id: string; name: string; prefecture_code: string; email: string };
  mask_requested: boolean;
  occupation: string;
  workplace: {
    postal_code: string;
    facility_type: string;
    prefecture_code: string;
    municipality: string;
    street_address: string;
    facility_name: string;
  };
  employment_period: { start: string; end: string };
  probation: 'none' | 'yes';
  probation_weeks: string;
  duties: CodesDraft;
  wage: { unit: string; amount_yen: string; probation_amount_yen: string };
  hours: { start: string; end: string; break_minutes: string; overtime: 'no' | 'yes'; overtime_detail: string; holidays: string };
  insurance: CodesDraft;
  no_smoking_on_premises: boolean;
  notes: string;
  contact: { person_name: string; address: string; phone: string; extension: string; application_phone: string; email: string };
  other_listings: CodesDraft;
}

export const EMPTY_FORM: PostingForm = {
  facility: { gmis_id: '', name: '', prefecture_code: '', email: '' },
  mask_requested: false,
  occupation: '',
  workplace: { postal_code: '', facility_type: '', prefecture_code: '', municipality: '', street_address: '', facility_name: '' },
  employment_period: { start: '', end: '' },
  probation: 'none',
  probation_weeks: '',
  duties: { codes: [], other_detail: '' },
  wage: { unit: '', amount_yen: '', probation_amount_yen: '' },
  hours: { start: '', end: '', break_minutes: '', overtime: 'no', overtime_detail: '', holidays: '' },
  insurance: { codes: [], other_detail: '' },
  no_smoking_on_premises: false,
  notes: '',
  contact: { person_name: '', address: '', phone: '', extension: '', application_phone: '', email: '' },
  other_listings: { codes: [], other_detail: '' },
};

const str = (v: number | null | undefined) => (v == null ? '' : String(v));

/** The form filled with a posting, for editing it. */
export function formFromPosting(p: FullPosting): PostingForm {
  const id = p.identity;
  return {
    ...EMPTY_FORM,
    mask_requested: p.mask_requested,
    occupation: p.occupation,
    workplace: {
      postal_code: id.postal_code.replace(/^(\d{3})(\d{4})$/, '$1-$2'),
      facility_type: p.workplace.facility_type,
      prefecture_code: p.workplace.prefecture_code,
      municipality: p.workplace.municipality,
      street_address: id.street_address,
      facility_name: id.workplace_name,
    },
    employment_period: { start: formatEra(p.employment_period.start), end: formatEra(p.employment_period.end) },
    probation: p.probation_weeks ? 'yes' : 'none',
    probation_weeks: str(p.probation_weeks),
    duties: { codes: [...p.duties.codes], other_detail: p.duties.other_detail ?? '' },
    wage: { unit: p.wage.unit, amount_yen: str(p.wage.amount_yen), probation_amount_yen: str(p.wage.probation_amount_yen) },
    hours: {
      start: p.hours.start,
      end: p.hours.end,
      break_minutes: str(p.hours.break_minutes),
      overtime: p.hours.overtime ? 'yes' : 'no',
      overtime_detail: p.hours.overtime_detail ?? '',
      holidays: p.hours.holidays,
    },
    insurance: { codes: [...p.insurance.codes], other_detail: p.insurance.other_detail ?? '' },
    no_smoking_on_premises: p.no_smoking_on_premises,
    notes: p.notes,
    contact: {
      person_name: id.contact.person_name,
      address: id.contact.address ?? '',
      phone: id.contact.phone,
      extension: id.contact.extension ?? '',
      application_phone: id.contact.application_phone ?? '',
      email: id.contact.email,
    },
    other_listings: { codes: [...p.other_listings.codes], other_detail: p.other_listings.other_detail ?? '' },
  };
}

export interface FormMessages {
  required: string;
  number: string;
}

export type FieldErrors = Record<string, string[]>;

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const date = (v: string): string | null => (v.trim() === '' ? null : (parseDate(v) ?? v.trim()));
const time = (v: string): string | null => (v.trim() === '' ? null : normalizeTime(v));

function codes(d: CodesDraft) {
  return { codes: d.codes, other_detail: d.codes.includes('other') ? text(d.other_detail) : null };
}

/** The API body for the form, and the problems found before sending it. */
export function formToInput(form: PostingForm, msg: FormMessages): { input: PostingInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const required = (path: string, v: string) => {
    if (v === '') errors[path] = [msg.required];
  };
  const integer = (path: string, v: string): number | null => {
    const n = parseInteger(v);
    if (Number.isNaN(n)) {
      errors[path] = [msg.number];
      return null;
    }
    return n;
  };

  if (form.probation === 'yes') required('probation_weeks', form.probation_weeks.trim());
  // An unchosen option is sent as absent; the API names it in its list of problems.
  const choice = <T,>(v: string) => (v === '' ? undefined : (v as T));

  const w = form.workplace;
  const c = form.contact;
  const input: Draft<PostingInput> = {
    occupation: choice<PostingInput['occupation']>(form.occupation) as PostingInput['occupation'],
    mask_requested: form.mask_requested,
    workplace: {
      postal_code: text(normalizePostalCode(w.postal_code)),
      facility_type: choice<S['WorkplaceInput']['facility_type']>(w.facility_type) as S['WorkplaceInput']['facility_type'],
      prefecture_code: text(w.prefecture_code),
      municipality: text(w.municipality),
      street_address: text(w.street_address),
      facility_name: text(w.facility_name),
    },
    employment_period: { start: date(form.employment_period.start), end: date(form.employment_period.end) },
    probation_weeks: form.probation === 'yes' ? integer('probation_weeks', form.probation_weeks) : null,
    duties: codes(form.duties),
    wage: {
      unit: choice<S['WageInput']['unit']>(form.wage.unit) as S['WageInput']['unit'],
      amount_yen: integer('wage.amount_yen', form.wage.amount_yen),
      probation_amount_yen: integer('wage.probation_amount_yen', form.wage.probation_amount_yen),
    },
    hours: {
      start: time(form.hours.start),
      end: time(form.hours.end),
      break_minutes: integer('hours.break_minutes', form.hours.break_minutes),
      overtime: form.hours.overtime === 'yes',
      overtime_detail: form.hours.overtime === 'yes' ? text(form.hours.overtime_detail) : null,
      holidays: text(form.hours.holidays),
    },
    insurance: codes(form.insurance),
    no_smoking_on_premises: form.no_smoking_on_premises,
    notes: form.notes.trim(),
    contact: {
      person_name: text(c.person_name),
      address: text(c.address),
      phone: text(normalizePhone(c.phone)),
      extension: text(normalizeNumeric(c.extension)),
      application_phone: text(normalizePhone(c.application_phone)),
      email: text(toHalfWidth(c.email)),
    },
    other_listings: codes(form.other_listings),
  };
  return { input: JSON.parse(JSON.stringify(input)) as PostingInput, errors };
}

/** The facility block of the fax path. */
export function facilityToInput(form: PostingForm): FacilityInput {
  const f = form.facility;
  return {
    gmis_id: text(normalizeNumeric(f.gmis_id)),
    name: text(f.name),
    prefecture_code: text(f.prefecture_code),
    email: text(toHalfWidth(f.email)),
    // Left empty, a field goes as null, so that the server names every missing one at once.
  } as FacilityInput;
}

/** Sets one value deep in the form by its path (`workplace.postal_code`). */
export function setIn<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head as keyof T;
  const next = rest.length === 0 ? value : setIn((obj as Record<string, unknown>)[head as string], rest.join('.'), value);
  return { ...obj, [key]: next } as T;
}
