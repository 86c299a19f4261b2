import { Link } from 'react-router';
import { formatYear } from '../../../lib/era';
import { fill, useText } from '../../../lib/i18n';
import type { Labels } from '../../reference/api/reference';
import { identityOf } from '../../postings/utils/views';
import type { ThreadDetail } from '../utils/types';

const texts = {
  ja: {
    applicant: '求職者のプロフィール',
    deleted: 'この求職者は退会したため、プロフィールは表示できません。',
    name: '氏名',
    email: 'メールアドレス',
    phone: '電話番号',
    prefecture: 'お住まい',
    licences: '資格・免許',
    licence: '{occupation}（登録番号 {number}、{year}取得）',
    number: '登録番号 {number}',
    year: '{year}取得',
    yearsAway: 'ブランク',
    yearsN: '{n}年',
    working: 'なし（現在も勤務）',
    availability: '勤務できる時期',
    experience: '経験',
    none: '未入力',
    posting: '募集と連絡先',
    facility: '医療機関',
    address: '所在地',
    person: '担当者',
    contactPhone: '電話番号',
    contactEmail: 'メールアドレス',
    details: '募集の内容をすべて見る',
    hidden: '施設名・連絡先は表示できません。',
  },
  en: {
    applicant: 'Jobseeker’s profile',
    deleted: 'This jobseeker deleted their account; the profile cannot be shown.',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    prefecture: 'Lives in',
    licences: 'Licences',
    licence: '{occupation} (no. {number}, {year})',
    number: 'no. {number}',
    year: 'since {year}',
    yearsAway: 'Years away from practice',
    yearsN: '{n}',
    working: 'None (working now)',
    availability: 'Availability',
    experience: 'Experience',
    none: 'Not given',
    posting: 'Posting and contact',
    facility: 'Facility',
    address: 'Address',
    person: 'Person in charge',
    contactPhone: 'Phone',
    contactEmail: 'E-mail',
    details: 'See the whole posting',
    hidden: 'The facility’s name and contact cannot be shown.',
  },
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What the facility knows of the jobseeker (their profile, or that it was erased). */
export function ApplicantCard({ thread, labels }: { thread: ThreadDetail; labels: Labels }) {
  const t = useText(texts);
  const p = thread.jobseeker;
  const lang = labels.lang;
  return (
    <section className="card" aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t.applicant}</h2>
      {!p ? (
        <p>{t.deleted}</p>
      ) : (
        <dl className="dl">
          <Row label={t.name}>
            {p.name}
            {p.name_kana && <span className="muted">（{p.name_kana}）</span>}
          </Row>
          <Row label={t.email}>
            <a href={`mailto:${p.email}`}>{p.email}</a>
          </Row>
          <Row label={t.phone}>{p.phone ? <a href={`tel:${p.phone}`}>{p.phone}</a> : <span className="muted">{t.none}</span>}</Row>
          <Row label={t.prefecture}>{p.prefecture_code ? labels.prefecture(p.prefecture_code) : <span className="muted">{t.none}</span>}</Row>
          <Row label={t.licences}>
            {p.licences.length === 0 ? (
              <span className="muted">{t.none}</span>
            ) : (
              <ul className="plain-list">
                {p.licences.map((l, i) => {
                  const extra = [
                    l.licence_number ? fill(t.number, { number: l.licence_number }) : '',
                    l.licence_year ? fill(t.year, { year: formatYear(l.licence_year, lang) }) : '',
                  ].filter(Boolean);
                  return (
                    <li key={i}>
                      {labels.occupation(l.occupation)}
                      {extra.length > 0 && (lang === 'en' ? ` (${extra.join(', ')})` : `（${extra.join('、')}）`)}
                    </li>
                  );
                })}
              </ul>
            )}
          </Row>
          <Row label={t.yearsAway}>
            {p.years_away == null ? <span className="muted">{t.none}</span> : p.years_away === 0 ? t.working : fill(t.yearsN, { n: p.years_away })}
          </Row>
          <Row label={t.availability}>{p.availability ? <span className="pre-wrap">{p.availability}</span> : <span className="muted">{t.none}</span>}</Row>
          <Row label={t.experience}>{p.experience ? <span className="pre-wrap">{p.experience}</span> : <span className="muted">{t.none}</span>}</Row>
        </dl>
      )}
    </section>
  );
}

/** For the jobseeker: the posting's facility, address and contact, disclosed by their contact. */
export function PostingContactCard({ thread, labels }: { thread: ThreadDetail; labels: Labels }) {
  const t = useText(texts);
  const p = thread.posting;
  const identity = identityOf(p);
  const place = labels.lang === 'en' ? `${p.workplace.municipality}, ${labels.prefecture(p.workplace.prefecture_code)}` : `${p.workplace.prefecture_name}${p.workplace.municipality}`;
  return (
    <section className="card" aria-labelledby="posting-contact-title">
      <h2 id="posting-contact-title">{t.posting}</h2>
      {identity ? (
        <dl className="dl">
          <Row label={t.facility}>
            {identity.facility_name}
            {identity.workplace_name && <span className="block muted">{identity.workplace_name}</span>}
          </Row>
          <Row label={t.address}>
            〒{identity.postal_code.replace(/^(\d{3})(\d{4})$/, '$1-$2')} {place} {identity.street_address}
          </Row>
          <Row label={t.person}>{identity.contact.person_name}</Row>
          <Row label={t.contactPhone}>
            <a href={`tel:${identity.contact.phone}`}>{identity.contact.phone}</a>
            {identity.contact.extension ? `（${identity.contact.extension}）` : ''}
          </Row>
          <Row label={t.contactEmail}>
            <a href={`mailto:${identity.contact.email}`}>{identity.contact.email}</a>
          </Row>
        </dl>
      ) : (
        <p>{t.hidden}</p>
      )}
      <p>
        <Link to={`/postings/${p.id}`}>{t.details}</Link>
      </p>
    </section>
  );
}
