import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError, fieldId, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CheckboxGroup, FieldErrors, RadioGroup, SelectField, TextField } from '../../../components/fields';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { HALF_HOURS, normalizeNumeric, normalizePhone, normalizePostalCode, normalizeTime } from '../../../lib/normalize';
import { type CodeLabel, groupByRegion, useCodeList, usePrefectures } from '../../reference/api/reference';
import { lookupPostalCode } from '../utils/postalLookup';
import {
  type FacilityInput,
  type FieldErrors as Errors,
  formToInput,
  facilityToInput,
  type PostingForm as Form,
  type PostingInput,
  setIn,
} from '../utils/postingForm';

const texts = {
  ja: {
    required: '必須項目です。',
    number: '数字で入力してください（全角でも入力できます）。',
    summary: '入力内容を確認してください（{n}件）',
    summaryHint: '項目名を選ぶと、その項目へ移動します。',
    facility: '医療機関の情報（代理登録）',
    facilityLead: 'FAXで届いた登録票の記載どおりに入力してください。はじめての医療機関の場合は、アカウントが作られ、下のメールアドレスにパスワード設定用のリンクが送られます。',
    gmis: '医療機関ID（G-MIS ID）',
    gmisHint: '半角英数字とハイフン、20文字以内。ログインIDになります。',
    facilityName: '医療機関名',
    facilityPref: '医療機関の所在都道府県',
    facilityEmail: 'アカウント用メールアドレス',
    facilityEmailHint: 'パスワード設定用のリンクを送ります。',
    choose: '選んでください',
    s1: '① 公開方法（マスキング）',
    mask: '医療機関名・所在地の詳細・連絡先を非公開にする',
    maskHint: 'チェックすると、医療機関名、郵便番号、町名・番地、具体的な施設名、⑫の連絡先を公開しません（都道府県と市区町村は公開されます）。問い合わせ・応募をした求職者にだけ開示されます。',
    s2: '② 募集職種',
    occupationLegend: '募集する職種（1つ選んでください）',
    occupationHint: '1件の募集につき1職種です。複数の職種を募集するときは、職種ごとに登録してください。',
    s3: '③ 勤務場所',
    postal: '郵便番号',
    postalHint: '7桁（例: 100-0001）。入力すると都道府県と市区町村を自動で入れます。',
    postalFound: '郵便番号から「{place}」を入力しました。',
    postalMissing: 'この郵便番号の住所が見つかりませんでした。都道府県と市区町村を入力してください。',
    postalLooking: '住所を調べています…',
    facilityType: '施設の種類',
    prefecture: '都道府県',
    municipality: '市区町村',
    street: '町名・番地',
    workplaceName: '具体的な施設名',
    workplaceNameHint: '例: 本館3階 発熱外来、○○ホテル（宿泊療養施設）',
    s4: '④ 雇用期間',
    start: '開始日',
    end: '終了日',
    s5: '⑤ 試用期間',
    probation: '試用期間',
    none: 'なし',
    yes: 'あり',
    weeks: '試用期間の長さ（週）',
    s6: '⑥ 業務内容',
    duties: '業務内容（複数選べます）',
    dutiesOther: 'その他の業務の内容',
    dutiesOtherHint: '例: 内科、発熱外来の受付',
    s7: '⑦ 給与（額面）',
    wageUnit: '給与の単位',
    amount: '金額（円）',
    amountHint: '額面（税込）の金額。例: 2500、２，５００',
    probationAmount: '試用期間中の金額（円）',
    probationAmountHint: '試用期間中の給与が異なる場合だけ入力してください。',
    s8: '⑧ 勤務時間・休日',
    startTime: '始業時刻',
    endTime: '終業時刻',
    timeHint: '24時間表記、分単位（例: 08:45）。候補は30分ごとです。終業が始業より早いときは夜勤（翌日まで）になります。',
    breakMinutes: '休憩時間（分）',
    overtime: '時間外勤務',
    overtimeDetail: '時間外勤務の内容',
    overtimeDetailHint: '例: 月10時間程度',
    holidays: '休日',
    holidaysHint: '例: 土日祝、4週8休',
    s9: '⑨ 加入保険',
    insurance: '加入する保険（複数選べます）',
    insuranceOther: 'その他の保険の名称',
    s10: '⑩ 受動喫煙対策',
    noSmoking: '敷地内禁煙',
    s11: '⑪ 補足事項',
    notes: '補足事項',
    notesHint: '求職者に伝えたいこと（任意）。',
    s12: '⑫ 担当者連絡先',
    s12Hint: 'マスキングを選んだ場合、ここは問い合わせ・応募をした求職者にだけ開示されます。',
    person: '担当者名',
    contactAddress: '連絡先住所',
    contactAddressHint: '③の勤務場所と異なる場合だけ入力してください。',
    phone: '電話番号',
    extension: '内線',
    applicationPhone: '応募受付の電話番号',
    applicationPhoneHint: '上の電話番号と異なる場合に入力してください。',
    email: 'メールアドレス',
    s13: '⑬ 他の機関への求人登録',
    listings: 'すでに求人を出している機関（複数選べます）',
    listingsOther: 'その他の機関の名称',
  },
  en: {
    required: 'Required.',
    number: 'Enter a number.',
    summary: 'Please check {n} item(s)',
    summaryHint: 'Choose an item to go to it.',
    facility: 'The facility (registering on its behalf)',
    facilityLead: 'Copy what the faxed form says. For a new facility an account is created and a link to set its password is sent to the e-mail address below.',
    gmis: 'Facility ID (G-MIS ID)',
    gmisHint: 'Up to 20 letters, digits or hyphens. It becomes the login ID.',
    facilityName: 'Facility name',
    facilityPref: 'Prefecture of the facility',
    facilityEmail: 'E-mail for the account',
    facilityEmailHint: 'The link to set the password goes here.',
    choose: 'Choose',
    s1: '① Publication (masking)',
    mask: 'Withhold the facility name, detailed address and contact',
    maskHint: 'If ticked, the facility name, postal code, street address, specific facility and the contact (⑫) are not published (prefecture and municipality are). They are disclosed only to jobseekers who inquire or apply.',
    s2: '② Occupation',
    occupationLegend: 'Occupation (choose one)',
    occupationHint: 'One occupation per posting. Register one posting for each occupation you need.',
    s3: '③ Workplace',
    postal: 'Postal code',
    postalHint: '7 digits (e.g. 100-0001). Fills in the prefecture and municipality.',
    postalFound: 'Filled in “{place}” from the postal code.',
    postalMissing: 'No address found for this postal code. Enter the prefecture and municipality.',
    postalLooking: 'Looking up the address…',
    facilityType: 'Type of facility',
    prefecture: 'Prefecture',
    municipality: 'Municipality',
    street: 'Street address',
    workplaceName: 'Specific facility',
    workplaceNameHint: 'e.g. Main building 3F fever clinic',
    s4: '④ Employment period',
    start: 'Start',
    end: 'End',
    s5: '⑤ Probation',
    probation: 'Probation',
    none: 'None',
    yes: 'Yes',
    weeks: 'Length of probation (weeks)',
    s6: '⑥ Duties',
    duties: 'Duties (choose any)',
    dutiesOther: 'Other duties',
    dutiesOtherHint: 'e.g. internal medicine',
    s7: '⑦ Wage (gross)',
    wageUnit: 'Wage unit',
    amount: 'Amount (yen)',
    amountHint: 'Gross amount, e.g. 2500',
    probationAmount: 'Amount during probation (yen)',
    probationAmountHint: 'Only if it differs during probation.',
    s8: '⑧ Hours and holidays',
    startTime: 'Start time',
    endTime: 'End time',
    timeHint: '24-hour clock, to the minute (e.g. 08:45); suggestions every 30 minutes. An end before the start means a night shift.',
    breakMinutes: 'Break (minutes)',
    overtime: 'Overtime',
    overtimeDetail: 'Overtime details',
    overtimeDetailHint: 'e.g. about 10 hours a month',
    holidays: 'Holidays',
    holidaysHint: 'e.g. weekends and public holidays',
    s9: '⑨ Insurance',
    insurance: 'Insurance provided (choose any)',
    insuranceOther: 'Name of the other insurance',
    s10: '⑩ Passive smoking',
    noSmoking: 'No smoking on the premises',
    s11: '⑪ Notes',
    notes: 'Notes',
    notesHint: 'Anything else for jobseekers (optional).',
    s12: '⑫ Contact',
    s12Hint: 'With masking, this is disclosed only to jobseekers who inquire or apply.',
    person: 'Person in charge',
    contactAddress: 'Contact address',
    contactAddressHint: 'Only if it differs from the workplace (③).',
    phone: 'Phone',
    extension: 'Extension',
    applicationPhone: 'Phone for applications',
    applicationPhoneHint: 'If it differs from the phone above.',
    email: 'E-mail',
    s13: '⑬ Also listed at',
    listings: 'Where this job is already listed (choose any)',
    listingsOther: 'Name of the other listing',
  },
};

type T = (typeof texts)['ja'];

/** The label of each field path, for the error summary. */
function pathLabels(t: T): Record<string, string> {
  return {
    'facility.gmis_id': t.gmis,
    'facility.name': t.facilityName,
    'facility.prefecture_code': t.facilityPref,
    'facility.email': t.facilityEmail,
    facility: t.facility,
    mask_requested: t.s1,
    occupation: t.s2,
    'workplace.postal_code': `${t.s3}: ${t.postal}`,
    'workplace.facility_type': `${t.s3}: ${t.facilityType}`,
    'workplace.prefecture_code': `${t.s3}: ${t.prefecture}`,
    'workplace.municipality': `${t.s3}: ${t.municipality}`,
    'workplace.street_address': `${t.s3}: ${t.street}`,
    'workplace.facility_name': `${t.s3}: ${t.workplaceName}`,
    workplace: t.s3,
    'employment_period.start': `${t.s4}: ${t.start}`,
    'employment_period.end': `${t.s4}: ${t.end}`,
    employment_period: t.s4,
    probation_weeks: `${t.s5}: ${t.weeks}`,
    'duties.codes': t.s6,
    'duties.other_detail': `${t.s6}: ${t.dutiesOther}`,
    duties: t.s6,
    'wage.unit': `${t.s7}: ${t.wageUnit}`,
    'wage.amount_yen': `${t.s7}: ${t.amount}`,
    'wage.probation_amount_yen': `${t.s7}: ${t.probationAmount}`,
    wage: t.s7,
    'hours.start': `${t.s8}: ${t.startTime}`,
    'hours.end': `${t.s8}: ${t.endTime}`,
    'hours.break_minutes': `${t.s8}: ${t.breakMinutes}`,
    'hours.overtime_detail': `${t.s8}: ${t.overtimeDetail}`,
    'hours.holidays': `${t.s8}: ${t.holidays}`,
    hours: t.s8,
    'insurance.codes': t.s9,
    'insurance.other_detail': `${t.s9}: ${t.insuranceOther}`,
    no_smoking_on_premises: t.s10,
    notes: t.s11,
    'contact.person_name': `${t.s12}: ${t.person}`,
    'contact.address': `${t.s12}: ${t.contactAddress}`,
    'contact.phone': `${t.s12}: ${t.phone}`,
    'contact.extension': `${t.s12}: ${t.extension}`,
    'contact.application_phone': `${t.s12}: ${t.applicationPhone}`,
    'contact.email': `${t.s12}: ${t.email}`,
    contact: t.s12,
    'other_listings.codes': t.s13,
    'other_listings.other_detail': `${t.s13}: ${t.listingsOther}`,
  };
}

function Section({ id, title, hint, children }: { id: string; title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="card form-section" aria-labelledby={`sec-${id}`}>
      <h2 id={`sec-${id}`}>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </section>
  );
}

export interface PostingFormProps {
  initial: Form;
  /** Show the facility block (an admin registering a faxed form). */
  withFacility?: boolean;
  submitLabel: string;
  busyLabel: string;
  /** Sends the body; a rejected promise's field errors are shown at their fields. */
  onSubmit: (input: PostingInput, facility: FacilityInput | null) => Promise<unknown>;
  /** Shown above the buttons, e.g. an edit conflict. */
  notice?: ReactNode;
  extraActions?: ReactNode;
}

/** The posting registration form, ①–⑬ in the order of the official form. */
export function PostingForm({ initial, withFacility = false, submitLabel, busyLabel, onSubmit, notice, extraActions }: PostingFormProps) {
  const t = useText(texts);
  const lang = useLang();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [postalStatus, setPostalStatus] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const lastLookup = useRef(normalizePostalCode(initial.workplace.postal_code));

  const occupations = useCodeList('occupations');
  const facilityTypes = useCodeList('facility-types');
  const duties = useCodeList('duties');
  const wageUnits = useCodeList('wage-units');
  const insurance = useCodeList('insurance');
  const listings = useCodeList('other-listings');
  const prefectures = usePrefectures();
  const regions = groupByRegion(prefectures, lang);

  useEffect(() => setForm(initial), [initial]);

  const set = (path: string) => (value: unknown) => setForm((f) => setIn(f, path, value));
  const err = (path: string) => errors[path];
  const opts = (list: readonly CodeLabel[]) => list.map((i) => ({ value: i.code, label: labelOf(i, lang) }));

  // ③ The postal code fills in the prefecture and municipality (and a start of the street).
  const postal = normalizePostalCode(form.workplace.postal_code);
  useEffect(() => {
    if (!/^\d{7}$/.test(postal) || postal === lastLookup.current) return;
    lastLookup.current = postal;
    let cancelled = false;
    setPostalStatus(t.postalLooking);
    lookupPostalCode(postal)
      .then((found) => {
        if (cancelled) return;
        if (!found) {
          setPostalStatus(t.postalMissing);
          return;
        }
        setForm((f) => ({
          ...f,
          workplace: {
            ...f.workplace,
            prefecture_code: found.prefecture_code,
            municipality: found.municipality,
            street_address: f.workplace.street_address.trim() ? f.workplace.street_address : found.area,
          },
        }));
        const pref = prefectures.find((p) => p.code === found.prefecture_code);
        setPostalStatus(fill(t.postalFound, { place: `${labelOf(pref, lang)}${found.municipality}${found.area}` }));
      })
      .catch(() => !cancelled && setPostalStatus(t.postalMissing));
    return () => {
      cancelled = true;
    };
  }, [postal, prefectures, lang, t]);

  const labels = pathLabels(t);
  const errorEntries = Object.entries(errors).filter(([, v]) => v.length > 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const { input, errors: found } = formToInput(form, { required: t.required, number: t.number });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await onSubmit(input, withFacility ? facilityToInput(form) : null);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(groupFieldErrors(error.fields));
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const prefectureOptions = (
    <>
      <option value="">{t.choose}</option>
      {regions.map((r) => (
        <optgroup key={r.code} label={r.label}>
          {r.prefectures.map((p) => (
            <option key={p.code} value={p.code}>
              {labelOf(p, lang)}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );

  return (
    <form className="posting-form" onSubmit={submit} noValidate aria-busy={busy || undefined}>
      <datalist id="half-hours">
        {HALF_HOURS.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>

      {errorEntries.length > 0 && (
        <div className="alert alert-error error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
          <p className="alert-title" id="error-summary-title">
            {fill(t.summary, { n: errorEntries.length })}
          </p>
          <p className="hint">{t.summaryHint}</p>
          <ul>
            {errorEntries.map(([path, messages]) =>
              path === '' ? (
                <li key="form">{messages.join(' ')}</li>
              ) : (
              <li key={path}>
                <a
                  href={`#${fieldId(path)}`}
                  onClick={(e) => {
                    const target = document.getElementById(fieldId(path));
                    if (target) {
                      e.preventDefault();
                      target.focus();
                      target.scrollIntoView({ block: 'center' });
                    }
                  }}
                >
                  {labels[path] ?? path}
                </a>
                : {messages.join(' ')}
              </li>
              ),
            )}
          </ul>
        </div>
      )}

      {withFacility && (
        <Section id="facility" title={t.facility} hint={t.facilityLead}>
          <TextField path="facility.gmis_id" label={t.gmis} hint={t.gmisHint} value={form.facility.gmis_id} onChange={set('facility.gmis_id')}
            onBlur={() => set('facility.gmis_id')(normalizeNumeric(form.facility.gmis_id))} errors={err('facility.gmis_id')} required width="medium" autoCapitalize="none" spellCheck={false} />
          <TextField path="facility.name" label={t.facilityName} value={form.facility.name} onChange={set('facility.name')} errors={err('facility.name')} required />
          <SelectField path="facility.prefecture_code" label={t.facilityPref} value={form.facility.prefecture_code} onChange={set('facility.prefecture_code')} errors={err('facility.prefecture_code')} required>
            {prefectureOptions}
          </SelectField>
          <TextField path="facility.email" type="email" label={t.facilityEmail} hint={t.facilityEmailHint} value={form.facility.email} onChange={set('facility.email')}
            errors={err('facility.email')} required autoComplete="off" />
          <FieldErrors id={fieldId('facility')} errors={err('facility')} />
        </Section>
      )}

      <Section id="mask" title={t.s1}>
        <div className={`field${err('mask_requested') ? ' field-invalid' : ''}`}>
          <div className="choice choice-large">
            <input id={fieldId('mask_requested')} type="checkbox" checked={form.mask_requested} onChange={(e) => set('mask_requested')(e.target.checked)}
              aria-describedby="mask-hint" />
            <label htmlFor={fieldId('mask_requested')}>{t.mask}</label>
          </div>
          <p className="hint" id="mask-hint">
            {t.maskHint}
          </p>
        </div>
      </Section>

      <Section id="occupation" title={t.s2}>
        <RadioGroup path="occupation" legend={t.occupationLegend} hint={t.occupationHint} options={opts(occupations)} value={form.occupation} onChange={set('occupation')}
          errors={err('occupation')} required columns />
      </Section>

      <Section id="workplace" title={t.s3}>
        <TextField path="workplace.postal_code" label={t.postal} hint={t.postalHint} value={form.workplace.postal_code} onChange={set('workplace.postal_code')}
          onBlur={() => {
            const v = normalizePostalCode(form.workplace.postal_code);
            set('workplace.postal_code')(/^\d{7}$/.test(v) ? `${v.slice(0, 3)}-${v.slice(3)}` : v);
          }}
          errors={err('workplace.postal_code')} required width="short" inputMode="numeric" autoComplete="postal-code"
          after={<p className="postal-status" role="status" aria-live="polite">{postalStatus}</p>} />
        <RadioGroup path="workplace.facility_type" legend={t.facilityType} inline options={opts(facilityTypes)} value={form.workplace.facility_type}
          onChange={set('workplace.facility_type')} errors={err('workplace.facility_type')} required />
        <SelectField path="workplace.prefecture_code" label={t.prefecture} value={form.workplace.prefecture_code} onChange={set('workplace.prefecture_code')}
          errors={err('workplace.prefecture_code')} required>
          {prefectureOptions}
        </SelectField>
        <TextField path="workplace.municipality" label={t.municipality} value={form.workplace.municipality} onChange={set('workplace.municipality')}
          errors={err('workplace.municipality')} required width="medium" />
        <TextField path="workplace.street_address" label={t.street} value={form.workplace.street_address} onChange={set('workplace.street_address')}
          errors={err('workplace.street_address')} required />
        <TextField path="workplace.facility_name" label={t.workplaceName} hint={t.workplaceNameHint} value={form.workplace.facility_name}
          onChange={set('workplace.facility_name')} errors={err('workplace.facility_name')} />
      </Section>

      <Section id="period" title={t.s4}>
        <div className="field-row">
          <DateField path="employment_period.start" label={t.start} value={form.employment_period.start} onChange={set('employment_period.start')}
            errors={err('employment_period.start')} required />
          <DateField path="employment_period.end" label={t.end} value={form.employment_period.end} onChange={set('employment_period.end')}
            errors={err('employment_period.end')} required />
        </div>
      </Section>

      <Section id="probation" title={t.s5}>
        <RadioGroup path="probation" legend={t.probation} inline options={[{ value: 'none', label: t.none }, { value: 'yes', label: t.yes }]} value={form.probation}
          onChange={set('probation')} />
        {form.probation === 'yes' && (
          <TextField path="probation_weeks" label={t.weeks} value={form.probation_weeks} onChange={set('probation_weeks')}
            onBlur={() => set('probation_weeks')(normalizeNumeric(form.probation_weeks))} errors={err('probation_weeks')} required width="short" inputMode="numeric" />
        )}
      </Section>

      <Section id="duties" title={t.s6}>
        <CheckboxGroup path="duties.codes" legend={t.duties} options={opts(duties)} value={form.duties.codes} onChange={set('duties.codes')}
          errors={err('duties.codes')} required />
        {form.duties.codes.includes('other') && (
          <TextField path="duties.other_detail" label={t.dutiesOther} hint={t.dutiesOtherHint} value={form.duties.other_detail}
            onChange={set('duties.other_detail')} errors={err('duties.other_detail')} required />
        )}
      </Section>

      <Section id="wage" title={t.s7}>
        <RadioGroup path="wage.unit" legend={t.wageUnit} inline options={opts(wageUnits)} value={form.wage.unit} onChange={set('wage.unit')} errors={err('wage.unit')} required />
        <TextField path="wage.amount_yen" label={t.amount} hint={t.amountHint} value={form.wage.amount_yen} onChange={set('wage.amount_yen')}
          onBlur={() => set('wage.amount_yen')(normalizeNumeric(form.wage.amount_yen))} errors={err('wage.amount_yen')} required width="short" inputMode="numeric" />
        <TextField path="wage.probation_amount_yen" label={t.probationAmount} hint={t.probationAmountHint} value={form.wage.probation_amount_yen}
          onChange={set('wage.probation_amount_yen')} onBlur={() => set('wage.probation_amount_yen')(normalizeNumeric(form.wage.probation_amount_yen))}
          errors={err('wage.probation_amount_yen')} width="short" inputMode="numeric" />
      </Section>

      <Section id="hours" title={t.s8} hint={t.timeHint}>
        <div className="field-row">
          <TextField path="hours.start" label={t.startTime} value={form.hours.start} onChange={set('hours.start')} list="half-hours"
            onBlur={() => form.hours.start.trim() && set('hours.start')(normalizeTime(form.hours.start))} errors={err('hours.start')} required width="short"
            inputMode="numeric" placeholder="08:30" autoComplete="off" />
          <TextField path="hours.end" label={t.endTime} value={form.hours.end} onChange={set('hours.end')} list="half-hours"
            onBlur={() => form.hours.end.trim() && set('hours.end')(normalizeTime(form.hours.end))} errors={err('hours.end')} required width="short"
            inputMode="numeric" placeholder="17:15" autoComplete="off" />
          <TextField path="hours.break_minutes" label={t.breakMinutes} value={form.hours.break_minutes} onChange={set('hours.break_minutes')}
            onBlur={() => set('hours.break_minutes')(normalizeNumeric(form.hours.break_minutes))} errors={err('hours.break_minutes')} required width="short"
            inputMode="numeric" />
        </div>
        <RadioGroup path="hours.overtime" legend={t.overtime} inline options={[{ value: 'no', label: t.none }, { value: 'yes', label: t.yes }]} value={form.hours.overtime}
          onChange={set('hours.overtime')} errors={err('hours.overtime')} />
        {form.hours.overtime === 'yes' && (
          <TextField path="hours.overtime_detail" label={t.overtimeDetail} hint={t.overtimeDetailHint} value={form.hours.overtime_detail}
            onChange={set('hours.overtime_detail')} errors={err('hours.overtime_detail')} />
        )}
        <TextField path="hours.holidays" label={t.holidays} hint={t.holidaysHint} value={form.hours.holidays} onChange={set('hours.holidays')}
          errors={err('hours.holidays')} />
      </Section>

      <Section id="insurance" title={t.s9}>
        <CheckboxGroup path="insurance.codes" legend={t.insurance} options={opts(insurance)} value={form.insurance.codes} onChange={set('insurance.codes')}
          errors={err('insurance.codes')} />
        {form.insurance.codes.includes('other') && (
          <TextField path="insurance.other_detail" label={t.insuranceOther} value={form.insurance.other_detail} onChange={set('insurance.other_detail')}
            errors={err('insurance.other_detail')} required />
        )}
      </Section>

      <Section id="smoking" title={t.s10}>
        <div className={`field${err('no_smoking_on_premises') ? ' field-invalid' : ''}`}>
          <FieldErrors id={fieldId('no_smoking_on_premises')} errors={err('no_smoking_on_premises')} />
          <div className="choice choice-large">
            <input id={fieldId('no_smoking_on_premises')} type="checkbox" checked={form.no_smoking_on_premises}
              onChange={(e) => set('no_smoking_on_premises')(e.target.checked)} />
            <label htmlFor={fieldId('no_smoking_on_premises')}>{t.noSmoking}</label>
          </div>
        </div>
      </Section>

      <Section id="notes" title={t.s11}>
        <TextField path="notes" label={t.notes} hint={t.notesHint} value={form.notes} onChange={set('notes')} errors={err('notes')} multiline />
      </Section>

      <Section id="contact" title={t.s12} hint={t.s12Hint}>
        <TextField path="contact.person_name" label={t.person} value={form.contact.person_name} onChange={set('contact.person_name')}
          errors={err('contact.person_name')} required width="medium" />
        <TextField path="contact.address" label={t.contactAddress} hint={t.contactAddressHint} value={form.contact.address} onChange={set('contact.address')}
          errors={err('contact.address')} />
        <div className="field-row">
          <TextField path="contact.phone" type="tel" label={t.phone} value={form.contact.phone} onChange={set('contact.phone')}
            onBlur={() => set('contact.phone')(normalizePhone(form.contact.phone))} errors={err('contact.phone')} required width="medium" />
          <TextField path="contact.extension" label={t.extension} value={form.contact.extension} onChange={set('contact.extension')}
            onBlur={() => set('contact.extension')(normalizeNumeric(form.contact.extension))} errors={err('contact.extension')} width="short" inputMode="numeric" />
        </div>
        <TextField path="contact.application_phone" type="tel" label={t.applicationPhone} hint={t.applicationPhoneHint} value={form.contact.application_phone}
          onChange={set('contact.application_phone')} onBlur={() => set('contact.application_phone')(normalizePhone(form.contact.application_phone))}
          errors={err('contact.application_phone')} width="medium" />
        <TextField path="contact.email" type="email" label={t.email} value={form.contact.email} onChange={set('contact.email')} errors={err('contact.email')}
          required autoComplete="email" />
      </Section>

      <Section id="listings" title={t.s13}>
        <CheckboxGroup path="other_listings.codes" legend={t.listings} options={opts(listings)} value={form.other_listings.codes}
          onChange={set('other_listings.codes')} errors={err('other_listings.codes')} />
        {form.other_listings.codes.includes('other') && (
          <TextField path="other_listings.other_detail" label={t.listingsOther} value={form.other_listings.other_detail}
            onChange={set('other_listings.other_detail')} errors={err('other_listings.other_detail')} required />
        )}
      </Section>

      {failure !== null && <ErrorAlert error={failure} />}
      {notice}
      <div className="form-actions sticky-actions">
        <Button type="submit" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        {extraActions}
      </div>
    </form>
  );
}
