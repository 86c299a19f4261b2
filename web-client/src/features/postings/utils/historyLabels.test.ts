import { describe, expect, it } from 'vitest';
import { labels } from '../../../test/fixtures';
import { changeText, entryDetail, fieldChanges, fieldLabel } from './historyLabels';

const en = { ...labels, lang: 'en' as const };

describe('posting history labels', () => {
  it('names a changed field as the form does and shows the old and new values', () => {
    const changes = fieldChanges({ 'wage.amount_yen': { from: 2500, to: 2600 } }, labels);
    expect(changes.map(changeText)).toEqual(['給与（金額）: 2,500円 → 2,600円']);
    expect(fieldChanges({ 'wage.amount_yen': { from: 2500, to: 2600 } }, en).map(changeText)).toEqual(['Wage (amount): ¥2,500 → ¥2,600']);
  });

  it('shows codes as their labels, dates in 令和, and empty values as なし', () => {
    const lines = fieldChanges(
      {
        'hours.holidays': { from: '土日祝', to: '土日祝・年末年始' },
        'wage.unit': { from: 'hourly', to: 'daily' },
        'duties.codes': { from: ['general_outpatient'], to: ['general_outpatient', 'other'] },
        'employment_period.start': { from: '2026-12-01', to: '2027-01-04' },
        'contact.address': { from: null, to: '千代田2-2' },
        probation_weeks: { from: null, to: 2 },
        'hours.overtime': { from: false, to: true },
        mask_requested: { from: false, to: true },
      },
      labels,
    ).map(changeText);
    // In the form's order, whatever order the API sent.
    expect(lines).toEqual([
      '公開方法（マスキング）: すべて公開 → 非公開にする',
      '雇用期間（開始日）: 令和8年12月1日（2026年12月1日） → 令和9年1月4日（2027年1月4日）',
      '試用期間: なし → 2週間',
      '業務内容: 一般内科外来業務 → 一般内科外来業務、その他',
      '給与（単位）: 時給 → daily',
      '時間外勤務: なし → あり',
      '休日: 土日祝 → 土日祝・年末年始',
      '連絡先住所: なし → 千代田2-2',
    ]);
  });

  it('keeps the code of a field it does not know, last', () => {
    const lines = fieldChanges({ 'something.new': { from: 1, to: 2 }, facility_name: { from: '旧病院', to: '新病院' } }, labels).map(changeText);
    expect(lines).toEqual(['医療機関名: 旧病院 → 新病院', 'something.new: 1 → 2']);
    expect(fieldLabel('something.new', 'en')).toBe('something.new');
    expect(fieldChanges(null, labels)).toEqual([]);
  });

  it('says why a posting closed and where a received one came from', () => {
    expect(entryDetail('closed', { reason: 'filled' }, 'ja')).toBe('理由: 充足');
    expect(entryDetail('closed', { reason: 'suspended', note: '虚偽の記載' }, 'ja')).toBe('理由: 停止（メモ: 虚偽の記載）');
    expect(entryDetail('closed', { reason: 'withdrawn' }, 'en')).toBe('Reason: Withdrawn');
    expect(entryDetail('intake', { organisation: '県ナースセンター', external_ref: 'A-1' }, 'ja')).toBe('県ナースセンター（受付番号 A-1）');
    expect(entryDetail('created', {}, 'ja')).toBeNull();
  });
});
