import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';
import { getLang, useText } from '../lib/i18n';

const texts = {
  ja: {
    notFound: 'ページが見つかりません',
    notFoundBody: 'URLが正しいか確かめてください。',
    failed: 'ページを表示できませんでした',
    failedBody: '新しいバージョンが公開されたか、通信が途切れた可能性があります。ページを読み込み直してください。',
    reload: '読み込み直す',
    home: 'トップページへ',
  },
  en: {
    notFound: 'Page not found',
    notFoundBody: 'Check the address.',
    failed: 'This page could not be shown',
    failedBody: 'A new version may have been released, or the connection dropped. Please reload the page.',
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

/** Catches a page that fails to render or whose code fails to load, and offers a reload. */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; key: string }> {
  state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    // Navigating elsewhere clears the error.
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  render() {
    if (!this.state.failed) return this.props.children;
    const t = texts[getLang()];
    return (
      <div className="page page-narrow">
        <h1>{t.failed}</h1>
        <p role="alert">{t.failedBody}</p>
        <p className="actions">
          <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
            {t.reload}
          </button>
          <a href="/">{t.home}</a>
        </p>
      </div>
    );
  }
}
