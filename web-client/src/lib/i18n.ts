// The UI language: Japanese first, English on request. The choice is remembered in
// localStorage, sets <html lang>, and goes to the API as Accept-Language so error messages
// arrive in the same language. Texts live beside the components that use them, as
// `{ ja: {...}, en: {...} }` objects read through `useText`.

import { useSyncExternalStore } from 'react';

export type Lang = 'ja' | 'en';

const KEY = 'keynet.lang';
const listeners = new Set<() => void>();

function readStored(): Lang {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

let current: Lang = readStored();

function apply(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
apply(current);

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang) {
  current = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  apply(lang);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang, getLang);
}

export type Texts<K extends string> = { ja: Record<K, string>; en: Record<K, string> };

/** The texts of the current language, e.g. `const t = useText(texts); t.title`. */
export function useText<K extends string>(texts: Texts<K>): Record<K, string> {
  return texts[useLang()];
}

/** `fill('{n}件', {n: 3})` → `3件`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** A code's label from a reference list item, in the current language. */
export function labelOf(item: { name_ja: string; name_en: string } | undefined, lang: Lang, fallback = ''): string {
  if (!item) return fallback;
  return lang === 'en' ? item.name_en : item.name_ja;
}

/** Yen amounts with separators: 2500 → `2,500円` / `¥2,500`. */
export function formatYen(amount: number, lang: Lang): string {
  const n = amount.toLocaleString('en-US');
  return lang === 'en' ? `¥${n}` : `${n}円`;
}
