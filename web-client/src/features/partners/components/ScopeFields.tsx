// A scope (SPEC 5): occupations × prefectures × detail, chosen with checkboxes. "All" is a
// shortcut that ticks every code: the scope always lists them explicitly.

import { CheckboxGroup, RadioGroup } from '../../../components/fields';
import { labelOf, useLang, useText } from '../../../lib/i18n';
import { useCodeList, usePrefectures } from '../../reference/api/reference';

import type { components } from '../../../api/schema';

export type ScopeValue = components['schemas']['ScopeInput'];
type Occupation = components['schemas']['Occupation'];

const texts = {
  ja: {
    occupations: '職種',
    prefectures: '都道府県',
    detail: '提供する内容',
    full: '募集情報（全項目・非公表項目を含む）',
    counts: '件数のみ（新規募集のお知らせを含む）',
    all: 'すべて選ぶ',
    none: 'すべて外す',
  },
  en: {
    occupations: 'Occupations',
    prefectures: 'Prefectures',
    detail: 'What they receive',
    full: 'Full postings (withheld fields included)',
    counts: 'Counts only (with new-posting notices)',
    all: 'Select all',
    none: 'Clear',
  },
};

export function ScopeFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: ScopeValue;
  onChange: (v: ScopeValue) => void;
  errors: Record<string, string[]>;
  prefix: string;
}) {
  const t = useText(texts);
  const lang = useLang();
  const occupations = useCodeList('occupations');
  const prefectures = usePrefectures();
  const p = (f: string) => (prefix ? `${prefix}.${f}` : f);
  const toggles = (key: 'occupations' | 'prefectures', all: Occupation[] | string[]) => (
    <p className="inline-actions">
      <button type="button" className="btn btn-link" onClick={() => onChange({ ...value, [key]: all })}>
        {t.all}
      </button>{' '}
      <button type="button" className="btn btn-link" onClick={() => onChange({ ...value, [key]: [] })}>
        {t.none}
      </button>
    </p>
  );
  return (
    <>
      <CheckboxGroup
        path={p('occupations')}
        legend={t.occupations}
        required
        columns
        options={occupations.map((o) => ({ value: o.code, label: labelOf(o, lang) }))}
        value={value.occupations}
        onChange={(occupations) => onChange({ ...value, occupations: occupations as Occupation[] })}
        errors={errors[p('occupations')]}
      />
      {toggles('occupations', occupations.map((o) => o.code as Occupation))}
      <CheckboxGroup
        path={p('prefectures')}
        legend={t.prefectures}
        required
        columns
        options={prefectures.map((x) => ({ value: x.code, label: labelOf(x, lang) }))}
        value={value.prefectures}
        onChange={(prefectures) => onChange({ ...value, prefectures })}
        errors={errors[p('prefectures')]}
      />
      {toggles('prefectures', prefectures.map((x) => x.code))}
      <RadioGroup
        path={p('detail')}
        legend={t.detail}
        required
        options={[
          { value: 'full', label: t.full },
          { value: 'counts', label: t.counts },
        ]}
        value={value.detail}
        onChange={(d) => onChange({ ...value, detail: d === 'counts' ? 'counts' : 'full' })}
        errors={errors[p('detail')]}
      />
    </>
  );
}
