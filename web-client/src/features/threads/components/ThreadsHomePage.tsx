import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../api/session';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { useLabels } from '../../reference/api/reference';
import { useBoxCounts, useThreads } from '../api/threads';
import { BOXES, boxHint, boxLabel, isBox } from '../utils/stages';
import { ThreadCard } from './ThreadCard';

const texts = {
  ja: {
    inbox: '受信箱',
    inboxLead: 'すべての募集への問い合わせ・応募が、ここに届きます。',
    tabs: '表示する問い合わせ・応募',
    mine: 'やりとり',
    mineLead: 'あなたが問い合わせ・応募した募集と、医療機関とのメッセージです。',
    loading: '読み込んでいます…',
    count: '{n}件',
    emptyBox: 'ここに表示するものはありません。',
    emptyMine: 'まだ問い合わせ・応募をしていません。気になる募集のページから「問い合わせる」「応募する」を選んでください。',
    search: '募集をさがす',
    profile: 'プロフィールを確認する',
    profileHint: '問い合わせ・応募すると、プロフィールが医療機関に伝わります。',
  },
  en: {
    inbox: 'Inbox',
    inboxLead: 'Inquiries and applications to all your postings arrive here.',
    tabs: 'Show',
    mine: 'Your messages',
    mineLead: 'The postings you inquired about or applied to, and your messages with the facilities.',
    loading: 'Loading…',
    count: '{n}',
    emptyBox: 'Nothing here.',
    emptyMine: 'You have not inquired or applied yet. Open a posting and choose “Inquire” or “Apply”.',
    search: 'Find postings',
    profile: 'Check your profile',
    profileHint: 'Facilities you contact see your profile.',
  },
};

/** `/threads`: a facility's inbox (four boxes), or a jobseeker's own threads. */
export function ThreadsHomePage() {
  const session = useSession();
  return session?.role === 'facility' ? <Inbox /> : <MyThreads />;
}

function Inbox() {
  const t = useText(texts);
  usePageTitle(t.inbox);
  const labels = useLabels();
  const [params] = useSearchParams();
  const param = params.get('box');
  const box = isBox(param) ? param : 'new';
  const threads = useThreads(box);
  const counts = useBoxCounts(true);
  return (
    <div className="page">
      <h1>{t.inbox}</h1>
      <p className="lead">{t.inboxLead}</p>
      <nav className="tabs" aria-label={t.tabs}>
        <ul>
          {BOXES.map((b) => (
            <li key={b}>
              <Link to={`/threads?box=${b}`} aria-current={b === box ? 'page' : undefined}>
                {boxLabel(b, labels.lang)}
                {counts[b] !== undefined && <span className="count-pill">{counts[b]}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="box-title" aria-busy={threads.isFetching || undefined}>
        <h2 id="box-title">{boxLabel(box, labels.lang)}</h2>
        <p className="hint">{boxHint(box, labels.lang)}</p>
        {threads.isPending && <Loading label={t.loading} />}
        {threads.isError && <ErrorAlert error={threads.error} />}
        {threads.data && (
          <>
            <p className="results-count" role="status">
              {threads.data.items.length === 0 ? t.emptyBox : fill(t.count, { n: threads.data.items.length })}
            </p>
            <ul className="thread-list">
              {threads.data.items.map((s) => (
                <ThreadCard key={s.id} thread={s} viewer="facility" labels={labels} />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function MyThreads() {
  const t = useText(texts);
  usePageTitle(t.mine);
  const labels = useLabels();
  const threads = useThreads();
  return (
    <div className="page page-narrow">
      <h1>{t.mine}</h1>
      <p className="lead">{t.mineLead}</p>
      <p className="hint">
        {t.profileHint} <Link to="/profile">{t.profile}</Link>
      </p>
      <section aria-labelledby="mine-title" aria-busy={threads.isFetching || undefined}>
        <h2 id="mine-title" className="visually-hidden">
          {t.mine}
        </h2>
        {threads.isPending && <Loading label={t.loading} />}
        {threads.isError && <ErrorAlert error={threads.error} />}
        {threads.data && threads.data.items.length === 0 && (
          <>
            <p role="status">{t.emptyMine}</p>
            <p>
              <Link className="btn btn-primary" to="/">
                {t.search}
              </Link>
            </p>
          </>
        )}
        {threads.data && threads.data.items.length > 0 && (
          <ul className="thread-list">
            {threads.data.items.map((s) => (
              <ThreadCard key={s.id} thread={s} viewer="jobseeker" labels={labels} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
