import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../../../components/usePageTitle';
import { useText } from '../../../lib/i18n';
import { useForgetAccount } from '../api/profile';

const texts = {
  ja: {
    title: '退会の手続きが完了しました',
    body: 'プロフィールと連絡先などの個人情報を消去しました。ご利用ありがとうございました。',
    again: '募集はこれからもアカウントなしでご覧いただけます。',
    home: '募集をさがす',
  },
  en: {
    title: 'Your account was deleted',
    body: 'Your profile and contact details were erased. Thank you for using Key-Net.',
    again: 'You can still browse postings without an account.',
    home: 'Find postings',
  },
};

export function GoodbyePage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const deleted = (useLocation().state as { deleted?: boolean } | null)?.deleted === true;
  const forget = useForgetAccount();
  useEffect(() => {
    if (deleted) forget();
  }, [deleted, forget]);
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="alert alert-success" role="status">
        {t.body}
      </p>
      <p>{t.again}</p>
      <p>
        <Link className="btn btn-primary" to="/">
          {t.home}
        </Link>
      </p>
    </div>
  );
}
