import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { labelOf, useLang, useText } from '../../../lib/i18n';
import { useLabels } from '../../reference/api/reference';
import { type TrainingMaterial, useTrainingItems, useTrainingMaterials } from '../api/training';

const texts = {
  ja: {
    title: '研修教材',
    lead: 'この取組で採用された方は、勤務の前またはすぐ後に研修を受講します。採用した医療機関・保健所等は、受講が完了したことを報告します。',
    contents: '研修の内容',
    contentsBody: '感染管理の講義・実技実習、医療安全の講義は必須で、少なくとも2時間程度の内容が望ましいとされています。そのほか、就職先の業務内容、本人の経験や離職期間に応じて、必要な研修を受講します。研修は採用する医療機関等で行うほか、外部の研修も活用できます。',
    items: '研修の項目',
    required: '必須',
    loading: '読み込んでいます…',
    materials: '活用できる教材の例',
    documents: '文書',
    videos: '動画',
    all: '全職種向け',
    radiological_technologist: '診療放射線技師向け',
    clinical_engineer: '臨床工学技士向け',
    clinical_laboratory_technologist: '臨床検査技師向け',
    opens: '（外部サイト）',
    source: '出典: 厚生労働省「緊急医療人材等確保促進プラン」（令和2年5月27日）別添1「(7) 採用者に対する研修について」',
  },
  en: {
    title: 'Training materials',
    lead: 'People hired through this service take training before or soon after they start. The hiring facility reports when it is done.',
    contents: 'What the training covers',
    contentsBody:
      'Infection control (lecture and practice) and medical safety (lecture) are required, preferably about two hours in all. Further training depends on the job, the person’s experience and time away from practice. Facilities may run it themselves or use outside courses.',
    items: 'Training items',
    required: 'Required',
    loading: 'Loading…',
    materials: 'Recommended materials (in Japanese)',
    documents: 'Documents',
    videos: 'Videos',
    all: 'For all occupations',
    radiological_technologist: 'For radiological technologists',
    clinical_engineer: 'For clinical engineers',
    clinical_laboratory_technologist: 'For clinical laboratory technologists',
    opens: ' (external site)',
    source: 'Source: MHLW emergency medical-staffing plan notice of 27 May 2020, annex 1, “(7) Training for hires”.',
  },
};

type AudienceKey = 'all' | 'radiological_technologist' | 'clinical_engineer' | 'clinical_laboratory_technologist';
const AUDIENCES: readonly AudienceKey[] = ['all', 'radiological_technologist', 'clinical_engineer', 'clinical_laboratory_technologist'];

function MaterialList({ materials }: { materials: TrainingMaterial[] }) {
  const t = useText(texts);
  const labels = useLabels();
  const groups = new Map<string, TrainingMaterial[]>();
  for (const m of materials) groups.set(m.audience, [...(groups.get(m.audience) ?? []), m]);
  const ordered = [...groups.keys()].sort((a, b) => {
    const ia = AUDIENCES.indexOf(a as AudienceKey);
    const ib = AUDIENCES.indexOf(b as AudienceKey);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  return (
    <>
      {ordered.map((audience) => (
        <div key={audience} className="material-group">
          <h4>{(AUDIENCES as readonly string[]).includes(audience) ? t[audience as AudienceKey] : labels.occupation(audience)}</h4>
          <ul className="materials">
            {groups.get(audience)?.map((m) => (
              <li key={m.code}>
                <a href={m.url} target="_blank" rel="noopener noreferrer" lang="ja">
                  {m.title_ja}
                  <span className="visually-hidden">{t.opens}</span>
                </a>
                <span className="block muted" lang="ja">
                  {m.publisher_ja}
                  {m.note_ja ? `　${m.note_ja}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** The public page of the training the notice asks of every hire, and its recommended materials. */
export function TrainingMaterialsPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.title);
  const items = useTrainingItems();
  const materials = useTrainingMaterials();
  const documents = materials.data?.filter((m) => m.kind === 'document') ?? [];
  const videos = materials.data?.filter((m) => m.kind === 'video') ?? [];
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      <section className="card" aria-labelledby="tm-contents">
        <h2 id="tm-contents">{t.contents}</h2>
        <p>{t.contentsBody}</p>
        <h3>{t.items}</h3>
        {items.isPending && <Loading label={t.loading} />}
        {items.isError && <ErrorAlert error={items.error} />}
        {items.data && (
          <ul className="plain-list training-items">
            {items.data.map((i) => (
              <li key={i.code}>
                {labelOf(i, lang)}
                {i.required && <span className="required">{t.required}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="tm-materials">
        <h2 id="tm-materials">{t.materials}</h2>
        {materials.isPending && <Loading label={t.loading} />}
        {materials.isError && <ErrorAlert error={materials.error} />}
        {documents.length > 0 && (
          <>
            <h3>{t.documents}</h3>
            <MaterialList materials={documents} />
          </>
        )}
        {videos.length > 0 && (
          <>
            <h3>{t.videos}</h3>
            <MaterialList materials={videos} />
          </>
        )}
      </section>
      <p className="hint">{t.source}</p>
    </div>
  );
}
