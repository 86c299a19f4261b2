import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useText } from '../lib/i18n';

const texts = {
  ja: {
    notFound: 'ページが見つかりません',
    notFoundBody: 'URLが正しいか確かめてください。',
    failed: 'ページを表示できませんでした',
    failedBody: '新しいバージョンが公開された可能性があります。ページを読み込み直してください。',
    reload: '読み込み直す',
    home: 'トップページへ',
  },
  en: {
    notFound: 'Page not found',
    notFoundBody: 'Check the address.',
    failed: 'This page could not be shown',
    failedBody: 'A new version may have been released. Please reload the page.',
    reload: 'Reload',
    home: 'Home',
  },
};

export function NotFoundPage() {
  const t = useText(texts);
  return (
    <div className="page page-narrow">
      <h1>{t.notFound}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link to="/">{t.home}</Link>
      </p>
    </div>
  );
}

/** Shown when a page fails to render or its code fails to load. */
export function RouteError() {
  const error = useRouteError();
  const t = useText(texts);
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main id="main" className="page page-narrow">
      <h1>{t.failed}</h1>
      <p role="alert">{t.failedBody}</p>
      <p className="actions">
        <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
          {t.reload}
        </button>
        <a href="/">{t.home}</a>
      </p>
    </main>
  );
}
