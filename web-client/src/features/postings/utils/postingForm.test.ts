import { describe, expect, it } from 'vitest';
import { fullPosting } from '../../../test/fixtures';
import { EMPTY_FORM, formFromPosting, formToInput, type PostingForm, setIn } from './postingForm';

const msg = { required: 'required', number: 'number' };

const filled: PostingForm = {
  ...EMPTY_FORM,
  mask_requested: true,
  occupation: 'nurse',
  workplace: { postal_code: '１００－０００１', facility_type: 'hospital', prefecture_code: '13', municipality: '千代田区', street_address: '千代田1-1', facility_name: '' },
  employment_period: { start: '令和8年12月1日', end: 'R9.3.31' },
  probation: 'yes',
  probation_weeks: '２',
  duties: { codes: ['general_outpatient'], other_detail: 'ignored unless other' },
  wage: { unit: 'hourly', amount_yen: '２，５００', probation_amount_yen: '' },
  hours: { start: '８：４５', end: '1710', break_minutes: '６０', overtime: 'no', overtime_detail: 'dropped', holidays: '土日祝' },
  contact: { person_name: '山田花子', address: '', phone: '０３－００００－００００', extension: '１２３', application_phone: '', email: 'ｊｉｎｊｉ＠example.jp' },
};

describe('formToInput', () => {
  it('normalises full-width digits and reads 令和 dates', () => {
    const { input, errors } = formToInput(filled, msg);
    expect(errors).toEqual({});
    expect(input.workplace?.postal_code).toBe('1000001');
    expect(input.workplace?.facility_name).toBeNull();
    expect(input.employment_period).toEqual({ start: '2026-12-01', end: '2027-03-31' });
    expect(input.probation_weeks).toBe(2);
    expect(input.wage).toEqual({ unit: 'hourly', amount_yen: 2500, probation_amount_yen: null });
    expect(input.hours).toMatchObject({ start: '08:45', end: '17:10', break_minutes: 60, overtime: false, overtime_detail: null });
    expect(input.duties).toEqual({ codes: ['general_outpatient'], other_detail: null });
    expect(input.contact).toMatchObject({ phone: '03-0000-0000', extension: '123', email: 'jinji@example.jp', address: null });
  });

  it('passes unreadable dates on for the API to explain', () => {
    const { input } = formToInput({ ...filled, employment_period: { start: 'someday', end: '' } }, msg);
    expect(input.employment_period).toEqual({ start: 'someday', end: null });
  });

  it('leaves unchosen options out, for the API to list with everything else missing', () => {
    const { input, errors } = formToInput(EMPTY_FORM, msg);
    expect(errors).toEqual({});
    expect('occupation' in input).toBe(false);
    expect('facility_type' in (input.workplace ?? {})).toBe(false);
    expect('unit' in (input.wage ?? {})).toBe(false);
    expect(input.workplace?.postal_code).toBeNull();
  });

  it('catches what the body cannot express', () => {
    const { errors } = formToInput({ ...EMPTY_FORM, probation: 'yes', wage: { unit: 'daily', amount_yen: '2500円くらい', probation_amount_yen: '' } }, msg);
    expect(errors).toEqual({
      probation_weeks: ['required'],
      'wage.amount_yen': ['number'],
    });
  });
});

describe('formFromPosting', () => {
  it('fills the form from the full view, dates in 令和, and converts back', () => {
    const form = formFromPosting(fullPosting());
    expect(form.workplace.facility_name).toBe('本館3階 発熱外来');
    expect(form.employment_period.start).toBe('令和8年12月1日');
    expect(form.probation).toBe('yes');
    const { input, errors } = formToInput(form, msg);
    expect(errors).toEqual({});
    expect(input.employment_period).toEqual({ start: '2026-12-01', end: '2027-03-31' });
    expect(input.duties).toEqual({ codes: ['general_outpatient', 'other'], other_detail: '内科' });
  });
});

describe('setIn', () => {
  it('sets a nested value without touching the original', () => {
    const next = setIn(EMPTY_FORM, 'workplace.postal_code', '1000001');
    expect(next.workplace.postal_code).toBe('1000001');
    expect(EMPTY_FORM.workplace.postal_code).toBe('');
    expect(next.contact).toBe(EMPTY_FORM.contact);
  });
});
