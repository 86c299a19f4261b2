// Input normalisation for numeric fields: people type full-width digits (０１２), IME
// hyphens (ー) and thousands separators; the API wants plain ASCII.

const DASHES = /[ー－‐‑‒–—―−ｰ]/g;

/** Full-width ASCII (！–～) and the ideographic space become their half-width forms. */
export function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** For a numeric field: half-width, Japanese dashes as `-`, no surrounding spaces. */
export function normalizeNumeric(value: string): string {
  return toHalfWidth(value).replace(DASHES, '-').trim();
}

/** `１２３-４５６７`, `123ー4567`, `〒1234567` → `1234567`; anything else is returned normalised. */
export function normalizePostalCode(value: string): string {
  const v = normalizeNumeric(value).replace(/^〒\s*/, '');
  const digits = v.replace(/[-\s]/g, '');
  return /^\d{7}$/.test(digits) ? digits : v;
}

/** `０３（１２３４）５６７８` → `03(1234)5678`. */
export function normalizePhone(value: string): string {
  return normalizeNumeric(value).replace(/\s+/g, '');
}

/**
 * An amount such as `２，５００円` or `2,500` → 2500. Empty → null. Anything that is not a
 * whole non-negative number → NaN, so the caller can say so next to the field.
 */
export function parseInteger(value: string): number | null {
  const v = normalizeNumeric(value).replace(/[,、，\s]/g, '').replace(/(円|分|週|週間)$/, '');
  if (v === '') return null;
  return /^\d{1,12}$/.test(v) ? Number(v) : Number.NaN;
}

/**
 * A time of day typed loosely (`8:45`, `０８：４５`, `845`, `0845`, `8時45分`) → `08:45`.
 * Returns the half-width input unchanged when it cannot be read, so the API can say why.
 */
export function normalizeTime(value: string): string {
  const v = toHalfWidth(value).trim().replace(/：/g, ':');
  const m =
    /^(\d{1,2})\s*[:時.]\s*(\d{1,2})\s*分?$/.exec(v) ?? /^(\d{1,2})(\d{2})$/.exec(v) ?? /^(\d{1,2})\s*時?()$/.exec(v);
  if (!m) return v;
  const hh = Number(m[1]);
  const mm = Number(m[2] || 0);
  if (hh > 23 || mm > 59) return v;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** Every half hour of the day, for time suggestions. */
export const HALF_HOURS: readonly string[] = Array.from({ length: 48 }, (_, i) =>
  `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`,
);
