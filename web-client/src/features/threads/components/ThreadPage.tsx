import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../api/session';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDateTime } from '../../../lib/era';
import { fill, useText } from '../../../lib/i18n';
import { identityOf } from '../../postings/utils/views';
import { type Labels, useLabels } from '../../reference/api/reference';
import { useMarkRead, useThread } from '../api/threads';
import { canDecide, canReply, canScheduleInterview, kindLabel } from '../utils/stages';
import type { ThreadDetail } from '../utils/types';
import { DecisionForm, ResultBanner } from './Decision';
import { ApplyFromThread, WithdrawThread } from './Guides';
import { InterviewList, InterviewScheduler } from './Interviews';
import { MessageList, ReplyForm } from './Messages';
import { ApplicantCard, PostingContactCard } from './People';
import { Progress } from './Progress';
import { StageBadge } from './StageBadge';
import { TrainingReportForm, TrainingReportView } from './TrainingReport';

const texts = {
  ja: {
    title: 'やりとり',
    referred: '紹介：{org}',
    loading: 'やりとりを読み込んでいます…',
    notFound: 'このやりとりは見つかりませんでした',
    backInbox: '受信箱に戻る',
    backMine: 'やりとりの一覧に戻る',
    fromJobseeker: '{name}さんからの{kind}',
    toFacility: '{facility}への{kind}',
    deleted: '退会した求職者',
    facilityHidden: '医療機関',
    started: '開始: {at}',
    interviews: 'オンライン面接',
    noInterviews: 'まだ面接の予定はありません。',
    messages: 'メッセージ',
    facility: '医療機関',
  },
  en: {
    referred: 'Referred by {org}',
    title: 'Conversation',
    loading: 'Loading the conversation…',
    notFound: 'This conversation was not found',
    backInbox: 'Back to the inbox',
    backMine: 'Back to your messages',
    fromJobseeker: '{kind} from {name}',
    toFacility: '{kind} to {facility}',
    deleted: 'a deleted account',
    facilityHidden: 'the facility',
    started: 'Started {at}',
    interviews: 'Online interviews',
    noInterviews: 'No interview scheduled yet.',
    messages: 'Messages',
    facility: 'Facility',
  },
};

type Viewer = 'jobseeker' | 'facility';

/** `○○さんからの応募` for the facility, `○○病院への問い合わせ` for the jobseeker. */
function headingOf(thread: ThreadDetail, viewer: Viewer, labels: Labels, t: Record<keyof (typeof texts)['ja'], string>): string {
  const kind = kindLabel(thread.kind, labels.lang);
  return viewer === 'facility'
    ? fill(t.fromJobseeker, { name: thread.jobseeker?.name ?? t.deleted, kind })
    : fill(t.toFacility, { facility: identityOf(thread.posting)?.facility_name ?? t.facilityHidden, kind });
}

export function ThreadPage() {
  const t = useText(texts);
  const labels = useLabels();
  const { id } = useParams();
  const thread = useThread(Number(id));
  const viewer: Viewer = useSession()?.role === 'facility' ? 'facility' : 'jobseeker';
  usePageTitle(thread.data ? headingOf(thread.data, viewer, labels, t) : t.title);
  return (
    <div className="page page-narrow">
      <p className="back-link">
        <Link to="/threads">← {viewer === 'facility' ? t.backInbox : t.backMine}</Link>
      </p>
      {thread.isPending && <Loading label={t.loading} />}
      {thread.isError && (
        <>
          <h1>{t.notFound}</h1>
          <ErrorAlert error={thread.error} />
        </>
      )}
      {thread.data && <ThreadView thread={thread.data} viewer={viewer} labels={labels} />}
    </div>
  );
}

function ThreadView({ thread, viewer, labels }: { thread: ThreadDetail; viewer: Viewer; labels: Labels }) {
  const t = useText(texts);
  const lang = labels.lang;
  const p = thread.posting;
  const facilityName = identityOf(p)?.facility_name ?? t.facilityHidden;
  const jobseekerName = thread.jobseeker?.name ?? t.deleted;
  const heading = headingOf(thread, viewer, labels, t);
  const place = lang === 'en' ? `${p.workplace.municipality}, ${labels.prefecture(p.workplace.prefecture_code)}` : `${p.workplace.prefecture_name}${p.workplace.municipality}`;
  const postingLine = `${labels.occupation(p.occupation)} — ${place}`;
  const moreHref = `/?occupation=${encodeURIComponent(p.occupation)}&prefecture=${encodeURIComponent(p.workplace.prefecture_code)}`;
  const facilitySide = viewer === 'facility';
  // Opening the thread (and each new message while it is open) marks it read.
  const { mark } = useMarkRead(thread.id, true);
  const seen = `${thread.id}:${thread.messages.length}`;
  useEffect(() => {
    mark();
  }, [seen]);

  return (
    <article aria-labelledby="thread-title">
      <header className="thread-header">
        <p className="eyebrow">{postingLine}</p>
        <h1 id="thread-title">{heading}</h1>
        <p className="thread-badges">
          <StageBadge stage={thread.stage} />
          {thread.referred_by && <span className="badge badge-referred">{fill(t.referred, { org: thread.referred_by })}</span>}
          <span className="muted">{fill(t.started, { at: formatDateTime(thread.created_at, lang) })}</span>
        </p>
      </header>

      <ResultBanner thread={thread} viewer={viewer} moreHref={moreHref} />

      {facilitySide && <ApplicantCard thread={thread} labels={labels} />}
      {facilitySide && thread.stage !== 'withdrawn' && <Progress thread={thread} canMove />}

      {(thread.interviews.length > 0 || (facilitySide && canScheduleInterview(thread))) && (
        <section aria-labelledby="interviews-title" className="thread-section">
          <h2 id="interviews-title">{t.interviews}</h2>
          {thread.interviews.length === 0 ? (
            <p>{t.noInterviews}</p>
          ) : (
            <InterviewList interviews={thread.interviews} threadId={thread.id} facility={facilitySide} open={canDecide(thread)} title={`${heading}（${postingLine}）`} />
          )}
          {facilitySide && canScheduleInterview(thread) && <InterviewScheduler threadId={thread.id} />}
        </section>
      )}

      <section aria-labelledby="messages-title" className="thread-section">
        <h2 id="messages-title">{t.messages}</h2>
        <MessageList messages={thread.messages} viewer={viewer} otherName={facilitySide ? jobseekerName : facilityName} />
        <ReplyForm threadId={thread.id} open={canReply(thread)} />
      </section>

      {facilitySide && canDecide(thread) && <DecisionForm thread={thread} jobseekerName={jobseekerName} />}

      {thread.training_report ? (
        <TrainingReportView report={thread.training_report} />
      ) : (
        facilitySide && thread.stage === 'hired' && <TrainingReportForm thread={thread} />
      )}

      {!facilitySide && <ApplyFromThread thread={thread} />}
      {!facilitySide && <PostingContactCard thread={thread} labels={labels} />}
      {!facilitySide && <WithdrawThread thread={thread} />}
    </article>
  );
}
