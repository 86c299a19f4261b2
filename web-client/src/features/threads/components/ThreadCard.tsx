import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/era';
import { fill, useText } from '../../../lib/i18n';
import type { Labels } from '../../reference/api/reference';
import { awaitingText, kindLabel } from '../utils/stages';
import type { ThreadSummary } from '../utils/types';
import { StageBadge } from './StageBadge';

const texts = {
  ja: {
    last: '最終メッセージ',
    jobseeker: '求職者',
    facility: '医療機関',
    system: 'お知らせ',
    you: 'あなた',
    deleted: '退会した求職者',
    hidden: '施設名は問い合わせ後に表示',
    referred: '紹介：{org}',
    unread: '未読',
  },
  en: {
    last: 'Last message',
    jobseeker: 'jobseeker',
    facility: 'facility',
    system: 'notice',
    you: 'you',
    deleted: 'Deleted account',
    hidden: 'Facility name withheld',
    referred: 'Referred by {org}',
    unread: 'Unread',
  },
};

/** One thread in a list: who and which posting, its stage, whose turn it is. */
export function ThreadCard({ thread: s, viewer, labels }: { thread: ThreadSummary; viewer: 'jobseeker' | 'facility'; labels: Labels }) {
  const t = useText(texts);
  const lang = labels.lang;
  const place = lang === 'en' ? `${s.posting.municipality}, ${s.posting.prefecture_name}` : `${s.posting.prefecture_name}${s.posting.municipality}`;
  const posting = `${labels.occupation(s.posting.occupation)} — ${place}`;
  const title = viewer === 'facility' ? (s.jobseeker_name ?? t.deleted) : (s.posting.facility_name ?? t.hidden);
  const waiting = awaitingText(s, viewer, lang);
  const lastBy = s.last_message_by === viewer ? t.you : t[s.last_message_by];
  return (
    <li className={`thread-card card${s.awaiting === viewer ? ' thread-card-turn' : ''}`}>
      <div className="thread-card-head">
        <h3>
          <Link to={`/threads/${s.id}`}>
            {title}
            <span className="visually-hidden">（{kindLabel(s.kind, lang)}）</span>
          </Link>
        </h3>
        {s.unread && <span className="badge badge-unread">{t.unread}</span>}
        <span className="badge">{kindLabel(s.kind, lang)}</span>
        {s.referred_by && <span className="badge badge-referred">{fill(t.referred, { org: s.referred_by })}</span>}
        <StageBadge stage={s.stage} />
      </div>
      <p className="thread-card-posting">{posting}</p>
      <p className="thread-card-meta">
        {waiting && <strong className={s.awaiting === viewer ? 'turn' : 'muted'}>{waiting}</strong>}
        <span className="muted">
          {t.last}: {formatDateTime(s.last_message_at, lang)}（{lastBy}）
        </span>
      </p>
    </li>
  );
}
