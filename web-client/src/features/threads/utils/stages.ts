// What a thread's kind, stage and inbox box are called, and what may happen next.

import type { Lang } from '../../../lib/i18n';
import type { Box, Stage, ThreadDetail, ThreadKind, ThreadSummary } from './types';

export const BOXES: readonly Box[] = ['new', 'awaiting_reply', 'in_progress', 'decided'];

const BOX_LABELS: Record<Box, { ja: string; en: string }> = {
  new: { ja: '新着', en: 'New' },
  awaiting_reply: { ja: '返信待ち', en: 'Awaiting our reply' },
  in_progress: { ja: '選考中', en: 'In progress' },
  decided: { ja: '結果通知済み', en: 'Decided' },
};

const BOX_HINTS: Record<Box, { ja: string; en: string }> = {
  new: { ja: 'まだ一度も返信していない問い合わせ・応募です。', en: 'Inquiries and applications you have not answered yet.' },
  awaiting_reply: { ja: '求職者から新しいメッセージが届いています。', en: 'The jobseeker wrote last and waits for your answer.' },
  in_progress: { ja: '書類選考・面接など、選考を進めているものです。', en: 'Screening and interviews under way.' },
  decided: { ja: '採用・不採用を通知したもの、募集終了で締め切られたものです。', en: 'Hired, not hired, or closed with the posting.' },
};

export function isBox(value: string | null): value is Box {
  return (BOXES as readonly string[]).includes(value ?? '');
}

export function boxLabel(box: Box, lang: Lang): string {
  return BOX_LABELS[box][lang];
}

export function boxHint(box: Box, lang: Lang): string {
  return BOX_HINTS[box][lang];
}

const KIND_LABELS: Record<ThreadKind, { ja: string; en: string }> = {
  inquiry: { ja: '問い合わせ', en: 'Inquiry' },
  application: { ja: '応募', en: 'Application' },
};

export function kindLabel(kind: ThreadKind, lang: Lang): string {
  return KIND_LABELS[kind][lang];
}

const STAGE_LABELS: Record<Stage, { ja: string; en: string }> = {
  inquiry: { ja: '問い合わせ中', en: 'Inquiry' },
  applied: { ja: '応募済み', en: 'Applied' },
  screening: { ja: '書類選考中', en: 'Screening' },
  interview: { ja: '面接', en: 'Interview' },
  hired: { ja: '採用', en: 'Hired' },
  not_hired: { ja: '不採用', en: 'Not hired' },
  posting_closed: { ja: '募集終了', en: 'Posting closed' },
  withdrawn: { ja: '取り下げ', en: 'Withdrawn' },
};

export function stageLabel(stage: Stage, lang: Lang): string {
  return STAGE_LABELS[stage][lang];
}

/** The colour family of a stage badge: under way, good news, the end without a hire. */
export function stageTone(stage: Stage): 'active' | 'success' | 'ended' {
  if (stage === 'hired') return 'success';
  if (stage === 'not_hired' || stage === 'posting_closed' || stage === 'withdrawn') return 'ended';
  return 'active';
}

/** Whether nothing more will be decided in this thread. */
export function isSettled(stage: Stage): boolean {
  return stage === 'hired' || stage === 'not_hired' || stage === 'posting_closed' || stage === 'withdrawn';
}

/** The steps of an application, in order, for the progress list. */
export const STEPS = ['applied', 'screening', 'interview', 'decision'] as const;
export type Step = (typeof STEPS)[number];

/** How far along the steps a stage is (-1 for a plain inquiry). */
export function stepIndex(stage: Stage): number {
  switch (stage) {
    case 'inquiry':
      return -1;
    case 'applied':
      return 0;
    case 'screening':
      return 1;
    case 'interview':
      return 2;
    default:
      return 3;
  }
}

/** The stages a facility may move an application to by hand (`POST …/stage`). */
export function nextStages(t: Pick<ThreadDetail, 'kind' | 'stage'>): ('screening' | 'interview')[] {
  if (t.kind !== 'application') return [];
  if (t.stage === 'applied') return ['screening', 'interview'];
  if (t.stage === 'screening') return ['interview'];
  return [];
}

/** Whether the facility can still notify a result. */
export function canDecide(t: Pick<ThreadDetail, 'kind' | 'stage'>): boolean {
  return t.kind === 'application' && (t.stage === 'applied' || t.stage === 'screening' || t.stage === 'interview');
}

/** Whether the facility can propose an interview. */
export function canScheduleInterview(t: Pick<ThreadDetail, 'kind' | 'stage'>): boolean {
  return canDecide(t);
}

/** Whether either side can still write. A withdrawn thread (the account was deleted) cannot. */
export function canReply(t: Pick<ThreadDetail, 'stage'>): boolean {
  return t.stage !== 'withdrawn';
}

/** Whose turn it is, in words for the viewer. */
export function awaitingText(s: Pick<ThreadSummary, 'awaiting' | 'stage'>, viewer: 'jobseeker' | 'facility', lang: Lang): string | null {
  if (!s.awaiting || isSettled(s.stage)) return null;
  if (s.awaiting === viewer) return lang === 'en' ? 'Your reply is awaited' : 'あなたの返信待ち';
  return viewer === 'jobseeker'
    ? lang === 'en'
      ? 'Waiting for the facility'
      : '医療機関からの返信待ち'
    : lang === 'en'
      ? 'Waiting for the jobseeker'
      : '求職者からの返信待ち';
}
