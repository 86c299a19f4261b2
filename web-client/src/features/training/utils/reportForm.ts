// The training report form: what is pre-filled, how typed values become the API's body, and
// which materials suit a hire's occupation.

import { parseDate } from '../../../lib/era';
import { toHalfWidth } from '../../../lib/normalize';
import type { components } from '../../../api/schema';
import type { TrainingItem, TrainingItemCode, TrainingMaterial } from '../api/training';

type TrainingMaterialCode = components['schemas']['TrainingMaterialCode'];

export interface ReportForm {
  completed_on: string;
  items: string[];
  other_items: string;
  hours: string;
  materials: string[];
}

export type ReportProblem = 'date' | 'future' | 'required_items' | 'other_items' | 'hours';

/** The required items ticked, and the notice's "about two hours". */
export function initialReportForm(items: readonly TrainingItem[]): ReportForm {
  return { completed_on: '', items: items.filter((i) => i.required).map((i) => i.code), other_items: '', hours: '2', materials: [] };
}

/** Hours as typed: `2`, `1.5`, `１．５時間`, `90分`, `1時間30分` → 2, 1.5, 1.5, 1.5, 1.5. Null when unreadable. */
export function parseHours(input: string): number | null {
  const v = toHalfWidth(input).trim().replace(/\s+/g, '').replace(/．/g, '.');
  if (v === '') return null;
  const hm = /^(\d{1,3})時間(?:(\d{1,2})分)?$/.exec(v);
  if (hm) return Number(hm[1]) + Number(hm[2] ?? 0) / 60;
  const m = /^(\d{1,4})分$/.exec(v);
  if (m) return Number(m[1]) / 60;
  const h = /^(\d{1,3}(?:\.\d{1,2})?)(?:h|時間)?$/i.exec(v);
  return h ? Number(h[1]) : null;
}

/** The body for `POST …/training-report`, or the problems by field path. */
export function formToReport(
  f: ReportForm,
  items: readonly TrainingItem[],
  today: string,
): { ok: true; body: { completed_on: string; items: TrainingItemCode[]; other_items: string | null; hours: number; materials: TrainingMaterialCode[] } } | { ok: false; problems: Record<string, ReportProblem> } {
  const problems: Record<string, ReportProblem> = {};
  const date = parseDate(f.completed_on);
  if (!date) problems.completed_on = 'date';
  else if (date > today) problems.completed_on = 'future';
  if (items.some((i) => i.required && !f.items.includes(i.code))) problems.items = 'required_items';
  const other = f.items.includes('other') ? f.other_items.trim() : '';
  if (f.items.includes('other') && other === '') problems.other_items = 'other_items';
  const hours = parseHours(f.hours);
  if (hours === null || hours <= 0 || hours > 200) problems.hours = 'hours';
  if (Object.keys(problems).length > 0 || !date || hours === null) return { ok: false, problems };
  // Keep the catalogue's order, whatever order the boxes were ticked in.
  const order = (code: string) => {
    const i = items.findIndex((x) => x.code === code);
    return i < 0 ? items.length : i;
  };
  return {
    ok: true,
    body: {
      completed_on: date,
      // The codes come from the API's own list of items.
      items: [...f.items].sort((a, b) => order(a) - order(b)) as TrainingItemCode[],
      other_items: other === '' ? null : other,
      hours: Math.round(hours * 10) / 10,
      materials: f.materials as TrainingMaterialCode[],
    },
  };
}

/** Materials for everyone and for this occupation first; the rest after. */
export function materialsFor(occupation: string, catalogue: readonly TrainingMaterial[]) {
  const suits = (m: TrainingMaterial) => m.audience === 'all' || m.audience === occupation;
  return { suited: catalogue.filter(suits), others: catalogue.filter((m) => !suits(m)) };
}
