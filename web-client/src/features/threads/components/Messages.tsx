import { type FormEvent, useState } from 'react';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { formatDateTime } from '../../../lib/era';
import { useLang, useText } from '../../../lib/i18n';
import { useSendMessage } from '../api/threads';
import type { Message, Party } from '../utils/types';

const texts = {
  ja: {
    title: 'メッセージ',
    none: 'まだメッセージはありません。',
    you: 'あなた',
    system: 'Key-Net からのお知らせ',
    reply: '返信する',
    replyHint: '相手にメールでもお知らせします。',
    send: '送信する',
    busy: '送信しています…',
    sent: 'メッセージを送信しました。',
    empty: 'メッセージを入力してください。',
    failed: '送信できませんでした',
    closed: 'このやりとりは終了しているため、返信できません。',
  },
  en: {
    title: 'Messages',
    none: 'No messages yet.',
    you: 'You',
    system: 'Notice from Key-Net',
    reply: 'Reply',
    replyHint: 'The other side is also told by e-mail.',
    send: 'Send',
    busy: 'Sending…',
    sent: 'Your message was sent.',
    empty: 'Write a message first.',
    failed: 'Could not send',
    closed: 'This conversation has ended; replies are closed.',
  },
};

/** The conversation, oldest first; `otherName` names the other side. */
export function MessageList({ messages, viewer, otherName }: { messages: readonly Message[]; viewer: Party; otherName: string }) {
  const t = useText(texts);
  const lang = useLang();
  if (messages.length === 0) return <p>{t.none}</p>;
  const who = (sender: Party) => (sender === 'system' ? t.system : sender === viewer ? t.you : otherName);
  return (
    <ol className="messages">
      {messages.map((m) => (
        <li key={m.id} className={`message message-${m.sender === 'system' ? 'system' : m.sender === viewer ? 'mine' : 'theirs'}`}>
          <p className="message-meta">
            <strong>{who(m.sender)}</strong> <time dateTime={m.created_at}>{formatDateTime(m.created_at, lang)}</time>
          </p>
          <p className="message-body pre-wrap">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function ReplyForm({ threadId, open }: { threadId: number; open: boolean }) {
  const t = useText(texts);
  const send = useSendMessage(threadId);
  const [message, setMessage] = useState('');
  const [empty, setEmpty] = useState(false);
  const [sent, setSent] = useState(false);
  const fieldErrors = send.error instanceof ApiError ? groupFieldErrors(send.error.fields) : {};

  if (!open) return <p className="muted">{t.closed}</p>;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    if (message.trim() === '') {
      setEmpty(true);
      document.getElementById('f-reply')?.focus();
      return;
    }
    setEmpty(false);
    send.mutate(message.trim(), {
      onSuccess: () => {
        setMessage('');
        setSent(true);
      },
    });
  }

  return (
    <form className="reply-form" onSubmit={submit} noValidate aria-busy={send.isPending || undefined}>
      {send.isError && !fieldErrors.message && <ErrorAlert error={send.error} title={t.failed} />}
      <TextField
        path="reply"
        label={t.reply}
        hint={t.replyHint}
        value={message}
        onChange={(v) => {
          setMessage(v);
          setSent(false);
        }}
        multiline
        required
        errors={empty ? [t.empty] : fieldErrors.message}
      />
      <div className="form-actions">
        <Button type="submit" busy={send.isPending} busyLabel={t.busy}>
          {t.send}
        </Button>
        <p role="status" className="inline-status">
          {sent ? t.sent : ''}
        </p>
      </div>
    </form>
  );
}
