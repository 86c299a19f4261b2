import { describe, expect, it } from 'vitest';
import type { Profile } from '../api/profile';
import { emptyLicence, formToUpdate, profileToForm, toKatakana } from './profileForm';

const profile: Profile = {
  account_id: 9,
  email: 'hanako@example.jp',
  name: '看護 花子',
  name_kana: 'カンゴ ハナコ',
  phone: '090-1234-5678',
  prefecture_code: '13',
  availability: '平日の日中',
  experience: '内科病棟5年',
  years_away: 3,
  licences: [{ occupation: 'nurse', licence_number: '123456', licence_year: 2008 }],
};

describe('the profile form', () => {
  it('shows a licence year in its era and sends it back as the western year', () => {
    const form = profileToForm(profile);
    expect(form.licences[0]?.licence_year).toBe('平成20年');
    expect(form.years_away).toBe('3');
    const result = formToUpdate(form);
    expect(result.ok && result.body.licences).toEqual([{ occupation: 'nurse', licence_number: '123456', licence_year: 2008 }]);
  });

  it('normalises what people type', () => {
    const form = {
      ...profileToForm(profile),
      name_kana: 'かんご はなこ',
      phone: '０９０－１２３４－５６７８',
      years_away: '１０年',
      licences: [{ ...emptyLicence(), occupation: 'midwife', licence_number: '００１２', licence_year: 'R2' }, emptyLicence()],
    };
    const result = formToUpdate(form);
    expect(result).toEqual({
      ok: true,
      body: {
        name: '看護 花子',
        name_kana: 'カンゴ ハナコ',
        phone: '090-1234-5678',
        prefecture_code: '13',
        availability: '平日の日中',
        experience: '内科病棟5年',
        years_away: 10,
        // The blank second row is dropped.
        licences: [{ occupation: 'midwife', licence_number: '0012', licence_year: 2020 }],
      },
    });
  });

  it('sends blanks as null', () => {
    const result = formToUpdate({ name: ' 花子 ', name_kana: '', phone: '', prefecture_code: '', availability: ' ', experience: '', years_away: '', licences: [] });
    expect(result).toEqual({
      ok: true,
      body: { name: '花子', name_kana: null, phone: null, prefecture_code: null, availability: null, experience: null, years_away: null, licences: [] },
    });
  });

  it('names each problem at the field path the API would use', () => {
    const result = formToUpdate({
      ...profileToForm(profile),
      name: ' ',
      years_away: 'しばらく',
      licences: [{ ...emptyLicence(), licence_number: '1' }, { ...emptyLicence(), occupation: 'nurse', licence_year: '平成99年' }],
    });
    expect(result).toEqual({
      ok: false,
      problems: {
        name: 'name_required',
        years_away: 'years_away_number',
        'licences[0].occupation': 'licence_occupation',
        'licences[1].licence_year': 'licence_year',
      },
    });
  });

  it('turns hiragana into katakana and leaves the rest', () => {
    expect(toKatakana('やまだ たろう')).toBe('ヤマダ タロウ');
    expect(toKatakana('ヤマダ Taro')).toBe('ヤマダ Taro');
  });
});
