import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { useText } from '../../lib/i18n';

// The privacy notice, the terms and how to reach us, in plain words (SPEC 5 says who
// receives what). Japanese first; English on the toggle.

const privacy = {
  ja: {
    title: '個人情報の取り扱い（プライバシーポリシー）',
    collectH: '集める情報',
    collect: '求職者の方: 氏名、メールアドレス、パスワード（復元できない形で保存）、任意で電話番号・住所の都道府県・資格・経験・勤務できる時期。医療機関の方: 施設名・所在地・担当者の連絡先など募集情報の各項目。ログインやセキュリティのための記録（ログイン日時、接続元の情報）。',
    whyH: '使う目的',
    why: '医療機関の人材募集と、医療の資格を持つ方の求職をつなぐためだけに使います。広告や、ほかの目的には使いません。手数料はどなたからもいただきません。',
    whoH: '情報が届く相手',
    who: 'あなたの氏名・連絡先・資格は、あなたが問い合わせ・応募した医療機関だけに伝わります。都道府県の窓口・ハローワーク・ナースセンターの紹介で登録した方は、紹介した機関にも経過と結果が伝わります。募集情報（求人票）は、公開の範囲で一般に公開し、国の定めに従って、都道府県・厚生労働省・労働局・関係団体・ナースセンターに職種と地域ごとに提供します。民間の職業紹介事業者には、職種・地域ごとの件数と新着のお知らせだけを提供します。医療機関が非公開を希望した項目（施設名・所在地の詳細・連絡先）は、問い合わせ・応募した方と提供先の一部（全項目を受け取る機関）にだけ示します。',
    keepH: '保存と削除',
    keep: 'プロフィールの画面から、いつでも退会できます。退会すると、氏名・連絡先・資格は消去され、医療機関とのやりとりには「退会済み」とだけ残ります。管理者による閲覧・開示の記録（監査ログ）は、不正を防ぐために保存します。',
    contactLink: 'お問い合わせ',
  },
  en: {
    title: 'Privacy notice',
    collectH: 'What we collect',
    collect: 'Jobseekers: name, e-mail address, password (stored so it cannot be recovered), and if you choose phone, prefecture, licences, experience and when you can work. Facilities: the items of a posting, including the facility, its address and its contact. Records kept for security (sign-in times, where connections came from).',
    whyH: 'Why',
    why: 'Only to bring medical facilities that need staff together with licensed people looking for work. Never for advertising or anything else. Nobody pays a fee.',
    whoH: 'Who receives it',
    who: 'Your name, contact details and licences reach only the facilities you inquire at or apply to. If a prefecture desk, Hello Work or a nurse centre referred you, it also follows how your application goes. Postings are published as far as they are public and, as the national notice requires, passed by occupation and area to prefectures, the ministry, labour bureaus, professional associations and nurse centres; private recruiters receive only counts and notices of new postings. What a facility asked to withhold (its name, detailed address and contact) is shown only to people who inquired or applied, and to the partners that receive postings in full.',
    keepH: 'Keeping and deleting',
    keep: 'You can leave at any time from your profile page: your name, contact details and licences are erased, and conversations with facilities show only “former jobseeker”. The record of who viewed or disclosed what (the audit log) is kept to prevent misuse.',
    contactLink: 'Contact us',
  },
};

const terms = {
  ja: {
    title: '利用規約',
    t1: 'このサービスは、緊急に人材を必要とする医療機関と、医療の資格を持つ求職者をつなぐ全国のサービスです。利用は無料で、手数料はかかりません。',
    t2: '募集情報は医療機関の責任で登録されます。内容の確認、労働条件の合意は、医療機関と求職者の間で行ってください。',
    t3: '他人になりすました登録、虚偽の情報、営業・勧誘の目的での利用、システムへの過度な負荷をかける行為は禁止します。違反があった場合、募集の停止やアカウントの利用停止を行うことがあります。',
    t4: '個人情報の取り扱いは、プライバシーポリシーのとおりです。',
  },
  en: {
    title: 'Terms of use',
    t1: 'This is a national service that brings medical facilities that urgently need staff together with licensed jobseekers. It is free: nobody pays a fee.',
    t2: 'Facilities register postings under their own responsibility. Facilities and jobseekers check the details and agree the terms of work between themselves.',
    t3: 'Do not register as someone else, give false information, use the service to sell or solicit, or put an excessive load on it. We may suspend postings or accounts that do.',
    t4: 'Personal data is handled as the privacy notice says.',
  },
};

const contact = {
  ja: {
    title: 'お問い合わせ',
    lead: 'サービスについてのご質問、個人情報の開示・訂正・削除のご依頼、不適切な募集のご連絡は、下記の事務局までお寄せください。',
    mail: 'メール: support@keynet.example.jp（平日 9:00〜17:00 にお返事します）',
    desks: '仕事探しのご相談は、お近くの相談窓口でも受け付けています。',
    desksLink: '相談窓口を見る',
  },
  en: {
    title: 'Contact us',
    lead: 'Questions about the service, requests to see, correct or delete your personal data, and reports of improper postings: write to the secretariat below.',
    mail: 'E-mail: support@keynet.example.jp (answered on weekdays, 9:00–17:00 Japan time)',
    desks: 'For help finding work, you can also visit a desk near you.',
    desksLink: 'See the desks',
  },
};

export function PrivacyPage() {
  const t = useText(privacy);
  usePageTitle(t.title);
  return (
    <div className="page page-narrow legal">
      <h1>{t.title}</h1>
      <h2>{t.collectH}</h2>
      <p>{t.collect}</p>
      <h2>{t.whyH}</h2>
      <p>{t.why}</p>
      <h2>{t.whoH}</h2>
      <p>{t.who}</p>
      <h2>{t.keepH}</h2>
      <p>{t.keep}</p>
      <p>
        <Link to="/contact">{t.contactLink}</Link>
      </p>
    </div>
  );
}

export function TermsPage() {
  const t = useText(terms);
  usePageTitle(t.title);
  return (
    <div className="page page-narrow legal">
      <h1>{t.title}</h1>
      <ol>
        <li>{t.t1}</li>
        <li>{t.t2}</li>
        <li>{t.t3}</li>
        <li>
          {t.t4} <Link to="/privacy">→</Link>
        </li>
      </ol>
    </div>
  );
}

export function ContactPage() {
  const t = useText(contact);
  usePageTitle(t.title);
  return (
    <div className="page page-narrow legal">
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <p>{t.mail}</p>
      <p>
        {t.desks} <Link to="/desks">{t.desksLink}</Link>
      </p>
    </div>
  );
}
