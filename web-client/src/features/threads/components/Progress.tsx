import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useText } from '../../../lib/i18n';
import { useMoveStage } from '../api/threads';
import { nextStages, STEPS, stepIndex } from '../utils/stages';
import type { ThreadDetail } from '../utils/types';
import { conflictHint } from './Decision';

const texts = {
  ja: {
    title: '選考の状況',
    applied: '応募',
    screening: '書類選考',
    interview: '面接',
    decision: '結果',
    done: '（済み）',
    current: '（現在）',
    inquiry: 'いまは問い合わせの段階です。求職者が応募すると、選考を進められます。',
    toScreening: '書類選考に進める',
    toInterview: '面接に進める',
    busy: '更新しています…',
    failed: '選考の状況を更新できませんでした',
    conflict: 'この応募は、すでに結果が通知されているか、募集が終了しています。最新の状態を表示しました。',
    stale: 'ほかの担当者が先にこの応募を更新していました。最新の状態を表示しました。内容を確かめて、もう一度操作してください。',
  },
  en: {
    title: 'Progress',
    applied: 'Applied',
    screening: 'Screening',
    interview: 'Interview',
    decision: 'Result',
    done: ' (done)',
    current: ' (now)',
    inquiry: 'This is still an inquiry. Once the jobseeker applies, you can move it through selection.',
    toScreening: 'Move to screening',
    toInterview: 'Move to interview',
    busy: 'Updating…',
    failed: 'Could not update the progress',
    conflict: 'This application already has a result, or its posting has closed. The latest state is shown.',
    stale: 'Someone else updated this application first. The latest state is shown; check it and try again.',
  },
};

/** Where an application stands (applied → screening → interview → result); for the facility, the buttons to move it on. */
export function Progress({ thread, canMove }: { thread: ThreadDetail; canMove: boolean }) {
  const t = useText(texts);
  const move = useMoveStage(thread.id);
  const at = stepIndex(thread.stage);
  const moves = canMove ? nextStages(thread) : [];
  return (
    <section className="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{t.title}</h2>
      {at < 0 ? (
        <p>{t.inquiry}</p>
      ) : (
        <ol className="steps">
          {STEPS.map((s, i) => (
            <li key={s} className={i < at ? 'step-done' : i === at ? 'step-current' : 'step-todo'} aria-current={i === at ? 'step' : undefined}>
              {t[s]}
              <span className="visually-hidden">{i < at ? t.done : i === at ? t.current : ''}</span>
            </li>
          ))}
        </ol>
      )}
      {move.isError && <ErrorAlert error={move.error} title={t.failed} hint={conflictHint(move.error, t)} />}
      {moves.length > 0 && (
        <div className="form-actions">
          {moves.map((stage) => (
            <Button
              key={stage}
              variant={stage === moves[0] ? 'primary' : 'secondary'}
              busy={move.isPending && move.variables?.stage === stage}
              busyLabel={t.busy}
              disabled={move.isPending}
              onClick={() => move.mutate({ stage, version: thread.version })}
            >
              {stage === 'screening' ? t.toScreening : t.toInterview}
            </Button>
          ))}
        </div>
      )}
    </section>
  );
}
