import { describe, expect, it } from 'vitest';
import { HALF_HOURS, normalizeNumeric, normalizePhone, normalizePostalCode, normalizeTime, parseInteger, toHalfWidth } from './normalize';

describe('full-width input', () => {
  it('turns full-width ASCII into half-width', () => {
    expect(toHalfWidth('０１２３４５６７８９ＡＢＣａｂｃ＠．')).toBe('0123456789ABCabc@.');
    expect(toHalfWidth('　')).toBe(' ');
    expect(normalizeNumeric(' ０３ー１２３４ー５６７８ ')).toBe('03-1234-5678');
  });

  it('reads postal codes however they are typed', () => {
    expect(normalizePostalCode('１００－０００１')).toBe('1000001');
    expect(normalizePostalCode('100ー0001')).toBe('1000001');
    expect(normalizePostalCode('〒100-0001')).toBe('1000001');
    expect(normalizePostalCode('1000001')).toBe('1000001');
    expect(normalizePostalCode('１２３')).toBe('123');
  });

  it('reads phone numbers', () => {
    expect(normalizePhone('０３（１２３４）５６７８')).toBe('03(1234)5678');
    expect(normalizePhone('03 1234 5678')).toBe('0312345678');
  });

  it('reads amounts', () => {
    expect(parseInteger('２，５００円')).toBe(2500);
    expect(parseInteger('2,500')).toBe(2500);
    expect(parseInteger('６０分')).toBe(60);
    expect(parseInteger('')).toBeNull();
    expect(parseInteger('  ')).toBeNull();
    expect(parseInteger('12a')).toBeNaN();
    expect(parseInteger('-5')).toBeNaN();
  });

  it('reads times to the minute', () => {
    expect(normalizeTime('８：４５')).toBe('08:45');
    expect(normalizeTime('8:45')).toBe('08:45');
    expect(normalizeTime('845')).toBe('08:45');
    expect(normalizeTime('1710')).toBe('17:10');
    expect(normalizeTime('8時45分')).toBe('08:45');
    expect(normalizeTime('9時')).toBe('09:00');
    expect(normalizeTime('17:10')).toBe('17:10');
    expect(normalizeTime('25:00')).toBe('25:00');
    expect(normalizeTime('soon')).toBe('soon');
  });

  it('suggests every half hour', () => {
    expect(HALF_HOURS).toHaveLength(48);
    expect(HALF_HOURS.slice(0, 3)).toEqual(['00:00', '00:30', '01:00']);
    expect(HALF_HOURS.at(-1)).toBe('23:30');
  });
});
