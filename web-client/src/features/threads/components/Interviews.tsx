import { type FormEvent, useState } from 'react';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextField } from '../../../components/fields';
import { fill, useLang, useText } from '../../../lib/i18n';
import { useCancelInterview, useRescheduleInterview, useRespondInterview, useScheduleInterview } from '../api/threads';
import { buildStartsAt, formatInterviewTime, interviewIcs, timeSuggestions } from '../utils/interviewTime';
import type { Interview } from '../utils/types';

const texts = {
  ja: {
    proposed: '日程の回答待ち',
    accepted: '確定',
    declined: '辞退',
    cancelled: '取り消し',
    duration: '所要時間',
    minutes: '{n}分',
    video: 'ビデオ通話のURL',
    note: '連絡事項',
    calendar: 'カレンダーに追加（.ics）',
    accept: 'この日時で受ける',
    decline: '辞退する',
    accepting: '回答しています…',
    answerHint: 'この日時で面接を受けられるか、回答してください。',
    failed: '回答できませんでした',
    conflict: 'この面接はすでに回答済みか、取り消されています。最新の状態を表示しました。',
    scheduleTitle: 'オンライン面接の日時を提案する',
    scheduleHint: '日時はすべて日本時間です。送信すると、求職者と医療機関の両方に予定表（.ics）付きのメールが届きます。',
    date: '日付',
    time: '開始時刻',
    timeHint: '例: 14:00（30分ごとの候補から選べます）',
    durationLabel: '所要時間',
    videoHint: 'Zoom・Teams・Google Meet などの会議のURL（https:// から始まるもの）',
    noteLabel: '連絡事項（任意）',
    noteHint: '例: 5分前に入室してください。免許証をご用意ください。',
    send: '面接の日時を送る',
    busy: '送信しています…',
    sent: '面接の日時を送りました。求職者の回答を待っています。',
    scheduleFailed: '面接の日時を送れませんでした',
    dateProblem: '日付として読み取れません（例: 令和8年12月3日、2026-12-03）。',
    timeProblem: '時刻として読み取れません（例: 14:00）。',
    pastProblem: 'この日時はすでに過ぎています。これからの日時を入力してください。',
    urlProblem: 'https:// から始まるURLを入力してください。',
    title: '面接',
    change: '日時を変更する',
    callOff: '面接を取り消す',
    changeTitle: '新しい日時',
    changeHint: '送信すると、双方に更新された予定表（.ics）付きのメールが届きます。',
    why: '理由・ひとこと（任意）',
    sendChange: '新しい日時を送る',
    confirmCancel: '取り消しを確定する',
    keep: 'やめる',
    changing: '送信しています…',
    ended: '選考が終わったため、予定していた面接は取り消されました。',
  },
  en: {
    proposed: 'Awaiting answer',
    accepted: 'Confirmed',
    declined: 'Declined',
    cancelled: 'Cancelled',
    duration: 'Length',
    minutes: '{n} min',
    video: 'Video call link',
    note: 'Notes',
    calendar: 'Add to calendar (.ics)',
    accept: 'Accept this time',
    decline: 'Decline',
    accepting: 'Answering…',
    answerHint: 'Please say whether you can attend at this time.',
    failed: 'Could not answer',
    conflict: 'This interview was already answered or cancelled. The latest state is shown.',
    scheduleTitle: 'Propose an online interview',
    scheduleHint: 'All times are Japan time. Both sides receive an e-mail with a calendar file (.ics).',
    date: 'Date',
    time: 'Start time',
    timeHint: 'e.g. 14:00 (half-hour suggestions)',
    durationLabel: 'Length',
    videoHint: 'Link to the Zoom, Teams or Google Meet meeting (starting with https://)',
    noteLabel: 'Notes (optional)',
    noteHint: 'e.g. Please join five minutes early with your licence at hand.',
    send: 'Send the interview time',
    busy: 'Sending…',
    sent: 'The interview time was sent. Waiting for the jobseeker’s answer.',
    scheduleFailed: 'Could not send the interview time',
    dateProblem: 'Not a date we can read (e.g. 2026-12-03 or 令和8年12月3日).',
    timeProblem: 'Not a time we can read (e.g. 14:00).',
    pastProblem: 'That time has passed. Enter a time to come.',
    urlProblem: 'Enter a link starting with https://',
    title: 'Interview',
    change: 'Change the time',
    callOff: 'Cancel the interview',
    changeTitle: 'New time',
    changeHint: 'Both sides get an e-mail with the updated calendar file (.ics).',
    why: 'Reason or a note (optional)',
    sendChange: 'Send the new time',
    confirmCancel: 'Confirm cancellation',
    keep: 'Keep it',
    changing: 'Sending…',
    ended: 'The application has ended, so planned interviews were cancelled.',
  },
};

const DURATIONS = [15, 30, 45, 60, 90, 120];
const isWebLink = (url: string) => /^https?:\/\/\S+$/i.test(url);

/** Move or call off an interview still on (either side, while the application is pending). */
function InterviewChanges({ interview: i, threadId, facility }: { interview: Interview; threadId: number; facility: boolean }) {
  const t = useText(texts);
  const reschedule = useRescheduleInterview(threadId);
  const cancel = useCancelInterview(threadId);
  const [mode, setMode] = useState<'none' | 'change' | 'cancel'>('none');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(String(i.duration_minutes));
  const [videoUrl, setVideoUrl] = useState(i.video_url);
  const [why, setWhy] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const server = reschedule.error instanceof ApiError ? groupFieldErrors(reschedule.error.fields) : {};
  const base = `interview-${i.id}`;
  if (mode === 'none') {
    return (
      <div className="form-actions">
        <Button variant="secondary" onClick={() => setMode('change')}>
          {t.change}
        </Button>
        <Button variant="secondary" onClick={() => setMode('cancel')}>
          {t.callOff}
        </Button>
      </div>
    );
  }
  const message = why.trim() || undefined;
  if (mode === 'cancel') {
    return (
      <div className="card form-card">
        <TextField path={`${base}-cancel-why`} label={t.why} value={why} onChange={setWhy} multiline />
        {cancel.isError && <ErrorAlert error={cancel.error} />}
        <div className="form-actions">
          <Button variant="danger" busy={cancel.isPending} busyLabel={t.changing} onClick={() => cancel.mutate(message ? { interviewId: i.id, message } : { interviewId: i.id })}>
            {t.confirmCancel}
          </Button>
          <Button variant="secondary" onClick={() => setMode('none')}>
            {t.keep}
          </Button>
        </div>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = buildStartsAt(date, time);
    if (!startsAt.ok) {
      setProblem(startsAt.problem === 'date' ? t.dateProblem : startsAt.problem === 'time' ? t.timeProblem : t.pastProblem);
      return;
    }
    setProblem(null);
    const body: { starts_at: string; duration_minutes: number; video_url?: string; message?: string } = { starts_at: startsAt.value, duration_minutes: Number(duration) };
    if (facility && videoUrl.trim()) body.video_url = videoUrl.trim();
    if (message) body.message = message;
    reschedule.mutate({ interviewId: i.id, body }, { onSuccess: () => setMode('none') });
  };
  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-labelledby={`${base}-change-title`}>
      <h4 id={`${base}-change-title`}>{t.changeTitle}</h4>
      <p className="hint">{t.changeHint}</p>
      <div className="field-row">
        <DateField path={`${base}-date`} label={t.date} value={date} onChange={setDate} errors={problem ? [problem] : server.starts_at} required />
        <TextField path={`${base}-time`} label={t.time} hint={t.timeHint} value={time} onChange={setTime} required width="short" inputMode="numeric" />
        <SelectField path={`${base}-duration`} label={t.durationLabel} value={duration} onChange={setDuration} required>
          {DURATIONS.map((d) => (
            <option key={d} value={d}>
              {fill(t.minutes, { n: d })}
            </option>
          ))}
        </SelectField>
      </div>
      {facility && <TextField path={`${base}-video`} type="url" label={t.video} value={videoUrl} onChange={setVideoUrl} errors={server.video_url} spellCheck={false} />}
      <TextField path={`${base}-why`} label={t.why} value={why} onChange={setWhy} errors={server.message} multiline />
      {reschedule.isError && Object.keys(server).length === 0 && <ErrorAlert error={reschedule.error} />}
      <div className="form-actions">
        <Button type="submit" busy={reschedule.isPending} busyLabel={t.changing}>
          {t.sendChange}
        </Button>
        <Button variant="secondary" onClick={() => setMode('none')}>
          {t.keep}
        </Button>
      </div>
    </form>
  );
}

function InterviewCard({ interview: i, threadId, canAnswer, canChange, facility, title }: { interview: Interview; threadId: number; canAnswer: boolean; canChange: boolean; facility: boolean; title: string }) {
  const t = useText(texts);
  const lang = useLang();
  const respond = useRespondInterview(threadId);
  const when = formatInterviewTime(i.starts_at, i.duration_minutes, lang);
  const headingId = `interview-${i.id}`;
  const live = i.status === 'proposed' || i.status === 'accepted';
  return (
    <li className={`card interview-card interview-${i.status}`} aria-labelledby={headingId}>
      <div className="interview-head">
        <h3 id={headingId}>{when}</h3>
        <span className={`status interview-status-${i.status}`}>{t[i.status]}</span>
      </div>
      <dl className="dl">
        <div className="dl-row">
          <dt>{t.duration}</dt>
          <dd>{fill(t.minutes, { n: i.duration_minutes })}</dd>
        </div>
        <div className="dl-row">
          <dt>{t.video}</dt>
          <dd>
            {isWebLink(i.video_url) ? (
              <a href={i.video_url} target="_blank" rel="noopener noreferrer">
                {i.video_url}
              </a>
            ) : (
              i.video_url
            )}
          </dd>
        </div>
        {i.note && (
          <div className="dl-row">
            <dt>{t.note}</dt>
            <dd className="pre-wrap">{i.note}</dd>
          </div>
        )}
      </dl>
      {live && (
        <p>
          <a href={`data:text/calendar;charset=utf-8,${encodeURIComponent(interviewIcs(i, title))}`} download={`interview-${i.id}.ics`}>
            {t.calendar}
          </a>
        </p>
      )}
      {canAnswer && i.status === 'proposed' && (
        <div aria-busy={respond.isPending || undefined}>
          <p>{t.answerHint}</p>
          {respond.isError && (
            <ErrorAlert error={respond.error} title={t.failed} hint={respond.error instanceof ApiError && respond.error.status === 409 ? t.conflict : undefined} />
          )}
          <div className="form-actions">
            <Button
              busy={respond.isPending && respond.variables?.accept === true}
              busyLabel={t.accepting}
              disabled={respond.isPending}
              onClick={() => respond.mutate({ interviewId: i.id, accept: true })}
              aria-describedby={headingId}
            >
              {t.accept}
            </Button>
            <Button
              variant="secondary"
              busy={respond.isPending && respond.variables?.accept === false}
              busyLabel={t.accepting}
              disabled={respond.isPending}
              onClick={() => respond.mutate({ interviewId: i.id, accept: false })}
              aria-describedby={headingId}
            >
              {t.decline}
            </Button>
          </div>
        </div>
      )}
      {canChange && live && <InterviewChanges interview={i} threadId={threadId} facility={facility} />}
    </li>
  );
}

/**
 * The interviews of a thread, newest first; the jobseeker answers proposed ones; while the
 * application is pending (`open`) either side may move or cancel one; once it has ended, a
 * line says the planned interviews are off.
 */
export function InterviewList({ interviews, threadId, facility, open, title }: { interviews: readonly Interview[]; threadId: number; facility: boolean; open: boolean; title: string }) {
  const t = useText(texts);
  const sorted = [...interviews].sort((a, b) => b.id - a.id);
  return (
    <>
      {!open && interviews.some((i) => i.status === 'cancelled') && <p className="alert alert-info">{t.ended}</p>}
      <ul className="interview-list">
        {sorted.map((i) => (
          <InterviewCard key={i.id} interview={i} threadId={threadId} canAnswer={!facility && open} canChange={open} facility={facility} title={title} />
        ))}
      </ul>
    </>
  );
}

type Problems = Partial<Record<'date' | 'time' | 'video_url', string>>;

/** The facility's form to propose an online interview (Japan time). */
export function InterviewScheduler({ threadId }: { threadId: number }) {
  const t = useText(texts);
  const schedule = useScheduleInterview(threadId);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState('30');
  const [videoUrl, setVideoUrl] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [sent, setSent] = useState(false);
  const server = schedule.error instanceof ApiError ? groupFieldErrors(schedule.error.fields) : {};
  const suggestions = timeSuggestions();

  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    const found: Problems = {};
    const startsAt = buildStartsAt(date, time);
    if (!startsAt.ok) {
      if (startsAt.problem === 'date') found.date = t.dateProblem;
      else if (startsAt.problem === 'time') found.time = t.timeProblem;
      else found.date = t.pastProblem;
    }
    const url = videoUrl.trim();
    if (!/^https:\/\/\S+$/i.test(url)) found.video_url = t.urlProblem;
    setProblems(found);
    if (!startsAt.ok || found.video_url) {
      const first = found.date ? 'f-interview_date' : found.time ? 'f-interview_time' : 'f-video_url';
      document.getElementById(first)?.focus();
      return;
    }
    schedule.mutate(
      { starts_at: startsAt.value, duration_minutes: Number(duration), video_url: url, note: note.trim() },
      {
        onSuccess: () => {
          setSent(true);
          setDate('');
          setTime('');
          setNote('');
        },
      },
    );
  }

  const dateErrors = problems.date ? [problems.date] : server.starts_at;
  return (
    <form className="card form-card scheduler" onSubmit={submit} noValidate aria-labelledby="scheduler-title" aria-busy={schedule.isPending || undefined}>
      <h3 id="scheduler-title">{t.scheduleTitle}</h3>
      <p className="hint">{t.scheduleHint}</p>
      {sent && (
        <p className="alert alert-success" role="status">
          {t.sent}
        </p>
      )}
      {schedule.isError && Object.keys(server).length === 0 && <ErrorAlert error={schedule.error} title={t.scheduleFailed} />}
      <div className="field-row">
        <DateField path="interview_date" label={t.date} value={date} onChange={setDate} errors={dateErrors} required />
        <TextField
          path="interview_time"
          label={t.time}
          hint={t.timeHint}
          value={time}
          onChange={setTime}
          errors={problems.time ? [problems.time] : undefined}
          required
          width="short"
          list="interview-times"
          autoComplete="off"
          inputMode="numeric"
        />
        <datalist id="interview-times">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <SelectField path="duration_minutes" label={t.durationLabel} value={duration} onChange={setDuration} errors={server.duration_minutes} required>
          {DURATIONS.map((d) => (
            <option key={d} value={d}>
              {fill(t.minutes, { n: d })}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        path="video_url"
        type="url"
        label={t.video}
        hint={t.videoHint}
        value={videoUrl}
        onChange={setVideoUrl}
        errors={problems.video_url ? [problems.video_url] : server.video_url}
        required
        autoComplete="url"
        spellCheck={false}
      />
      <TextField path="interview_note" label={t.noteLabel} hint={t.noteHint} value={note} onChange={setNote} errors={server.note} multiline />
      <div className="form-actions">
        <Button type="submit" busy={schedule.isPending} busyLabel={t.busy}>
          {t.send}
        </Button>
      </div>
    </form>
  );
}
