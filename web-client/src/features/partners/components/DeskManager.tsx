// A prefecture's own reception desks (窓口): add, edit and remove. The public sees them on
// the 相談窓口 page and on postings in the prefecture; recruiters' notices name them.

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, groupFieldErrors } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { fill, useText } from '../../../lib/i18n';
import { useOwnDesks, useRemoveDesk, useSaveDesk } from '../api/partners';

const texts = {
  ja: {
    title: '相談窓口',
    lead: '登録した窓口は、公開の「相談窓口」ページと、この都道府県の募集のページに表示され、職業紹介事業者へのお知らせにも記載されます。',
    public: '公開ページで確認する',
    loading: '読み込んでいます…',
    empty: '窓口はまだ登録されていません。',
    name: '窓口の名称',
    address: '所在地',
    phone: '電話番号',
    hours: '受付時間',
    hoursHint: '例：平日 9:00〜17:00',
    url: '窓口のページ（任意）',
    add: '窓口を登録',
    save: '変更を保存',
    cancel: 'やめる',
    edit: '編集',
    remove: '削除',
    added: '「{name}」を登録しました。',
    saved: '「{name}」を保存しました。',
    removed: '窓口を削除しました。',
    editing: '「{name}」を編集しています',
  },
  en: {
    title: 'Help desks',
    lead: 'Desks you register appear on the public help-desk page and on postings in your prefecture, and in recruiters’ notices.',
    public: 'See the public page',
    loading: 'Loading…',
    empty: 'No desks registered yet.',
    name: 'Desk name',
    address: 'Address',
    phone: 'Phone',
    hours: 'Opening hours',
    hoursHint: 'e.g. weekdays 9:00–17:00',
    url: 'Desk’s page (optional)',
    add: 'Register desk',
    save: 'Save changes',
    cancel: 'Cancel',
    edit: 'Edit',
    remove: 'Remove',
    added: 'Registered “{name}”.',
    saved: 'Saved “{name}”.',
    removed: 'The desk was removed.',
    editing: 'Editing “{name}”',
  },
};

const empty = { name: '', address: '', phone: '', hours: '', url: '' };

export function DeskManager({ prefectureCode }: { prefectureCode: string }) {
  const t = useText(texts);
  const desks = useOwnDesks(true);
  const save = useSaveDesk();
  const remove = useRemoveDesk();
  const [form, setForm] = useState(empty);
  const [editing, setEditing] = useState<number | null>(null);
  const [done, setDone] = useState('');
  const errors = save.error instanceof ApiError ? groupFieldErrors(save.error.fields) : {};
  const set = (k: keyof typeof empty) => (v: string) => setForm({ ...form, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    save.mutate(
      { id: editing, body: { ...form, url: form.url || null } },
      {
        onSuccess: (d) => {
          setDone(fill(editing === null ? t.added : t.saved, { name: d.name }));
          setForm(empty);
          setEditing(null);
        },
      },
    );
  };
  return (
    <section className="card">
      <h2>{t.title}</h2>
      <p className="hint">
        {t.lead} <Link to={`/desks?prefecture=${prefectureCode}`}>{t.public}</Link>
      </p>
      {desks.isPending && <Loading label={t.loading} />}
      {desks.error && <ErrorAlert error={desks.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      {desks.data && desks.data.items.length === 0 && <p>{t.empty}</p>}
      {desks.data && desks.data.items.length > 0 && (
        <ul className="plain-list">
          {desks.data.items.map((d) => (
            <li key={d.id}>
              <strong>{d.name}</strong> ・ {d.phone} ・ {d.hours}{' '}
              <Button
                variant="secondary"
                onClick={() => {
                  setEditing(d.id);
                  setForm({ name: d.name, address: d.address, phone: d.phone, hours: d.hours, url: d.url ?? '' });
                  setDone('');
                }}
              >
                {t.edit}
                <span className="visually-hidden"> {d.name}</span>
              </Button>{' '}
              <Button
                variant="danger"
                busy={remove.isPending && remove.variables === d.id}
                onClick={() => remove.mutate(d.id, { onSuccess: () => setDone(t.removed) })}
              >
                {t.remove}
                <span className="visually-hidden"> {d.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit} noValidate aria-label={editing === null ? t.add : fill(t.editing, { name: form.name })}>
        {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <TextField path="name" label={t.name} value={form.name} onChange={set('name')} required errors={errors.name} />
        <TextField path="address" label={t.address} value={form.address} onChange={set('address')} required errors={errors.address} />
        <TextField path="phone" label={t.phone} type="tel" width="medium" value={form.phone} onChange={set('phone')} required errors={errors.phone} />
        <TextField path="hours" label={t.hours} hint={t.hoursHint} value={form.hours} onChange={set('hours')} required errors={errors.hours} />
        <TextField path="desk_url" label={t.url} type="url" value={form.url} onChange={set('url')} errors={errors.url} />
        <p className="inline-actions">
          <Button type="submit" busy={save.isPending}>
            {editing === null ? t.add : t.save}
          </Button>{' '}
          {editing !== null && (
            <Button
              variant="secondary"
              onClick={() => {
                setEditing(null);
                setForm(empty);
              }}
            >
              {t.cancel}
            </Button>
          )}
        </p>
      </form>
    </section>
  );
}
