// On the search page: save the current search and hear of new postings by mail.

import { type FormEvent, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError, groupFieldErrors } from '../../api/errors';
import { useSession } from '../../api/session';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RadioGroup, TextField } from '../../components/fields';
import { fill, useText } from '../../lib/i18n';
import type { Labels } from '../reference/api/reference';
import { searchToParams, type SearchState } from '../search/utils/searchState';
import { type Frequency, useSaveSearch } from './api';
import { frequencyTexts } from './texts';

const texts = {
  ja: {
    open: 'この条件で新着をメールで受け取る',
    signIn: 'ログインすると、この条件の新着求人をメールで受け取れます',
    name: '検索条件の名前',
    nameHint: 'メールの件名に使います。',
    frequency: 'お知らせの頻度',
    save: '保存する',
    saving: '保存しています…',
    cancel: 'やめる',
    saved: '「{name}」を保存しました。新しい募集が出たらメールでお知らせします。',
    manage: '保存した検索条件を見る',
    everything: 'すべての募集',
  },
  en: {
    open: 'Mail me new postings for this search',
    signIn: 'Sign in to get new postings for this search by mail',
    name: 'Name of the search',
    nameHint: 'Used in the subject of the mails.',
    frequency: 'How often',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: 'Saved “{name}”. We will mail you when new postings appear.',
    manage: 'See saved searches',
    everything: 'All postings',
  },
};

/** A short name for a search: its main filters in words. */
export function describeSearch(state: SearchState, labels: Labels, everything: string): string {
  const parts = [
    ...state.occupation.map((o) => labels.occupation(o)),
    ...state.prefecture.map((p) => labels.prefecture(p)),
    state.municipality,
    state.near && `${state.near}（${state.radius_km || 30}km）`,
    state.q,
  ].filter(Boolean);
  const name = parts.join('・') || everything;
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

export function SaveSearch({ state, labels }: { state: SearchState; labels: Labels }) {
  const t = useText(texts);
  const f = useText(frequencyTexts);
  const session = useSession();
  const location = useLocation();
  const save = useSaveSearch();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [frequency, setFrequency] = useState<Frequency>('daily');
  const headingId = useId();

  if (!session) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return (
      <p className="save-search">
        <Link to={`/login?next=${next}`}>✉ {t.signIn}</Link>
      </p>
    );
  }
  if (session.role !== 'jobseeker') return null;

  if (save.isSuccess) {
    return (
      <div className="save-search alert alert-success" role="status">
        <p>{fill(t.saved, { name: save.data.name })}</p>
        <p>
          <Link to="/saved-searches">{t.manage}</Link>
        </p>
      </div>
    );
  }
  if (!open) {
    return (
      <p className="save-search">
        <Button
          variant="secondary"
          onClick={() => {
            setName(describeSearch(state, labels, t.everything));
            setOpen(true);
          }}
        >
          ✉ {t.open}
        </Button>
      </p>
    );
  }
  const errors = save.error instanceof ApiError ? groupFieldErrors(save.error.fields) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name: name.trim(), query: searchToParams({ ...state, page: 1, sort: '' }).toString(), frequency });
  };
  return (
    <form className="save-search card" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{t.open}</h3>
      <TextField path="saved-search.name" label={t.name} hint={t.nameHint} value={name} onChange={setName} errors={errors['name']} required maxLength={60} />
      <RadioGroup
        path="saved-search.frequency"
        legend={t.frequency}
        value={frequency}
        onChange={(v) => setFrequency(v as Frequency)}
        options={[
          { value: 'instant', label: f.instant },
          { value: 'daily', label: f.daily },
        ]}
      />
      {save.isError && !(save.error instanceof ApiError && save.error.fields.length) && <ErrorAlert error={save.error} />}
      <div className="actions">
        <Button type="submit" busy={save.isPending} busyLabel={t.saving}>
          {t.save}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
