import { Link } from 'react-router';
import { ApiError, NetworkError, SearchOfflineError } from '../api/errors';
import { fill, useText } from '../lib/i18n';

const texts = {
  ja: {
    title: 'うまくいきませんでした',
    network: 'サーバーに接続できませんでした。通信環境を確かめて、もう一度お試しください。',
    offlineTitle: 'オフラインです',
    offline: 'インターネットに接続されていません。接続を確認して、もう一度お試しください。',
    searchOfflineTitle: '検索できませんでした',
    searchOffline: 'オフラインのため検索できません。接続を確認してください。',
    server: 'サーバーで問題が起きました。時間をおいて、もう一度お試しください。',
    signin: 'もう一度ログインする',
    forbidden: 'このアカウントでは、この操作はできません。',
    retry: '{n}秒ほど待ってから、もう一度お試しください。',
    unknown: '予期しないエラーが起きました。ページを読み込み直してください。',
  },
  en: {
    title: 'Something went wrong',
    network: 'Could not reach the server. Check your connection and try again.',
    offlineTitle: 'You are offline',
    offline: 'There is no internet connection. Check your connection and try again.',
    searchOfflineTitle: 'The search did not run',
    searchOffline: 'You are offline, so the search cannot run. Check your connection.',
    server: 'The server had a problem. Please try again in a little while.',
    signin: 'Sign in again',
    forbidden: 'This account cannot do this.',
    retry: 'Wait about {n} seconds, then try again.',
    unknown: 'An unexpected error occurred. Please reload the page.',
  },
};

/** One plain sentence (or two) for any failure, announced to screen readers. */
export function ErrorAlert({ error, title, hint }: { error: unknown; title?: string; hint?: React.ReactNode }) {
  const t = useText(texts);
  if (!error) return null;
  let message = t.unknown;
  let heading = title ?? t.title;
  let extra: React.ReactNode = null;
  if (error instanceof SearchOfflineError) {
    message = t.searchOffline;
    heading = title ?? t.searchOfflineTitle;
  } else if (error instanceof NetworkError && error.offline) {
    message = t.offline;
    heading = title ?? t.offlineTitle;
  } else if (error instanceof NetworkError) message = t.network;
  else if (error instanceof ApiError) {
    message = error.status >= 500 ? t.server : error.message;
    if (error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      extra = <Link to={`/login?next=${next}`}>{t.signin}</Link>;
    } else if (error.status === 403) extra = t.forbidden;
    else if (error.status === 429 && error.retryAfter) extra = fill(t.retry, { n: error.retryAfter });
  }
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{heading}</p>
      <p>{message}</p>
      {extra && <p>{extra}</p>}
      {hint && <p>{hint}</p>}
    </div>
  );
}
