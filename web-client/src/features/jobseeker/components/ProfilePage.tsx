import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError, groupFieldErrorsAt } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { parseYear, formatYear } from '../../../lib/era';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { RequireRole } from '../../auth/components/RequireRole';
import { useCodeList, usePrefectures } from '../../reference/api/reference';
import { type Profile, useProfile, useUpdateProfile } from '../api/profile';
import { emptyLicence, formToUpdate, type ProfileForm, type ProfileProblem, profileToForm } from '../utils/profileForm';
import { DeleteAccountDialog } from './DeleteAccountDialog';

const texts = {
  ja: {
    title: 'プロフィール',
    lead: '問い合わせ・応募した医療機関に伝わる内容です。ほかの人には公開されません。',
    loading: 'プロフィールを読み込んでいます…',
    email: 'メールアドレス（ログインID）',
    basics: '基本情報',
    name: '氏名',
    nameKana: 'フリガナ',
    nameKanaHint: 'ひらがなで入力しても、カタカナに直して保存します。',
    phone: '電話番号',
    prefecture: 'お住まいの都道府県',
    choose: '選んでください',
    licences: '資格・免許',
    licencesHint: '持っている資格を、1行に1つずつ入力してください。事務職の方は職種だけで構いません。',
    occupation: '職種（資格）',
    licenceNumber: '免許の登録番号',
    licenceYear: '取得年',
    licenceYearHint: '例: 平成20年、H20、2008',
    addLicence: '＋ 資格を追加する',
    removeLicence: 'この資格を削除',
    licenceN: '資格 {n}',
    work: '働き方と経験',
    yearsAway: '現場を離れている年数（ブランク）',
    yearsAwayHint: '年単位で。いま現場で働いている方は 0 と入力してください。',
    years: '年',
    availability: '勤務できる時期・曜日・時間帯',
    availabilityHint: '例: 12月から3か月程度、平日の日中（週3日まで）',
    experience: 'これまでの経験',
    experienceHint: '例: 内科病棟5年、発熱外来での勤務経験あり',
    save: '保存する',
    busy: '保存しています…',
    saved: 'プロフィールを保存しました。',
    failed: '保存できませんでした',
    name_required: '氏名を入力してください。',
    years_away_number: '0〜80の数字で入力してください。',
    licence_occupation: '職種を選んでください。',
    licence_year: '年として読み取れません（例: 平成20年、2008）。',
    threads: '問い合わせ・応募したやりとりを見る',
    danger: '退会',
    dangerBody: '退会すると、プロフィールと連絡先などの個人情報を消去し、ログインできなくなります。',
    delete: '退会する…',
  },
  en: {
    title: 'Your profile',
    lead: 'Facilities you inquire with or apply to see this. Nobody else does.',
    loading: 'Loading your profile…',
    email: 'E-mail (your login ID)',
    basics: 'About you',
    name: 'Full name',
    nameKana: 'Name in katakana (フリガナ)',
    nameKanaHint: 'Hiragana is turned into katakana.',
    phone: 'Phone',
    prefecture: 'Prefecture you live in',
    choose: 'Choose',
    licences: 'Licences',
    licencesHint: 'One licence per row. Clerical staff need only the occupation.',
    occupation: 'Occupation (licence)',
    licenceNumber: 'Registration number',
    licenceYear: 'Year obtained',
    licenceYearHint: 'e.g. 2008, 平成20年 or H20',
    addLicence: '+ Add a licence',
    removeLicence: 'Remove this licence',
    licenceN: 'Licence {n}',
    work: 'Availability and experience',
    yearsAway: 'Years away from practice',
    yearsAwayHint: 'In whole years. Enter 0 if you are working in the field now.',
    years: 'years',
    availability: 'When you can work',
    availabilityHint: 'e.g. from December for about three months, weekdays (up to 3 days a week)',
    experience: 'Experience',
    experienceHint: 'e.g. 5 years on an internal-medicine ward; fever clinic',
    save: 'Save',
    busy: 'Saving…',
    saved: 'Your profile was saved.',
    failed: 'Could not save',
    name_required: 'Enter your name.',
    years_away_number: 'Enter a number from 0 to 80.',
    licence_occupation: 'Choose the occupation.',
    licence_year: 'Not a year we can read (e.g. 2008 or 平成20年).',
    threads: 'See your inquiries and applications',
    danger: 'Delete your account',
    dangerBody: 'Deleting erases your profile and contact details, and you can no longer sign in.',
    delete: 'Delete account…',
  },
};

export function ProfilePage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const profile = useProfile();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      {flash && (
        <p className="alert alert-success" role="status">
          {flash}
        </p>
      )}
      <p className="lead">{t.lead}</p>
      {profile.isPending && <Loading label={t.loading} />}
      {profile.isError && <ErrorAlert error={profile.error} />}
      {profile.data && <ProfileEditor key={profile.data.account_id} profile={profile.data} />}
    </div>
  );
}

function ProfileEditor({ profile }: { profile: Profile }) {
  const t = useText(texts);
  const lang = useLang();
  const occupations = useCodeList('occupations');
  const prefectures = usePrefectures();
  const update = useUpdateProfile();
  const [form, setForm] = useState<ProfileForm>(() => profileToForm(profile));
  const [local, setLocal] = useState<Record<string, ProfileProblem>>({});
  const [round, setRound] = useState(0);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setLicence = (i: number, patch: Partial<ProfileForm['licences'][number]>) =>
    set(
      'licences',
      form.licences.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    );

  const server = update.error instanceof ApiError ? groupFieldErrorsAt(update.error.fields) : {};
  const errors: Record<string, string[]> = { ...server };
  for (const [path, problem] of Object.entries(local)) errors[path] = [t[problem]];
  const labels: Record<string, string> = {
    name: t.name,
    name_kana: t.nameKana,
    phone: t.phone,
    prefecture_code: t.prefecture,
    years_away: t.yearsAway,
    availability: t.availability,
    experience: t.experience,
    'licences.occupation': t.occupation,
    'licences.licence_number': t.licenceNumber,
    'licences.licence_year': t.licenceYear,
    licences: t.licences,
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = formToUpdate(form);
    if (!result.ok) {
      setLocal(result.problems);
      update.reset();
      setRound((r) => r + 1);
      return;
    }
    setLocal({});
    update.mutate(result.body, {
      onSuccess: (p) => {
        setForm(profileToForm(p));
        setSaved(true);
      },
      onError: () => setRound((r) => r + 1),
    });
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} round={round} />
      {update.isError && Object.keys(server).length === 0 && <ErrorAlert error={update.error} title={t.failed} />}
      {saved && (
        <p className="alert alert-success" role="status">
          {t.saved} <Link to="/threads">{t.threads}</Link>
        </p>
      )}
      <form onSubmit={submit} noValidate aria-busy={update.isPending || undefined}>
        <section className="card form-section" aria-labelledby="p-basics">
          <h2 id="p-basics">{t.basics}</h2>
          <p>
            <span className="label">{t.email}</span>
            <br />
            <span className="signed-in-id">{profile.email}</span>
          </p>
          <TextField path="name" label={t.name} value={form.name} onChange={(v) => set('name', v)} autoComplete="name" required errors={errors.name} width="medium" />
          <TextField
            path="name_kana"
            label={t.nameKana}
            hint={t.nameKanaHint}
            value={form.name_kana}
            onChange={(v) => set('name_kana', v)}
            errors={errors.name_kana}
            width="medium"
          />
          <TextField path="phone" type="tel" label={t.phone} value={form.phone} onChange={(v) => set('phone', v)} autoComplete="tel" errors={errors.phone} width="medium" />
          <SelectField path="prefecture_code" label={t.prefecture} value={form.prefecture_code} onChange={(v) => set('prefecture_code', v)} errors={errors.prefecture_code}>
            <option value="">{t.choose}</option>
            {prefectures.map((p) => (
              <option key={p.code} value={p.code}>
                {labelOf(p, lang)}
              </option>
            ))}
          </SelectField>
        </section>

        <section className="card form-section" aria-labelledby="p-licences">
          <h2 id="p-licences">{t.licences}</h2>
          <p className="hint">{t.licencesHint}</p>
          {errors.licences && <p className="field-error">{errors.licences.join(' ')}</p>}
          <ol className="licence-rows">
            {form.licences.map((row, i) => {
              const year = parseYear(row.licence_year);
              return (
                <li key={row.key} className="licence-row">
                  <fieldset className="field">
                    <legend className="label">{fill(t.licenceN, { n: i + 1 })}</legend>
                    <div className="field-row">
                      <SelectField
                        path={`licences-${i}.occupation`}
                        label={t.occupation}
                        value={row.occupation}
                        onChange={(v) => setLicence(i, { occupation: v })}
                        errors={errors[`licences[${i}].occupation`]}
                      >
                        <option value="">{t.choose}</option>
                        {occupations.map((o) => (
                          <option key={o.code} value={o.code}>
                            {labelOf(o, lang)}
                          </option>
                        ))}
                      </SelectField>
                      <TextField
                        path={`licences-${i}.licence_number`}
                        label={t.licenceNumber}
                        value={row.licence_number}
                        onChange={(v) => setLicence(i, { licence_number: v })}
                        errors={errors[`licences[${i}].licence_number`]}
                        width="medium"
                        autoComplete="off"
                      />
                      <TextField
                        path={`licences-${i}.licence_year`}
                        label={t.licenceYear}
                        hint={t.licenceYearHint}
                        value={row.licence_year}
                        onChange={(v) => setLicence(i, { licence_year: v })}
                        errors={errors[`licences[${i}].licence_year`]}
                        width="medium"
                        autoComplete="off"
                        after={year !== null && <p className="date-preview">→ {formatYear(year, lang)}</p>}
                      />
                    </div>
                    <Button
                      variant="link"
                      onClick={() => {
                        set(
                          'licences',
                          form.licences.filter((_, j) => j !== i),
                        );
                        document.getElementById('add-licence')?.focus();
                      }}
                      aria-label={`${t.removeLicence}（${fill(t.licenceN, { n: i + 1 })}）`}
                    >
                      {t.removeLicence}
                    </Button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <Button
            id="add-licence"
            variant="secondary"
            onClick={() => {
              set('licences', [...form.licences, emptyLicence()]);
              // Move to the new row's first control once it is rendered.
              setTimeout(() => document.getElementById(`f-licences-${form.licences.length}-occupation`)?.focus(), 0);
            }}
          >
            {t.addLicence}
          </Button>
        </section>

        <section className="card form-section" aria-labelledby="p-work">
          <h2 id="p-work">{t.work}</h2>
          <TextField
            path="years_away"
            label={t.yearsAway}
            hint={t.yearsAwayHint}
            value={form.years_away}
            onChange={(v) => set('years_away', v)}
            errors={errors.years_away}
            width="short"
            inputMode="numeric"
            autoComplete="off"
          />
          <TextField
            path="availability"
            label={t.availability}
            hint={t.availabilityHint}
            value={form.availability}
            onChange={(v) => set('availability', v)}
            errors={errors.availability}
            multiline
          />
          <TextField
            path="experience"
            label={t.experience}
            hint={t.experienceHint}
            value={form.experience}
            onChange={(v) => set('experience', v)}
            errors={errors.experience}
            multiline
          />
        </section>

        <div className="form-actions sticky-actions">
          <Button type="submit" busy={update.isPending} busyLabel={t.busy}>
            {t.save}
          </Button>
        </div>
      </form>

      <section className="card card-danger" aria-labelledby="p-danger">
        <h2 id="p-danger">{t.danger}</h2>
        <p>{t.dangerBody}</p>
        <Button variant="danger" onClick={() => setDeleting(true)}>
          {t.delete}
        </Button>
      </section>
      {deleting && <DeleteAccountDialog onClose={() => setDeleting(false)} />}
    </>
  );
}

/** `/profile`, for signed-in jobseekers. */
export function ProfileRoute() {
  return (
    <RequireRole roles={['jobseeker']}>
      <ProfilePage />
    </RequireRole>
  );
}
