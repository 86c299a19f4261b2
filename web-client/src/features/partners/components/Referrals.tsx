// Referring someone met at a desk (窓口) to a posting, and following what happened:
// prefectures, labour bureaus and nurse centres.

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/era';
import { fill, useLang, useText } from '../../../lib/i18n';
import { StageBadge } from '../../threads/components/StageBadge';
import { useRefer, useReferrals } from '../api/partners';

const texts = {
  ja: {
    title: '求職者の紹介',
    lead: '窓口でお会いした方を、提供範囲の募集に紹介します。医療機関には「紹介」として応募が届き、ご本人にはアカウントの設定（または辞退）の案内がメールで届きます。',
    posting: '求人ID',
    postingHint: '募集のページに表示される番号です。',
    name: 'お名前',
    email: 'メールアドレス',
    phone: '電話番号（任意）',
    message: '医療機関へのメッセージ',
    messageHint: '経験、勤務できる時間帯など、窓口で伺ったことを書いてください。',
    refer: '紹介する',
    busy: '送信しています…',
    referred: '求人ID {posting} に紹介しました。',
    list: '紹介した方',
    empty: 'まだ紹介していません。',
    loading: '読み込んでいます…',
    who: 'お名前',
    at: '紹介日時',
    stage: '状況',
    result: '結果',
    hired: '採用',
    not_hired: '不採用',
    declined: '（辞退・退会）',
    none: '—',
    postingNo: '求人 {id}',
  },
  en: {
    title: 'Referring jobseekers',
    lead: 'Refer someone you met at your desk to a posting in your scope. The facility receives an application marked as your referral; the person gets an e-mail to set up their account (or decline).',
    posting: 'Posting ID',
    postingHint: 'The number shown on the posting’s page.',
    name: 'Name',
    email: 'E-mail address',
    phone: 'Phone (optional)',
    message: 'Message to the facility',
    messageHint: 'Experience, hours they can work — what you heard at the desk.',
    refer: 'Refer',
    busy: 'Sending…',
    referred: 'Referred to posting {posting}.',
    list: 'People you referred',
    empty: 'No referrals yet.',
    loading: 'Loading…',
    who: 'Name',
    at: 'Referred',
    stage: 'Stage',
    result: 'Result',
    hired: 'hired',
    not_hired: 'not hired',
    declined: '(declined or left)',
    none: '—',
    postingNo: 'Posting {id}',
  },
};

const empty = { posting: '', name: '', email: '', phone: '', message: '' };

export function Referrals() {
  const t = useText(texts);
  const lang = useLang();
  const list = useReferrals(true);
  const refer = useRefer();
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState('');
  const errors = refer.error instanceof ApiError ? groupFieldErrors(refer.error.fields) : {};
  const set = (k: keyof typeof empty) => (v: string) => setForm({ ...form, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const posting = Number(form.posting.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
    refer.mutate(
      {
        posting_id: posting,
        jobseeker: { name: form.name, email: form.email, phone: form.phone || null },
        message: form.message,
      },
      {
        onSuccess: () => {
          setDone(fill(t.referred, { posting }));
          setForm(empty);
        },
      },
    );
  };
  return (
    <section className="card">
      <h2>{t.title}</h2>
      <p className="hint">{t.lead}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t.title}>
        {refer.error && Object.keys(errors).length === 0 && <ErrorAlert error={refer.error} />}
        {done && (
          <p className="alert alert-success" role="status">
            {done}
          </p>
        )}
        <TextField path="posting_id" label={t.posting} hint={t.postingHint} inputMode="numeric" width="short" value={form.posting} onChange={set('posting')} required errors={errors.posting_id} />
        <TextField path="jobseeker.name" label={t.name} value={form.name} onChange={set('name')} required errors={errors['jobseeker.name']} />
        <TextField path="jobseeker.email" label={t.email} type="email" value={form.email} onChange={set('email')} required errors={errors['jobseeker.email']} />
        <TextField path="jobseeker.phone" label={t.phone} type="tel" width="medium" value={form.phone} onChange={set('phone')} errors={errors['jobseeker.phone']} />
        <TextField path="referral_message" label={t.message} hint={t.messageHint} multiline value={form.message} onChange={set('message')} required errors={errors.message} />
        <Button type="submit" busy={refer.isPending} busyLabel={t.busy}>
          {t.refer}
        </Button>
      </form>
      <h3>{t.list}</h3>
      {list.isPending && <Loading label={t.loading} />}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <p>{t.empty}</p>}
      {list.data && list.data.items.length > 0 && (
        <DataTable
          id="referrals-caption"
          caption={t.list}
          headers={
            <>
              <th scope="col">{t.who}</th>
              <th scope="col">{t.posting}</th>
              <th scope="col">{t.at}</th>
              <th scope="col">{t.stage}</th>
              <th scope="col">{t.result}</th>
            </>
          }
        >
          {list.data.items.map((r) => (
            <tr key={r.id}>
              <td>{r.jobseeker_name ?? t.declined}</td>
              <td>
                <Link to={`/postings/${r.posting_id}`}>{fill(t.postingNo, { id: r.posting_id })}</Link>
              </td>
              <td>{formatDateTime(r.created_at, lang)}</td>
              <td>
                <StageBadge stage={r.stage} />
              </td>
              <td>{r.result ? t[r.result] : t.none}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
