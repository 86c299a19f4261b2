import { describe, expect, it } from 'vitest';
import type { TrainingItem, TrainingMaterial } from '../api/training';
import { formToReport, initialReportForm, materialsFor, parseHours } from './reportForm';

const items: TrainingItem[] = [
  { code: 'infection_control_lecture', name_ja: '感染管理（講義）', name_en: 'Infection control (lecture)', required: true },
  { code: 'infection_control_practice', name_ja: '感染管理（実技実習）', name_en: 'Infection control (practice)', required: true },
  { code: 'medical_safety_lecture', name_ja: '医療安全（講義）', name_en: 'Medical safety (lecture)', required: true },
  { code: 'ppe_donning', name_ja: 'PPEの着脱', name_en: 'PPE', required: false },
  { code: 'other', name_ja: 'その他', name_en: 'Other', required: false },
];

const material = (code: string, audience: TrainingMaterial['audience']): TrainingMaterial => ({
  code,
  title_ja: code,
  publisher_ja: '',
  kind: 'document',
  audience,
  url: 'https://example.jp',
  note_ja: '',
});

describe('the training report form', () => {
  it('starts with the required items ticked and two hours', () => {
    expect(initialReportForm(items)).toEqual({
      completed_on: '',
      items: ['infection_control_lecture', 'infection_control_practice', 'medical_safety_lecture'],
      other_items: '',
      hours: '2',
      materials: [],
    });
  });

  it('reads hours however they are written', () => {
    expect(parseHours('2')).toBe(2);
    expect(parseHours('１．５時間')).toBe(1.5);
    expect(parseHours('90分')).toBe(1.5);
    expect(parseHours('1時間30分')).toBe(1.5);
    expect(parseHours('2h')).toBe(2);
    expect(parseHours('たくさん')).toBeNull();
  });

  it('makes the body in the catalogue’s order with a 令和 date', () => {
    const form = { ...initialReportForm(items), completed_on: '令和8年12月10日', items: ['other', ...initialReportForm(items).items], other_items: ' 採血 ', materials: ['jsipc_guide'] };
    expect(formToReport(form, items, '2026-12-10')).toEqual({
      ok: true,
      body: {
        completed_on: '2026-12-10',
        items: ['infection_control_lecture', 'infection_control_practice', 'medical_safety_lecture', 'other'],
        other_items: '採血',
        hours: 2,
        materials: ['jsipc_guide'],
      },
    });
  });

  it('refuses a missing required item, an unnamed "other", a future date and no hours', () => {
    const form = { completed_on: '2026-12-11', items: ['infection_control_lecture', 'other'], other_items: '', hours: '0', materials: [] };
    expect(formToReport(form, items, '2026-12-10')).toEqual({
      ok: false,
      problems: { completed_on: 'future', items: 'required_items', other_items: 'other_items', hours: 'hours' },
    });
    expect(formToReport({ ...form, completed_on: 'きのう' }, items, '2026-12-10')).toMatchObject({ ok: false, problems: { completed_on: 'date' } });
  });

  it('offers the materials that suit the occupation first', () => {
    const catalogue = [material('a', 'all'), material('r', 'radiological_technologist'), material('l', 'clinical_laboratory_technologist')];
    const { suited, others } = materialsFor('radiological_technologist', catalogue);
    expect(suited.map((m) => m.code)).toEqual(['a', 'r']);
    expect(others.map((m) => m.code)).toEqual(['l']);
    expect(materialsFor('nurse', catalogue).suited.map((m) => m.code)).toEqual(['a']);
  });
});
