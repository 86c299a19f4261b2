import { describe, expect, it } from 'vitest';
import { loadMunicipalities, resolveMunicipality, toHiragana } from './municipalities';

describe('municipalities', () => {
  it('lists the real municipalities, with the wards of designated cities', async () => {
    const all = await loadMunicipalities();
    const osaka = all.filter((m) => m.prefecture === '27').map((m) => m.name);
    expect(osaka).toContain('大阪市');
    expect(osaka).toContain('大阪市北区');
    expect(osaka).toContain('東大阪市');
    expect(all.filter((m) => m.prefecture === '01').map((m) => m.name)).toContain('札幌市中央区');
  });

  it('reads kana as the name', async () => {
    const all = await loadMunicipalities();
    expect(toHiragana('オオサカシ')).toBe('おおさかし');
    expect(resolveMunicipality(all, 'おおさかし', ['27'])).toBe('大阪市');
    expect(resolveMunicipality(all, 'ヨコハマシ', [])).toBe('横浜市');
    expect(resolveMunicipality(all, '千代田区', [])).toBe('千代田区');
    // A reading two places share (府中市 in Tokyo and in Hiroshima) needs the prefecture.
    expect(resolveMunicipality(all, 'ふちゅうし', [])).toBe('ふちゅうし');
    expect(resolveMunicipality(all, 'ふちゅうし', ['13'])).toBe('府中市');
  });
});
