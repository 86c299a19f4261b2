import { describe, expect, it } from 'vitest';
import { ApiError, fieldId, fieldKey, groupFieldErrors } from './errors';

describe('field errors', () => {
  it('maps API field paths to form fields', () => {
    expect(fieldKey('workplace.postal_code')).toBe('workplace.postal_code');
    expect(fieldKey('duties.codes[1]')).toBe('duties.codes');
    expect(fieldKey('a[0].b[12]')).toBe('a.b');
    expect(fieldId('workplace.postal_code')).toBe('f-workplace-postal_code');
    expect(fieldId('duties.codes[1]')).toBe('f-duties-codes');
  });

  it('groups messages by field, once each', () => {
    const grouped = groupFieldErrors([
      { field: 'workplace.postal_code', code: 'invalid_postal_code', message: '郵便番号は7桁で入力してください。' },
      { field: 'duties.codes[0]', code: 'unknown_code', message: '選択肢にない値です。' },
      { field: 'duties.codes[2]', code: 'unknown_code', message: '選択肢にない値です。' },
      { field: 'duties.other_detail', code: 'required', message: '必須項目です。' },
      { field: '', code: 'invalid_json', message: 'JSONとして読み取れません。' },
    ]);
    expect(grouped).toEqual({
      'workplace.postal_code': ['郵便番号は7桁で入力してください。'],
      'duties.codes': ['選択肢にない値です。'],
      'duties.other_detail': ['必須項目です。'],
      '': ['JSONとして読み取れません。'],
    });
  });

  it('reads the error body and Retry-After', () => {
    const res = new Response(null, { status: 429, headers: { 'Retry-After': '30' } });
    const e = ApiError.from(res, { error: { code: 'rate_limited', message: 'しばらく待ってください。', fields: [] } });
    expect(e.status).toBe(429);
    expect(e.code).toBe('rate_limited');
    expect(e.message).toBe('しばらく待ってください。');
    expect(e.retryAfter).toBe(30);
  });

  it('copes with a body that is not ours', () => {
    const e = ApiError.from(new Response(null, { status: 502, statusText: 'Bad Gateway' }), '<html>');
    expect(e.status).toBe(502);
    expect(e.code).toBe('http_502');
  });
});
