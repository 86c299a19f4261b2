import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { fill, useText } from '../../../lib/i18n';
import type { Labels } from '../../reference/api/reference';
import { codesText, hoursText, periodShort, placeText, wageText } from '../utils/format';
import { identityOf, isMasked, type PostingView } from '../utils/views';

const texts = {
  ja: { masked: '施設名など非公開', wage: '給与', period: '期間', hours: '時間', duties: '業務', distance: '約{km}km（市区町村の中心から）', sameTown: '同じ市区町村' },
  en: { masked: 'Name withheld', wage: 'Wage', period: 'Period', hours: 'Hours', duties: 'Duties', distance: 'About {km} km (between municipalities)', sameTown: 'Same municipality' },
};

/**
 * A posting in a result list; the whole title is the link to its page. `distanceKm`: from the place searched around to the posting's municipality (never its address).
 */
export function PostingCard({ posting: p, labels, from, actions, distanceKm }: { posting: PostingView; labels: Labels; from?: string; actions?: ReactNode; distanceKm?: number | undefined }) {
  const t = useText(texts);
  const identity = identityOf(p);
  const lang = labels.lang;
  return (
    <li className="posting-card">
      <h3 className="posting-card-title">
        <Link to={`/postings/${p.id}`} state={from ? { from } : undefined}>
          <span className="occupation">{labels.occupation(p.occupation)}</span>
          <span className="place">
            {placeText(p, labels)}・{labels.facilityType(p.workplace.facility_type)}
          </span>
        </Link>
      </h3>
      {distanceKm !== undefined && <p className="distance">{distanceKm < 1 ? t.sameTown : fill(t.distance, { km: distanceKm })}</p>}
      {identity && <p className="facility-name">{identity.facility_name}</p>}
      {isMasked(p) && <p className="badge">{t.masked}</p>}
      <dl className="facts">
        <div>
          <dt>{t.wage}</dt>
          <dd className="wage">{wageText(p, labels)}</dd>
        </div>
        <div className="wide">
          <dt>{t.period}</dt>
          <dd>{periodShort(p, lang)}</dd>
        </div>
        <div>
          <dt>{t.hours}</dt>
          <dd>{hoursText(p, lang)}</dd>
        </div>
        <div className="wide">
          <dt>{t.duties}</dt>
          <dd>{codesText(p.duties, labels.duty, lang)}</dd>
        </div>
      </dl>
      {actions}
    </li>
  );
}
