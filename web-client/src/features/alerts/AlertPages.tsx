// The jobseeker's saved searches; the pages behind the links in mails: confirming the
// address alerts go to, and stopping an alert.

import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/era';
import { fill, useLang, useText } from '../../lib/i18n';
import { RequireRole } from '../auth/components/RequireRole';
import { useConfirmEmail, useDeleteSavedSearch, useResendConfirmation, useSavedSearches, useUnsubscribe } from './api';
import { frequencyTexts } from './texts';

const texts = {
  ja: {
    title: '保存した検索条件',
    lead: '条件に合う新しい募集が出ると、メールでお知らせします。メールは新着分だけを、1通に10件までお送りします。',
    empty: '保存した検索条件はありません。検索結果の「この条件で新着をメールで受け取る」から保存できます。',
    search: '募集をさがす',
    loading: '読み込んでいます…',
    frequency: '頻度',
    lastSent: '最後のお知らせ',
    never: 'まだありません',
    open: '検索結果を見る',
    remove: '「{name}」を削除',
    removeShort: '削除',
    unconfirmed: 'メールアドレスの確認がまだ済んでいません。登録時にお送りしたメールのリンクを開くまで、お知らせは届きません。',
    resend: '確認メールを再送する',
    resending: '送っています…',
    resent: '確認メールを送りました。届いたメールのリンクを開いてください。',
    count: '{n}件（最大20件）',
  },
  en: {
    title: 'Saved searches',
    lead: 'When new postings match, we mail you. Each mail lists only new postings, up to 10.',
    empty: 'No saved searches. Save one from the results with “Mail me new postings for this search”.',
    search: 'Find postings',
    loading: 'Loading…',
    frequency: 'How often',
    lastSent: 'Last mail',
    never: 'None yet',
    open: 'See the results',
    remove: 'Delete “{name}”',
    removeShort: 'Delete',
    unconfirmed: 'Your e-mail address is not confirmed yet. Alerts start once you open the link in the mail we sent when you signed up.',
    resend: 'Send the confirmation mail again',
    resending: 'Sending…',
    resent: 'We sent a confirmation mail. Open the link in it.',
    count: '{n} (at most 20)',
  },
};

export function SavedSearchesPage() {
  return (
    <RequireRole roles={['jobseeker']}>
      <SavedSearchList />
    </RequireRole>
  );
}

function SavedSearchList() {
  const t = useText(texts);
  const f = useText(frequencyTexts);
  const lang = useLang();
  usePageTitle(t.title);
  const saved = useSavedSearches();
  const remove = useDeleteSavedSearch();
  const resend = useResendConfirmation();
  const data = saved.data;
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {saved.isPending && <Loading label={t.loading} />}
      {saved.isError && <ErrorAlert error={saved.error} />}
      {data && !data.email_confirmed && (
        <div className="alert alert-warning" role="status">
          <p>{t.unconfirmed}</p>
          {resend.isSuccess ? (
            <p>{t.resent}</p>
          ) : (
            <Button variant="secondary" busy={resend.isPending} busyLabel={t.resending} onClick={() => resend.mutate()}>
              {t.resend}
            </Button>
          )}
          {resend.isError && <ErrorAlert error={resend.error} />}
        </div>
      )}
      {data && data.items.length === 0 && (
        <div role="status">
          <p>{t.empty}</p>
          <p>
            <Link className="btn btn-primary" to="/">
              {t.search}
            </Link>
          </p>
        </div>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {data && data.items.length > 0 && (
        <>
          <p role="status">{fill(t.count, { n: data.items.length })}</p>
          <ul className="saved-searches">
            {data.items.map((s) => (
              <li key={s.id} className="card">
                <h2 className="card-title">{s.name}</h2>
                <dl className="facts">
                  <div>
                    <dt>{t.frequency}</dt>
                    <dd>{f[s.frequency]}</dd>
                  </div>
                  <div>
                    <dt>{t.lastSent}</dt>
                    <dd>{s.last_sent_at ? formatDateTime(s.last_sent_at, lang) : t.never}</dd>
                  </div>
                </dl>
                <div className="actions">
                  <Link className="btn btn-secondary" to={`/?${s.query}`}>
                    {t.open}
                  </Link>
                  <Button variant="danger" aria-label={fill(t.remove, { name: s.name })} busy={remove.isPending && remove.variables === s.id} onClick={() => remove.mutate(s.id)}>
                    {t.removeShort}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const confirmTexts = {
  ja: {
    title: 'メールアドレスの確認',
    busy: '確認しています…',
    done: 'メールアドレスを確認しました。保存した検索条件の新着をメールでお知らせできます。',
    saved: '保存した検索条件へ',
    noToken: 'このページは、確認メールにあるリンクから開いてください。',
  },
  en: {
    title: 'Confirm your e-mail address',
    busy: 'Confirming…',
    done: 'Your address is confirmed. Alerts for your saved searches can now reach you.',
    saved: 'Go to saved searches',
    noToken: 'Open this page from the link in the confirmation mail.',
  },
};

/** `/confirm-email?token=`: confirms on opening (the link does nothing else). */
export function ConfirmEmailPage() {
  const t = useText(confirmTexts);
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmEmail();
  const started = useRef(false);
  useEffect(() => {
    if (token && !started.current) {
      started.current = true;
      confirm.mutate(token);
    }
  }, [token, confirm]);
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      {!token ? (
        <p className="alert alert-error" role="alert">
          {t.noToken}
        </p>
      ) : confirm.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p>{t.done}</p>
          <p>
            <Link to="/saved-searches">{t.saved}</Link>
          </p>
        </div>
      ) : confirm.isError ? (
        <ErrorAlert error={confirm.error} />
      ) : (
        <Loading label={t.busy} />
      )}
    </div>
  );
}

const unsubscribeTexts = {
  ja: {
    title: '新着お知らせメールの停止',
    lead: 'この検索条件の新着お知らせメールを停止します。ほかの検索条件のお知らせは届きます。',
    confirm: '配信を停止する',
    busy: '停止しています…',
    noToken: 'このページは、お知らせメールにあるリンクから開いてください。',
    search: '募集をさがす',
  },
  en: {
    title: 'Stop alert mails',
    lead: 'This stops the alert mails of this saved search. Your other saved searches keep mailing.',
    confirm: 'Stop these mails',
    busy: 'Stopping…',
    noToken: 'Open this page from the link in an alert mail.',
    search: 'Find postings',
  },
};

/** `/unsubscribe?token=`: one button (a link opened by a mail scanner changes nothing). */
export function UnsubscribePage() {
  const t = useText(unsubscribeTexts);
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const unsubscribe = useUnsubscribe();
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      {unsubscribe.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p>{unsubscribe.data.message}</p>
          <p>
            <Link to="/">{t.search}</Link>
          </p>
        </div>
      ) : !token ? (
        <p className="alert alert-error" role="alert">
          {t.noToken}
        </p>
      ) : (
        <div className="card">
          <p>{t.lead}</p>
          {unsubscribe.isError && <ErrorAlert error={unsubscribe.error} />}
          <Button busy={unsubscribe.isPending} busyLabel={t.busy} onClick={() => unsubscribe.mutate(token)}>
            {t.confirm}
          </Button>
        </div>
      )}
    </div>
  );
}
