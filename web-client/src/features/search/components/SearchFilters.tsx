import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../../../api/schema';
import { Button } from '../../../components/Button';
import { DateField } from '../../../components/DateField';
import { CheckboxGroup, SelectField, TextField } from '../../../components/fields';
import { formatEra, parseDate } from '../../../lib/era';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { normalizeNumeric, parseInteger } from '../../../lib/normalize';
import { useCodeList, useLoadPrefectures, usePrefectures } from '../../reference/api/reference';
import { lookupPostalCode } from '../../postings/utils/postalLookup';
import { loadMunicipalities, resolveMunicipality, useMunicipalities } from '../utils/municipalities';
import type { SearchState } from '../utils/searchState';
import { PrefecturePicker } from './PrefecturePicker';

type Facets = components['schemas']['Facets'];

const texts = {
  ja: {
    keyword: 'キーワード',
    keywordHint: '例: 内科 夜勤（スペースで区切るとすべてを含む募集）',
    occupation: '職種',
    municipality: '市区町村',
    municipalityHint: '例: 千代田区、札幌市、おおさかし（市を選ぶと、その区もすべて探します）',
    nearby: '近くで探す',
    near: '場所（市区町村名または郵便番号）',
    nearHint: '例: 府中市、東京都府中市、183-0000。市区町村の中心からの距離で探します。',
    radius: '距離',
    km: '{n}km以内',
    badPostal: 'この郵便番号は見つかりません。市区町村名でも入力できます。',
    facilityType: '施設の種類',
    duty: '業務内容',
    period: '働ける期間',
    periodHint: 'この期間に勤務できる募集を探します。',
    from: '開始日',
    to: '終了日',
    wage: '給与',
    wageUnit: '給与の単位',
    any: '指定しない',
    wageMin: '最低額（円）',
    wageMinHint: '例: 2000（全角でも入力できます）',
    count: '{n}件',
    submit: 'この条件で検索',
    clear: '条件をすべてクリア',
    badDate: '日付として読み取れません（例: 令和8年12月1日、2026-12-01）。',
    badNumber: '金額は数字で入力してください。',
    needUnit: '最低額を指定するときは、給与の単位も選んでください。',
    fixErrors: '入力内容を確認してください。',
  },
  en: {
    keyword: 'Keywords',
    keywordHint: 'e.g. internal night (postings must contain every word)',
    occupation: 'Occupation',
    municipality: 'Municipality',
    municipalityHint: 'As written in Japanese or in kana: 千代田区, 札幌市, おおさかし (a city includes its wards)',
    nearby: 'Near a place',
    near: 'Place (municipality or postal code)',
    nearHint: 'e.g. 府中市, 東京都府中市, 183-0000. Distances are from the centre of each municipality.',
    radius: 'Distance',
    km: 'within {n} km',
    badPostal: 'We could not find this postal code. You can also type the municipality.',
    facilityType: 'Type of facility',
    duty: 'Duties',
    period: 'When you can work',
    periodHint: 'Finds postings you could work during this period.',
    from: 'From',
    to: 'Until',
    wage: 'Wage',
    wageUnit: 'Wage unit',
    any: 'Any',
    wageMin: 'Minimum (yen)',
    wageMinHint: 'e.g. 2000',
    count: '{n}',
    submit: 'Search',
    clear: 'Clear all filters',
    badDate: 'Not a date we can read (e.g. 2026-12-01 or 令和8年12月1日).',
    badNumber: 'Enter the amount in digits.',
    needUnit: 'Choose a wage unit to set a minimum.',
    fixErrors: 'Please check what you entered.',
  },
};

/** What the form holds while the user edits: dates as typed. */
type Draft = SearchState;

function toDraft(state: SearchState): Draft {
  return {
    ...state,
    available_from: state.available_from ? formatEra(state.available_from) : '',
    available_to: state.available_to ? formatEra(state.available_to) : '',
  };
}

/** The filter form. Changes wait for the search button; the URL holds the applied search. */
/**
 * Keeps `--sticky-actions-height` on the form at the height of its sticky button bar (one row,
 * or two when the buttons wrap on a narrow phone), so that the fields' scroll margin (see
 * styles.css) brings a focused field above the bar, never under it.
 */
function useStickyBarHeight() {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bar.current;
    const form = el?.closest('form');
    if (!el || !form || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (el.offsetHeight > 0) form.style.setProperty('--sticky-actions-height', `${el.offsetHeight}px`);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return bar;
}

export function SearchFilters({ value, facets, onSearch }: {
  value: SearchState;
  facets: Facets | undefined;
  onSearch: (next: SearchState) => void;
}) {
  const t = useText(texts);
  const lang = useLang();
  const [draft, setDraft] = useState<Draft>(() => toDraft(value));
  const [applied, setApplied] = useState(value);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const stickyBar = useStickyBarHeight();
  if (applied !== value) {
    // The URL changed (back button, a link): show that search.
    setApplied(value);
    setDraft(toDraft(value));
    setErrors({});
  }

  const occupations = useCodeList('occupations');
  const facilityTypes = useCodeList('facility-types');
  const duties = useCodeList('duties');
  const wageUnits = useCodeList('wage-units');
  const prefectures = usePrefectures();
  const loadPrefectures = useLoadPrefectures();

  const counts = (facet: keyof Facets) => new Map((facets?.[facet] ?? []).map((f) => [f.code, f.count]));
  const options = (list: typeof occupations, facet: keyof Facets) => {
    const c = counts(facet);
    return list.map((i) => ({ value: i.code, label: labelOf(i, lang), count: facets ? (c.get(i.code) ?? 0) : undefined }));
  };
  const countLabel = (n: number) => fill(t.count, { n });
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => setDraft((d) => ({ ...d, [key]: v }));

  const municipalities = useMunicipalities(draft.prefecture);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string[]> = {};
    const from = draft.available_from.trim() ? parseDate(draft.available_from) : '';
    const to = draft.available_to.trim() ? parseDate(draft.available_to) : '';
    if (from === null) found.available_from = [t.badDate];
    if (to === null) found.available_to = [t.badDate];
    const wage = parseInteger(draft.wage_min);
    if (Number.isNaN(wage)) found.wage_min = [t.badNumber];
    else if (wage !== null && !draft.wage_unit) found.wage_unit = [t.needUnit];
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`f-${first}`)?.focus();
      return;
    }
    // A postal code becomes its municipality, with its prefecture (1830000 → 東京都府中市).
    let near = draft.near.normalize('NFKC').trim();
    if (/^\d{3}-?\d{4}$/.test(near)) {
      const address = await lookupPostalCode(near.replace('-', ''));
      // Submitted before the prefectures arrived, it waits for them rather than call a real
      // postal code unknown.
      const all = prefectures.length > 0 ? prefectures : await loadPrefectures();
      const prefecture = address && all.find((p) => p.code === address.prefecture_code);
      if (!address || !prefecture) {
        setErrors({ near: [t.badPostal] });
        document.getElementById('f-near')?.focus();
        return;
      }
      near = `${prefecture.name_ja}${address.municipality}`;
    }
    // A reading typed in kana becomes the name postings use (おおさかし → 大阪市).
    const typed = draft.municipality.normalize('NFKC').trim();
    const municipality = /^[\u3041-\u30ff]+$/.test(typed) ? resolveMunicipality(await loadMunicipalities(), typed, draft.prefecture) : typed;
    onSearch({
      ...draft,
      q: draft.q.trim(),
      municipality,
      near,
      radius_km: near ? draft.radius_km : '',
      // Searching near a place lists the nearest first, unless another order was chosen.
      sort: near && !value.near && !draft.sort ? 'distance' : !near && draft.sort === 'distance' ? '' : draft.sort,
      available_from: from ?? '',
      available_to: to ?? '',
      wage_min: wage === null ? '' : String(wage),
      page: 1,
    });
  }

  return (
    <form className="search-filters" onSubmit={(e) => void submit(e)} noValidate role="search">
      <TextField path="q" type="search" label={t.keyword} hint={t.keywordHint} value={draft.q} onChange={(v) => set('q', v)} />
      <CheckboxGroup
        path="occupation"
        legend={t.occupation}
        options={options(occupations, 'occupation')}
        value={draft.occupation}
        onChange={(v) => set('occupation', v)}
        countLabel={countLabel}
        columns
      />
      <PrefecturePicker prefectures={prefectures} value={draft.prefecture} onChange={(v) => set('prefecture', v)} counts={counts('prefecture')} />
      <TextField
        path="municipality"
        label={t.municipality}
        hint={t.municipalityHint}
        value={draft.municipality}
        onChange={(v) => set('municipality', v)}
        width="medium"
        list="municipality-options"
        autoComplete="off"
      />
      <datalist id="municipality-options">
        {municipalities.map((m) => (
          <option key={`${m.prefecture}-${m.name}`} value={m.name} />
        ))}
      </datalist>
      <fieldset className="field nearby">
        <legend className="label">{t.nearby}</legend>
        <div className="nearby-fields">
          <TextField path="near" label={t.near} hint={t.nearHint} value={draft.near} onChange={(v) => set('near', v)} errors={errors.near} width="medium" autoComplete="postal-code" />
          <SelectField path="radius_km" label={t.radius} value={draft.radius_km || '30'} onChange={(v) => set('radius_km', v === '30' ? '' : v)}>
            {['10', '30', '50', '100'].map((n) => (
              <option key={n} value={n}>
                {fill(t.km, { n })}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <CheckboxGroup
        path="facility_type"
        legend={t.facilityType}
        options={options(facilityTypes, 'facility_type')}
        value={draft.facility_type}
        onChange={(v) => set('facility_type', v)}
        countLabel={countLabel}
      />
      <CheckboxGroup
        path="duty"
        legend={t.duty}
        options={options(duties, 'duty')}
        value={draft.duty}
        onChange={(v) => set('duty', v)}
        countLabel={countLabel}
      />
      <fieldset className="field">
        <legend className="label">{t.period}</legend>
        <p className="hint">{t.periodHint}</p>
        <div className="field-row">
          <DateField path="available_from" label={t.from} value={draft.available_from} onChange={(v) => set('available_from', v)} errors={errors.available_from} />
          <DateField path="available_to" label={t.to} value={draft.available_to} onChange={(v) => set('available_to', v)} errors={errors.available_to} />
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="label">{t.wage}</legend>
        <div className="field-row">
          <SelectField path="wage_unit" label={t.wageUnit} value={draft.wage_unit} onChange={(v) => set('wage_unit', v)} errors={errors.wage_unit}>
            <option value="">{t.any}</option>
            {wageUnits.map((u) => (
              <option key={u.code} value={u.code}>
                {labelOf(u, lang)}
              </option>
            ))}
          </SelectField>
          <TextField
            path="wage_min"
            label={t.wageMin}
            hint={t.wageMinHint}
            inputMode="numeric"
            value={draft.wage_min}
            onChange={(v) => set('wage_min', v)}
            onBlur={() => set('wage_min', normalizeNumeric(draft.wage_min))}
            errors={errors.wage_min}
            width="short"
          />
        </div>
      </fieldset>
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {t.fixErrors}
        </p>
      )}
      <div className="form-actions sticky-actions" ref={stickyBar}>
        <Button type="submit">{t.submit}</Button>
        <Link to="/" className="btn btn-link">
          {t.clear}
        </Link>
      </div>
    </form>
  );
}
