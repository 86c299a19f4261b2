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
    slow: '返信の遅い医療機関',
    slowHint: '問い合わせ・応募に、決められた時間内に最初の返信がないものです。',
    missing: '研修の報告がない採用',
    missingHint: '採用したのに、研修修了の報告がまだない医療機関です。',
    facilities: '医療機関の一覧',
    facilitiesHint: '医療機関IDや名称で探し、登録内容の訂正やパスワード設定用リンクの再送ができます。',
    partners: '連携先（関係機関）',
    partnersHint: '都道府県・労働局・関係団体・ナースセンター・職業紹介事業者への提供範囲、APIキー、利用者です。',
    shortages: '人材不足の状況',
    shortagesHint: '募集中・新規・充足・最初の返信までの時間を、職種・都道府県・期間ごとに表・グラフ・地図で見て、CSVで保存できます。',
    audit: '監査ログ',
    auditHint: '非公開情報の開示と、個人情報の閲覧の記録です。',
  },
  en: {
    title: 'Administration',
    fax: 'Register a faxed posting',
    faxHint: 'Enter a registration form a facility sent by fax. A new facility gets an account and an e-mail to set its password.',
    search: 'See published postings',
    searchHint: 'As the public sees them.',
    slow: 'Slow responders',
    slowHint: 'Inquiries and applications without a first answer in time.',
    missing: 'Hires without a training report',
    missingHint: 'Facilities that hired someone but have not reported their training.',
    facilities: 'Facilities',
    facilitiesHint: 'Find a facility by ID or name, correct its details, resend its link to set a password.',
    partners: 'Partner organisations',
    partnersHint: 'Scopes, API keys and users of prefectures, labour bureaus, associations, nurse centres and recruiters.',
    shortages: 'Staff shortages',
    shortagesHint: 'Open, new and filled postings and time to a first reply by occupation, prefecture and period: tables, charts, a map and CSV.',
    audit: 'Audit log',
    auditHint: 'Disclosures of withheld details and views of personal data.',
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
            <Link to="/admin/shortages">{t.shortages}</Link>
          </h2>
          <p>{t.shortagesHint}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/facilities">{t.facilities}</Link>
          </h2>
          <p>{t.facilitiesHint}</p>
        </li>
        {(['slow', 'missing', 'audit'] as const).map((k) => (
          <li key={k} className="card">
            <h2>
              <Link to={`/admin/${k === 'slow' ? 'slow-responses' : k === 'missing' ? 'missing-training-reports' : 'audit-log'}`}>{t[k]}</Link>
            </h2>
            <p>{t[`${k}Hint`]}</p>
          </li>
        ))}
        <li className="card">
          <h2>
            <Link to="/admin/organisations">{t.partners}</Link>
          </h2>
          <p>{t.partnersHint}</p>
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
