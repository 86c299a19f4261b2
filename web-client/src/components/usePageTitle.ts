import { useEffect } from 'react';
import { useLang } from '../lib/i18n';

/** Sets the document title: `<page> | 医療のお仕事 Key-Net`. */
export function usePageTitle(title: string) {
  const lang = useLang();
  useEffect(() => {
    document.title = `${title} | ${lang === 'en' ? 'Key-Net medical jobs' : '医療のお仕事 Key-Net'}`;
  }, [title, lang]);
}
