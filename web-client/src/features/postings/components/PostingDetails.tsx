import type { ReactNode } from 'react';
import { formatDateTime, formatDayOf } from '../../../lib/era';
import { fill, formatYen, useText } from '../../../lib/i18n';
import type { Labels } from '../../reference/api/reference';
import { codesText, hoursText, periodShort, periodText, placeText, wageText } from '../utils/format';
import { identityOf, isFull, isMasked, type PostingView } from '../utils/views';

const texts = {
  ja: {
    titleSuffix: 'の募集',
    meta: '求人ID {id}・掲載日 {date}',
    closed: 'この募集は終了しました',
    maskedTitle: '一部の情報は非公開です',
    disclosed: 'この募集は非公開項目がありますが、あなたは問い合わせ・応募をしたため、施設名・所在地・連絡先を表示しています。ほかの人には見えていません。',
    maskedBody: 'この募集は医療機関の希望により、施設名・所在地の詳細・連絡先を公開していません。施設名・所在地の詳細・連絡先は問い合わせ・応募後に開示されます。',
    overview: '募集の概要',
    details: '募集の内容',
    wageShort: '給与',
    periodShort: '期間',
    placeShort: '勤務地',
    addressHidden: '施設名・町名番地は非公開',
    workplace: '③ 勤務場所',
    facilityName: '医療機関名',
    postalCode: '郵便番号',
    address: '所在地',
    workplaceName: '具体的な施設名',
    facilityType: '施設の種類',
    occupation: '② 募集職種',
    period: '④ 雇用期間',
    probation: '⑤ 試用期間',
    probationYes: 'あり（{n}週間）',
    none: 'なし',
    duties: '⑥ 業務内容',
    wage: '⑦ 給与（額面）',
    probationWage: '試用期間中の給与',
    hours: '⑧ 勤務時間・休日',
    workingHours: '勤務時間',
    breakTime: '休憩',
    minutes: '{n}分',
    overtime: '時間外勤務',
    yes: 'あり',
    holidays: '休日',
    insurance: '⑨ 加入保険',
    smoking: '⑩ 受動喫煙対策',
    noSmoking: '敷地内禁煙',
    noSmokingNo: '敷地内禁煙ではありません',
    notes: '⑪ 補足事項',
    contact: '⑫ 連絡先',
    person: '担当者',
    contactAddress: '連絡先住所',
    phone: '電話番号',
    extension: '内線',
    applicationPhone: '応募用電話番号',
    email: 'メールアドレス',
    listings: '⑬ 他の機関への求人登録',
    manage: '管理情報（医療機関・管理者のみ表示）',
    gmis: '医療機関ID（G-MIS ID）',
    status: '状態',
    open: '募集中',
    closedStatus: '募集終了',
    masking: '① 公開方法',
    maskingOn: '施設名・所在地の詳細・連絡先を非公開にして公開',
    maskingOff: 'すべて公開',
    published: '掲載日時',
    updated: '更新日時',
  },
  en: {
    titleSuffix: '',
    meta: 'Posting ID {id} · posted {date}',
    closed: 'This posting has closed',
    maskedTitle: 'Some details are not public',
    disclosed: 'This posting withholds some details from the public; they are shown to you because you inquired or applied. Others cannot see them.',
    maskedBody: 'At the facility’s request, its name, detailed address and contact details are not published. They are disclosed after you send an inquiry or an application.',
    overview: 'Overview',
    details: 'Details',
    wageShort: 'Wage',
    periodShort: 'Period',
    placeShort: 'Place',
    addressHidden: 'Facility name and street address withheld',
    workplace: '③ Workplace',
    facilityName: 'Facility name',
    postalCode: 'Postal code',
    address: 'Address',
    workplaceName: 'Specific facility',
    facilityType: 'Type of facility',
    occupation: '② Occupation',
    period: '④ Employment period',
    probation: '⑤ Probation',
    probationYes: 'Yes ({n} weeks)',
    none: 'None',
    duties: '⑥ Duties',
    wage: '⑦ Wage (gross)',
    probationWage: 'Wage during probation',
    hours: '⑧ Hours and holidays',
    workingHours: 'Working hours',
    breakTime: 'Break',
    minutes: '{n} min',
    overtime: 'Overtime',
    yes: 'Yes',
    holidays: 'Holidays',
    insurance: '⑨ Insurance',
    smoking: '⑩ Passive smoking',
    noSmoking: 'No smoking on the premises',
    noSmokingNo: 'Smoking is not banned on the premises',
    notes: '⑪ Notes',
    contact: '⑫ Contact',
    person: 'Person in charge',
    contactAddress: 'Contact address',
    phone: 'Phone',
    extension: 'Extension',
    applicationPhone: 'Phone for applications',
    email: 'E-mail',
    listings: '⑬ Also listed at',
    manage: 'Management (shown to the facility and admins only)',
    gmis: 'Facility ID (G-MIS ID)',
    status: 'Status',
    open: 'Open',
    closedStatus: 'Closed',
    masking: '① Publication',
    maskingOn: 'Published without name, detailed address and contact',
    maskingOff: 'Everything public',
    published: 'Published',
    updated: 'Updated',
  },
};

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything this caller may see of a posting, following the registration form ①–⑬. */
export function PostingDetails({ posting: p, labels, headingLevel = 1 }: { posting: PostingView; labels: Labels; headingLevel?: 1 | 2 }) {
  const t = useText(texts);
  const lang = labels.lang;
  const identity = identityOf(p);
  const full = isFull(p) ? p : null;
  const H = headingLevel === 1 ? 'h1' : 'h2';
  const S = headingLevel === 1 ? 'h2' : 'h3';
  const occupation = labels.occupation(p.occupation);

  return (
    <article className="posting-details" aria-labelledby="posting-title">
      <header className="posting-header">
        <p className="eyebrow">
          {placeText(p, labels)}・{labels.facilityType(p.workplace.facility_type)}
        </p>
        <H id="posting-title">
          {identity && !isMasked(p) ? `${identity.facility_name} — ` : ''}
          {occupation}
          {t.titleSuffix}
        </H>
        <p className="posting-meta">{fill(t.meta, { id: p.id, date: formatDayOf(p.published_at, lang) })}</p>
      </header>

      {p.status === 'closed' && (
        <p className="alert alert-warning" role="status">
          {t.closed}
        </p>
      )}

      {'disclosed' in p && p.disclosed && (
        <p className="alert alert-success" role="status">
          {t.disclosed}
        </p>
      )}

      {isMasked(p) && (
        <aside className="alert alert-info masked-notice" aria-labelledby="masked-title">
          <p className="alert-title" id="masked-title">
            {t.maskedTitle}
          </p>
          <p>{t.maskedBody}</p>
        </aside>
      )}

      <section aria-labelledby="sec-overview" className="card key-facts">
        <S id="sec-overview" className="visually-hidden">
          {t.overview}
        </S>
        <dl>
          <div>
            <dt>{t.wageShort}</dt>
            <dd className="key-wage">{wageText(p, labels)}</dd>
          </div>
          <div>
            <dt>{t.periodShort}</dt>
            <dd>{periodShort(p, lang)}</dd>
          </div>
          <div>
            <dt>{t.workingHours}</dt>
            <dd>{hoursText(p, lang)}</dd>
          </div>
          <div>
            <dt>{t.placeShort}</dt>
            <dd>{placeText(p, labels)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="sec-details" className="card">
        <S id="sec-details">{t.details}</S>
        <dl className="dl">
          <Row label={t.occupation}>{occupation}</Row>
          <Row label={t.workplace}>
            <span className="block">{labels.facilityType(p.workplace.facility_type)}</span>
            {identity && <span className="block">{identity.facility_name}</span>}
            {identity && <span className="block">〒{identity.postal_code.replace(/^(\d{3})(\d{4})$/, '$1-$2')}</span>}
            <span className="block">
              {placeText(p, labels)}
              {identity ? ` ${identity.street_address}` : ''}
            </span>
            {identity && identity.workplace_name && <span className="block">{identity.workplace_name}</span>}
            {!identity && <span className="block muted">{t.addressHidden}</span>}
          </Row>
          <Row label={t.period}>{periodText(p, lang)}</Row>
          <Row label={t.probation}>
            {p.probation_weeks ? fill(t.probationYes, { n: p.probation_weeks }) : t.none}
            {p.wage.probation_amount_yen != null && (
              <span className="block">
                {t.probationWage}: {labels.wageUnit(p.wage.unit)} {formatYen(p.wage.probation_amount_yen, lang)}
              </span>
            )}
          </Row>
          <Row label={t.duties}>{codesText(p.duties, labels.duty, lang)}</Row>
          <Row label={t.wage}>{wageText(p, labels)}</Row>
          <Row label={t.hours}>
            <span className="block">
              {t.workingHours}: {hoursText(p, lang)}（{t.breakTime} {fill(t.minutes, { n: p.hours.break_minutes })}）
            </span>
            <span className="block">
              {t.overtime}: {p.hours.overtime ? t.yes : t.none}
              {p.hours.overtime && p.hours.overtime_detail ? `（${p.hours.overtime_detail}）` : ''}
            </span>
            <span className="block">
              {t.holidays}: {p.hours.holidays || t.none}
            </span>
          </Row>
          <Row label={t.insurance}>{codesText(p.insurance, labels.insurance, lang)}</Row>
          <Row label={t.smoking}>{p.no_smoking_on_premises ? t.noSmoking : t.noSmokingNo}</Row>
          {p.notes && (
            <Row label={t.notes}>
              <span className="pre-wrap">{p.notes}</span>
            </Row>
          )}
          <Row label={t.listings}>{codesText(p.other_listings, labels.otherListing, lang)}</Row>
        </dl>
      </section>

      {identity && (
        <section aria-labelledby="sec-contact" className="card">
          <S id="sec-contact">{t.contact}</S>
          <dl className="dl">
            <Row label={t.person}>{identity.contact.person_name}</Row>
            {identity.contact.address && <Row label={t.contactAddress}>{identity.contact.address}</Row>}
            <Row label={t.phone}>
              <a href={`tel:${identity.contact.phone}`}>{identity.contact.phone}</a>
              {identity.contact.extension ? `（${t.extension} ${identity.contact.extension}）` : ''}
            </Row>
            {identity.contact.application_phone && (
              <Row label={t.applicationPhone}>
                <a href={`tel:${identity.contact.application_phone}`}>{identity.contact.application_phone}</a>
              </Row>
            )}
            <Row label={t.email}>
              <a href={`mailto:${identity.contact.email}`}>{identity.contact.email}</a>
            </Row>
          </dl>
        </section>
      )}

      {full && (
        <section aria-labelledby="sec-manage" className="card card-manage">
          <S id="sec-manage">{t.manage}</S>
          <dl className="dl">
            <Row label={t.gmis}>{full.facility.gmis_id}</Row>
            <Row label={t.status}>{full.status === 'open' ? t.open : t.closedStatus}</Row>
            <Row label={t.masking}>{full.mask_requested ? t.maskingOn : t.maskingOff}</Row>
            <Row label={t.published}>{formatDateTime(full.published_at, lang)}</Row>
            <Row label={t.updated}>{formatDateTime(full.updated_at, lang)}</Row>
          </dl>
        </section>
      )}
    </article>
  );
}
