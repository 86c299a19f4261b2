// Where to ask in person: the reception desks of a prefecture, as a list (on a posting's
// page) and as a page with a prefecture picker (「相談窓口」).

import { useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { usePrefectures } from '../../reference/api/reference';
import { useDesks } from '../api/desks';

const texts = {
  ja: {
    title: '相談窓口',
    lead: '都道府県が設けている、医療の仕事について直接相談できる窓口です。求人の紹介や、応募の前の相談ができます。',
    prefecture: '都道府県',
    all: 'すべての都道府県',
    loading: '読み込んでいます…',
    empty: 'この都道府県の相談窓口は、まだ登録されていません。',
    emptyAll: '相談窓口は、まだ登録されていません。',
    phone: '電話',
    hours: '受付時間',
    address: '所在地',
    site: '窓口のページ',
    opens: '（外部サイト）',
    near: '{pref}の相談窓口',
  },
  en: {
    title: 'Help desks',
    lead: 'Desks run by prefectures where you can talk about medical work in person: introductions to postings and advice before you apply.',
    prefecture: 'Prefecture',
    all: 'All prefectures',
    loading: 'Loading…',
    empty: 'No help desk is registered for this prefecture yet.',
    emptyAll: 'No help desks are registered yet.',
    phone: 'Phone',
    hours: 'Hours',
    address: 'Address',
    site: 'Desk’s page',
    opens: ' (external site)',
    near: 'Help desks in {pref}',
  },
};

function DeskList({ prefecture, emptyText, level }: { prefecture: string | null; emptyText: string; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const t = useText(texts);
  const desks = useDesks(prefecture);
  if (desks.isPending) return <Loading label={t.loading} />;
  if (desks.isError) return <ErrorAlert error={desks.error} />;
  if (desks.data.items.length === 0) return <p role="status">{emptyText}</p>;
  return (
    <ul className="desk-list">
      {desks.data.items.map((d) => (
        <li key={d.id} className="card">
          <Heading className="desk-name">{d.name}</Heading>
          <dl className="desk-facts">
            <dt>{t.phone}</dt>
            <dd>
              <a href={`tel:${d.phone.replace(/[^0-9+]/g, '')}`}>{d.phone}</a>
            </dd>
            <dt>{t.hours}</dt>
            <dd>{d.hours}</dd>
            <dt>{t.address}</dt>
            <dd>
              {d.prefecture_name}
              {d.address.startsWith(d.prefecture_name) ? d.address.slice(d.prefecture_name.length) : d.address}
            </dd>
          </dl>
          {d.url && (
            <p>
              <a href={d.url} rel="noopener noreferrer" target="_blank">
                {t.site}
                <span className="visually-hidden">{t.opens}</span>
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The desks of a posting's prefecture, shown on its page. */
export function PrefectureDesks({ prefectureCode, prefectureName }: { prefectureCode: string; prefectureName: string }) {
  const t = useText(texts);
  const desks = useDesks(prefectureCode);
  // Nothing to add to the page where the prefecture has no desk.
  if (!desks.data || desks.data.items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="desks-near">
      <h2 id="desks-near">{fill(t.near, { pref: prefectureName })}</h2>
      <DeskList prefecture={prefectureCode} emptyText={t.empty} level={3} />
    </section>
  );
}

/** 「相談窓口」: every desk, or one prefecture's (`?prefecture=NN`). */
export function DesksPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.title);
  const prefectures = usePrefectures();
  const [params, setParams] = useSearchParams();
  const prefecture = params.get('prefecture');
  const valid = prefecture && /^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(prefecture) ? prefecture : null;
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <SelectField
        path="desk_prefecture"
        label={t.prefecture}
        value={valid ?? ''}
        onChange={(v) => setParams(v ? { prefecture: v } : {}, { replace: true })}
      >
        <option value="">{t.all}</option>
        {prefectures.map((p) => (
          <option key={p.code} value={p.code}>
            {labelOf(p, lang)}
          </option>
        ))}
      </SelectField>
      <DeskList prefecture={valid} emptyText={valid ? t.empty : t.emptyAll} level={2} />
    </div>
  );
}
