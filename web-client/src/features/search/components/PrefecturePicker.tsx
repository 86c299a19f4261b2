import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { groupByRegion, type PrefectureRef } from '../../reference/api/reference';

const texts = {
  ja: { legend: '都道府県', hint: '地方を開いて選んでください（複数選べます）。', selected: '{n}件選択中', count: '{n}件', all: 'この地方をすべて選ぶ' },
  en: { legend: 'Prefecture', hint: 'Open a region and choose (several allowed).', selected: '{n} selected', count: '{n}', all: 'Select the whole region' },
};

/** Prefectures grouped by the eight regions, each region a disclosure with checkboxes. */
export function PrefecturePicker({ prefectures, value, onChange, counts }: {
  prefectures: readonly PrefectureRef[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  counts: ReadonlyMap<string, number>;
}) {
  const t = useText(texts);
  const lang = useLang();
  const regions = groupByRegion(prefectures, lang);
  return (
    <fieldset className="field prefecture-picker" aria-describedby="prefecture-hint">
      <legend className="label">{t.legend}</legend>
      <p className="hint" id="prefecture-hint">
        {t.hint}
      </p>
      {regions.map((r) => {
        const codes = r.prefectures.map((p) => p.code);
        const chosen = codes.filter((c) => value.includes(c)).length;
        const allChosen = chosen === codes.length;
        return (
          <details key={r.code} className="region" open={chosen > 0 || undefined}>
            <summary>
              {r.label}
              {chosen > 0 && <span className="count-pill">{fill(t.selected, { n: chosen })}</span>}
            </summary>
            <div className="choices choices-columns">
              <div className="choice choice-all">
                <input
                  id={`region-${r.code}`}
                  type="checkbox"
                  checked={allChosen}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...new Set([...value, ...codes])] : value.filter((v) => !codes.includes(v)))
                  }
                />
                <label htmlFor={`region-${r.code}`}>
                  {t.all}（{r.label}）
                </label>
              </div>
              {r.prefectures.map((p) => (
                <div className="choice" key={p.code}>
                  <input
                    id={`prefecture-${p.code}`}
                    type="checkbox"
                    name="prefecture"
                    value={p.code}
                    checked={value.includes(p.code)}
                    onChange={(e) => onChange(e.target.checked ? [...value, p.code] : value.filter((v) => v !== p.code))}
                  />
                  <label htmlFor={`prefecture-${p.code}`}>
                    {labelOf(p, lang)}
                    <span className="count"> {fill(t.count, { n: counts.get(p.code) ?? 0 })}</span>
                  </label>
                </div>
              ))}
            </div>
          </details>
        );
      })}
    </fieldset>
  );
}
