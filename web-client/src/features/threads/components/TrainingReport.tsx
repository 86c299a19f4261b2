import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { CheckboxGroup, TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { formatDate, formatDateTime } from '../../../lib/era';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { type TrainingItem, type TrainingMaterial, useTrainingItems, useTrainingMaterials } from '../../training/api/training';
import { formToReport, initialReportForm, materialsFor, type ReportForm, type ReportProblem } from '../../training/utils/reportForm';
import { useReportTraining } from '../api/threads';
import { todayInJapan } from '../utils/interviewTime';
import type { ThreadDetail, TrainingReport } from '../utils/types';

const texts = {
  ja: {
    title: '研修修了の報告',
    lead: 'この募集で採用した方には、研修を受講していただくことが条件です。感染管理（講義・実技実習）と医療安全（講義）は必須で、あわせて2時間程度が目安です。修了したら、ここから報告してください。',
    catalogue: '研修教材の一覧',
    loading: '研修の項目を読み込んでいます…',
    completedOn: '修了日',
    items: '受講した研修',
    itemsHint: '必須の3項目はあらかじめ選んであります。',
    required: '（必須）',
    otherItems: 'その他の研修の内容',
    otherItemsHint: '例: 採血・体位交換の実技',
    hours: '研修時間の合計',
    hoursHint: '時間単位で（例: 2、1.5、90分）',
    materials: '使った教材',
    materialsHint: 'この職種向けと全職種向けの教材です。使わなかった場合は選ばなくて構いません。',
    otherMaterials: 'ほかの職種向けの教材',
    video: '動画',
    document: '文書',
    submit: '研修の修了を報告する',
    busy: '報告しています…',
    failed: '報告できませんでした',
    date: '日付として読み取れません（例: 令和8年12月10日、2026-12-10）。',
    future: '修了日に、これからの日付は入力できません。',
    required_items: '必須の研修（感染管理の講義・実技実習、医療安全の講義）をすべて受講してから報告してください。',
    other_items: '「その他」の研修の内容を入力してください。',
    hoursProblem: '0より大きい時間を入力してください（例: 2）。',
    reported: '研修の修了が報告されています',
    reportedAt: '報告日時',
    hoursN: '{n}時間',
    noneMaterials: 'なし',
  },
  en: {
    title: 'Training completion report',
    lead: 'People hired through this posting must complete training. Infection control (lecture and practice) and medical safety (lecture) are required, about two hours in all. Report here once it is done.',
    catalogue: 'Training materials',
    loading: 'Loading the training items…',
    completedOn: 'Completed on',
    items: 'Training completed',
    itemsHint: 'The three required items are ticked already.',
    required: ' (required)',
    otherItems: 'What the other training was',
    otherItemsHint: 'e.g. practice in blood sampling and repositioning patients',
    hours: 'Total hours',
    hoursHint: 'In hours (e.g. 2, 1.5 or 90分)',
    materials: 'Materials used',
    materialsHint: 'Materials for this occupation and for everyone. Leave empty if you used none.',
    otherMaterials: 'Materials for other occupations',
    video: 'Video',
    document: 'Document',
    submit: 'Report training completed',
    busy: 'Reporting…',
    failed: 'Could not report',
    date: 'Not a date we can read (e.g. 2026-12-10 or 令和8年12月10日).',
    future: 'The completion date cannot be in the future.',
    required_items: 'All required items (infection control lecture and practice, medical safety lecture) must be completed before reporting.',
    other_items: 'Say what the other training was.',
    hoursProblem: 'Enter more than zero hours (e.g. 2).',
    reported: 'Training completion reported',
    reportedAt: 'Reported',
    hoursN: '{n} h',
    noneMaterials: 'None',
  },
};

function materialOption(m: TrainingMaterial, t: Record<'video' | 'document', string>) {
  return {
    value: m.code,
    label: (
      <>
        {m.title_ja}
        <span className="muted">
          {' '}
          — {m.publisher_ja}（{m.kind === 'video' ? t.video : t.document}）
        </span>
      </>
    ),
  };
}

/** A submitted report, as both sides see it. */
export function TrainingReportView({ report }: { report: TrainingReport }) {
  const t = useText(texts);
  const lang = useLang();
  const items = useTrainingItems().data ?? [];
  const materials = useTrainingMaterials().data ?? [];
  const itemName = (code: string) => labelOf(items.find((i) => i.code === code), lang, code);
  const materialName = (code: string) => materials.find((m) => m.code === code)?.title_ja ?? code;
  return (
    <section className="card" aria-labelledby="training-title">
      <h2 id="training-title">{t.reported}</h2>
      <dl className="dl">
        <div className="dl-row">
          <dt>{t.completedOn}</dt>
          <dd>{formatDate(report.completed_on, lang)}</dd>
        </div>
        <div className="dl-row">
          <dt>{t.items}</dt>
          <dd>
            <ul className="plain-list">
              {report.items.map((c) => (
                <li key={c}>
                  {itemName(c)}
                  {c === 'other' && report.other_items ? `（${report.other_items}）` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t.hours}</dt>
          <dd>{fill(t.hoursN, { n: report.hours })}</dd>
        </div>
        <div className="dl-row">
          <dt>{t.materials}</dt>
          <dd>
            {report.materials.length === 0 ? (
              t.noneMaterials
            ) : (
              <ul className="plain-list">
                {report.materials.map((c) => (
                  <li key={c}>{materialName(c)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="dl-row">
          <dt>{t.reportedAt}</dt>
          <dd>{formatDateTime(report.reported_at, lang)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The facility's report that a hire completed the required training. */
export function TrainingReportForm({ thread }: { thread: ThreadDetail }) {
  const t = useText(texts);
  const items = useTrainingItems();
  const materials = useTrainingMaterials();
  return (
    <section className="card form-card" aria-labelledby="training-title">
      <h2 id="training-title">{t.title}</h2>
      <p>
        {t.lead} <Link to="/training-materials">{t.catalogue}</Link>
      </p>
      {(items.isPending || materials.isPending) && <Loading label={t.loading} />}
      {items.isError && <ErrorAlert error={items.error} />}
      {materials.isError && <ErrorAlert error={materials.error} />}
      {items.data && materials.data && <ReportFields thread={thread} items={items.data} catalogue={materials.data} />}
    </section>
  );
}

function ReportFields({ thread, items, catalogue }: { thread: ThreadDetail; items: TrainingItem[]; catalogue: TrainingMaterial[] }) {
  const t = useText(texts);
  const lang = useLang();
  const report = useReportTraining(thread.id);
  const [form, setForm] = useState<ReportForm>(() => initialReportForm(items));
  const [local, setLocal] = useState<Record<string, ReportProblem>>({});
  const [round, setRound] = useState(0);
  const { suited, others } = materialsFor(thread.posting.occupation, catalogue);
  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const server = report.error instanceof ApiError ? groupFieldErrors(report.error.fields) : {};
  const errors: Record<string, string[]> = { ...server };
  for (const [path, problem] of Object.entries(local)) errors[path] = [problem === 'hours' ? t.hoursProblem : t[problem]];
  const labels = { completed_on: t.completedOn, items: t.items, other_items: t.otherItems, hours: t.hours, materials: t.materials };

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = formToReport(form, items, todayInJapan());
    if (!result.ok) {
      setLocal(result.problems);
      report.reset();
      setRound((r) => r + 1);
      return;
    }
    setLocal({});
    report.mutate(result.body, { onError: () => setRound((r) => r + 1) });
  }

  const otherChosen = others.filter((m) => form.materials.includes(m.code)).length;
  return (
    <form onSubmit={submit} noValidate aria-busy={report.isPending || undefined}>
      <ErrorSummary errors={errors} labels={labels} round={round} />
      {report.isError && Object.keys(server).length === 0 && <ErrorAlert error={report.error} title={t.failed} />}
      <DateField path="completed_on" label={t.completedOn} value={form.completed_on} onChange={(v) => set('completed_on', v)} errors={errors.completed_on} required />
      <CheckboxGroup
        path="items"
        legend={t.items}
        hint={t.itemsHint}
        required
        options={items.map((i) => ({ value: i.code, label: `${labelOf(i, lang)}${i.required ? t.required : ''}` }))}
        value={form.items}
        onChange={(v) => set('items', v)}
        errors={errors.items}
      />
      {form.items.includes('other') && (
        <TextField path="other_items" label={t.otherItems} hint={t.otherItemsHint} value={form.other_items} onChange={(v) => set('other_items', v)} errors={errors.other_items} required />
      )}
      <TextField path="hours" label={t.hours} hint={t.hoursHint} value={form.hours} onChange={(v) => set('hours', v)} errors={errors.hours} required width="short" inputMode="decimal" />
      <CheckboxGroup
        path="materials"
        legend={t.materials}
        hint={t.materialsHint}
        options={suited.map((m) => materialOption(m, t))}
        value={form.materials}
        onChange={(v) => set('materials', v)}
        errors={errors.materials}
      />
      {others.length > 0 && (
        <details className="more-materials" open={otherChosen > 0 || undefined}>
          <summary>{t.otherMaterials}</summary>
          <CheckboxGroup
            path="materials_other"
            legend={t.otherMaterials}
            options={others.map((m) => materialOption(m, t))}
            value={form.materials}
            onChange={(v) => set('materials', v)}
          />
        </details>
      )}
      <div className="form-actions">
        <Button type="submit" busy={report.isPending} busyLabel={t.busy}>
          {t.submit}
        </Button>
      </div>
    </form>
  );
}
