import { Link } from 'react-router';
import { fill, useText } from '../../../lib/i18n';

const texts = {
  ja: { nav: 'ページ送り', prev: '前のページ', next: '次のページ', page: '{n}ページ目', of: '{page} / {pages} ページ' },
  en: { nav: 'Pages', prev: 'Previous', next: 'Next', page: 'Page {n}', of: 'Page {page} of {pages}' },
};

/** The page numbers around the current one: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const t = useText(texts);
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t.nav}>
      <p className="pagination-status">{fill(t.of, { page, pages })}</p>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} rel="prev">
              ← {t.prev}
            </Link>
          ) : (
            <span className="disabled" aria-hidden="true">← {t.prev}</span>
          )}
        </li>
        {pageWindow(page, pages).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="gap">
              …
            </li>
          ) : (
            <li key={n}>
              <Link to={hrefFor(n)} aria-current={n === page ? 'page' : undefined} aria-label={fill(t.page, { n })}>
                {n}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pages ? (
            <Link to={hrefFor(page + 1)} rel="next">
              {t.next} →
            </Link>
          ) : (
            <span className="disabled" aria-hidden="true">{t.next} →</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
