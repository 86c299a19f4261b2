import japan from '@svg-maps/japan';
import { fill, useText } from '../../lib/i18n';

// The 47 prefectures' outlines from @svg-maps/japan (CC BY 4.0, credited in the README and
// under the map), named there by romanised id; JIS X 0401 numbers them in this order.
const MAP = japan as unknown as { viewBox: string; locations: { id: string; name: string; path: string }[] };
const JIS_ORDER = [
  'hokkaido', 'aomori', 'iwate', 'miyagi', 'akita', 'yamagata', 'fukushima', 'ibaraki', 'tochigi', 'gunma',
  'saitama', 'chiba', 'tokyo', 'kanagawa', 'niigata', 'toyama', 'ishikawa', 'fukui', 'yamanashi', 'nagano',
  'gifu', 'shizuoka', 'aichi', 'mie', 'shiga', 'kyoto', 'osaka', 'hyogo', 'nara', 'wakayama',
  'tottori', 'shimane', 'okayama', 'hiroshima', 'yamaguchi', 'tokushima', 'kagawa', 'ehime', 'kochi', 'fukuoka',
  'saga', 'nagasaki', 'kumamoto', 'oita', 'miyazaki', 'kagoshima', 'okinawa',
];

/** A prefecture's JIS code (`13`) from the map's id (`tokyo`). */
export function codeOf(id: string): string | null {
  const i = JIS_ORDER.indexOf(id);
  return i < 0 ? null : String(i + 1).padStart(2, '0');
}

/** Five shades from light to dark (classes `shade-0`…`shade-4` in the style sheet, as the
 * page's CSP allows no inline style); the lightest is "none". */
const SHADES = 5;

/** The upper bounds of the four non-empty steps for values up to `max`. */
export function steps(max: number): number[] {
  if (max <= 0) return [];
  const q = (f: number) => Math.max(1, Math.ceil(max * f));
  return [...new Set([q(0.25), q(0.5), q(0.75), max])];
}

/** The legend's steps as ranges: step `i` runs from just above the previous bound to its own.
 * A range of one value is that value (「3件」, not 「3〜3件」). */
export function legendRanges(bounds: number[]): { a: number; b: number }[] {
  return bounds.map((b, i) => ({ a: i === 0 ? 1 : (bounds[i - 1] ?? 0) + 1, b }));
}

function shadeOf(value: number, bounds: number[]): string {
  if (value <= 0) return 'shade-0';
  const i = bounds.findIndex((b) => value <= b);
  return `shade-${Math.min(SHADES - 1, (i < 0 ? bounds.length - 1 : i) + 1)}`;
}

const texts = {
  ja: {
    map: '都道府県別の{m}（地図）',
    item: '{p}: {n}件',
    legend: '凡例',
    none: '0件',
    range: '{a}〜{b}件',
    one: '{a}件',
    hint: '都道府県を選ぶと、その都道府県に絞り込みます。',
    credit: '地図: @svg-maps/japan（CC BY 4.0）',
  },
  en: {
    map: '{m} by prefecture (map)',
    item: '{p}: {n}',
    legend: 'Legend',
    none: 'None',
    range: '{a}–{b}',
    one: '{a}',
    hint: 'Choose a prefecture to narrow the dashboard to it.',
    credit: 'Map: @svg-maps/japan (CC BY 4.0)',
  },
};

/**
 * A choropleth of Japan: each prefecture shaded by its value, named with its value for screen
 * readers, and a button (click, Enter or Space) that calls `onPick` with its code.
 */
export function JapanMap({
  values,
  measure,
  prefectureName,
  selected,
  onPick,
}: {
  values: Record<string, number>;
  measure: string;
  prefectureName: (code: string) => string;
  selected?: string;
  onPick: (code: string) => void;
}) {
  const t = useText(texts);
  const max = Math.max(0, ...Object.values(values));
  const bounds = steps(max);
  return (
    <figure className="japan-map">
      <svg viewBox={MAP.viewBox} role="group" aria-label={fill(t.map, { m: measure })} aria-describedby="japan-map-hint">
        {MAP.locations.map((l) => {
          const code = codeOf(l.id);
          if (!code) return null;
          const n = values[code] ?? 0;
          const pick = () => onPick(code);
          return (
            <path
              key={l.id}
              d={l.path}
              className={code === selected ? `${shadeOf(n, bounds)} japan-map-selected` : shadeOf(n, bounds)}
              role="button"
              tabIndex={0}
              aria-label={fill(t.item, { p: prefectureName(code), n })}
              aria-pressed={code === selected}
              onClick={pick}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  pick();
                }
              }}
            >
              <title>{fill(t.item, { p: prefectureName(code), n })}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <p id="japan-map-hint" className="hint">
          {t.hint}
        </p>
        <ul className="map-legend" aria-label={t.legend}>
          <li>
            <span className="swatch shade-0" aria-hidden="true" /> {t.none}
          </li>
          {legendRanges(bounds).map(({ a, b }, i) => (
            <li key={b}>
              <span className={`swatch shade-${i + 1}`} aria-hidden="true" />{' '}
              {fill(a === b ? t.one : t.range, { a, b })}
            </li>
          ))}
        </ul>
        <p className="muted">{t.credit}</p>
      </figcaption>
    </figure>
  );
}
