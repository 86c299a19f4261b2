import { Link } from 'react-router';
import { usePageTitle } from '../../../components/usePageTitle';
import { useText } from '../../../lib/i18n';

const texts = {
  ja: {
    title: '管理メニュー',
    fax: 'FAXで届いた募集を代理登録する',
    faxHint: '医療機関から届いた登録票を入力します。はじめての医療機関には、アカウントを作りパスワード設定用のメールを送ります。',
    search: '公開中の募集を見る',
    searchHint: '一般の方と同じ画面で確認できます。',
  },
  en: {
    title: 'Administration',
    fax: 'Register a faxed posting',
    faxHint: 'Enter a registration form a facility sent by fax. A new facility gets an account and an e-mail to set its password.',
    search: 'See published postings',
    searchHint: 'As the public sees them.',
  },
};

export function AdminHomePage() {
  const t = useText(texts);
  usePageTitle(t.title);
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <ul className="menu-cards">
        <li className="card">
          <h2>
            <Link to="/admin/postings/new">{t.fax}</Link>
          </h2>
          <p>{t.faxHint}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/">{t.search}</Link>
          </h2>
          <p>{t.searchHint}</p>
        </li>
      </ul>
    </div>
  );
}
