// Admins' partner pages: the list of organisations with a form to add one, and one
// organisation with its scope, API keys, users and webhook deliveries.

import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fieldErrorsOf } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { formatDateTime } from '../../../lib/era';
import { fill, labelOf, useLang, useText } from '../../../lib/i18n';
import { usePrefectures } from '../../reference/api/reference';
import {
  useAddUser,
  useCreateOrganisation,
  useIssueKey,
  useOrganisation,
  useOrganisationDeliveries,
  useOrganisations,
  useRevokeKey,
  useUpdateScope,
} from '../api/partners';
import { ScopeFields, type ScopeValue } from './ScopeFields';

const KINDS = ['prefecture', 'mhlw', 'labour_bureau', 'association', 'nurse_center', 'recruiter', 'upstream'] as const;

const texts = {
  ja: {
    title: '連携先（関係機関）',
    lead: '募集情報を受け取る都道府県・労働局・関係団体・ナースセンター・職業紹介事業者です。提供範囲（職種 × 都道府県 × 内容）ごとに、APIキー・Webhook・CSV・日次メールで届きます。',
    back: '管理メニューに戻る',
    backList: '連携先の一覧に戻る',
    loading: '読み込んでいます…',
    empty: '連携先はまだありません。',
    name: '名称',
    kind: '種別',
    email: '連絡先メールアドレス',
    emailHint: '日次メールと、Webhookが停止したときのお知らせが届きます。',
    prefecture: '都道府県',
    prefectureHint: '都道府県・ナースセンターは必須です。',
    choose: '選んでください',
    scope: '提供範囲',
    add: '連携先を追加',
    adding: '追加しています…',
    added: '「{name}」を追加しました。',
    occupations: '{n}職種',
    prefectures: '{n}都道府県',
    full: '全項目',
    counts: '件数のみ',
    saveScope: '提供範囲を保存',
    saving: '保存しています…',
    saved: '提供範囲を保存しました。外れた募集は、連携先に削除として届きます。',
    keys: 'APIキー',
    keysLead: 'キーは発行したときに一度だけ表示されます。連携先のシステム担当者に安全な方法で渡してください。',
    issue: 'APIキーを発行',
    issuing: '発行しています…',
    newKey: '新しいキー（この画面を離れると二度と表示されません）',
    revoke: '無効にする',
    revoked: '無効',
    active: '有効',
    noKeys: 'キーはありません。',
    users: '利用者',
    usersLead: '利用者はメールアドレスでログインし、提供範囲の募集・件数・配信状況を見られます。パスワード設定用のメールが届きます。',
    userEmail: '利用者のメールアドレス',
    addUser: '利用者を追加',
    userAdded: '{email} にパスワード設定用のメールを送りました。',
    activated: '設定済み',
    pending: 'パスワード未設定',
    noUsers: '利用者はいません。',
    deliveries: 'Webhookの配信（最近100件）',
    noDeliveries: '配信はまだありません。',
    event: '種類',
    status: '状態',
    attempts: '試行',
    at: '日時',
    prefix: 'キーの先頭',
    created: '発行日時',
    lastUsed: '最終利用',
  },
  en: {
    title: 'Partner organisations',
    lead: 'Prefectures, labour bureaus, associations, nurse centres and recruiters that receive postings. Each gets its scope (occupations × prefectures × detail) by API key, webhooks, CSV and a daily e-mail.',
    back: 'Back to administration',
    backList: 'Back to partner organisations',
    loading: 'Loading…',
    empty: 'No partner organisations yet.',
    name: 'Name',
    kind: 'Kind',
    email: 'Contact e-mail',
    emailHint: 'Daily digests and notices about failing webhooks go here.',
    prefecture: 'Prefecture',
    prefectureHint: 'Required for prefectures and nurse centres.',
    choose: 'Choose',
    scope: 'Scope',
    add: 'Add organisation',
    adding: 'Adding…',
    added: 'Added “{name}”.',
    occupations: '{n} occupations',
    prefectures: '{n} prefectures',
    full: 'full',
    counts: 'counts only',
    saveScope: 'Save scope',
    saving: 'Saving…',
    saved: 'Scope saved. Postings that left it reach the partner as removals.',
    keys: 'API keys',
    keysLead: 'A key is shown once, when issued. Hand it to the partner’s system staff securely.',
    issue: 'Issue an API key',
    issuing: 'Issuing…',
    newKey: 'New key (never shown again once you leave this page)',
    revoke: 'Revoke',
    revoked: 'revoked',
    active: 'active',
    noKeys: 'No keys.',
    users: 'Users',
    usersLead: 'Users sign in with their e-mail address and see the postings, counts and deliveries of the scope. They get an e-mail to set a password.',
    userEmail: 'User’s e-mail address',
    addUser: 'Add user',
    userAdded: 'An e-mail to set a password went to {email}.',
    activated: 'password set',
    pending: 'password not set yet',
    noUsers: 'No users.',
    deliveries: 'Webhook deliveries (last 100)',
    noDeliveries: 'No deliveries yet.',
    event: 'Event',
    status: 'Status',
    attempts: 'Attempts',
    at: 'When',
    prefix: 'Key starts',
    created: 'Issued',
    lastUsed: 'Last used',
  },
};

export function OrganisationsPage() {
  const t = useText(texts);
  const lang = useLang();
  usePageTitle(t.title);
  const list = useOrganisations();
  const kinds = useKindLabels();
  const prefectures = usePrefectures();
  const create = useCreateOrganisation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [email, setEmail] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [scope, setScope] = useState<ScopeValue>({ occupations: [], prefectures: [], detail: 'full' });
  const [done, setDone] = useState('');
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    create.mutate(
      { name, kind: kind as (typeof KINDS)[number], email, prefecture_code: prefecture || null, scope },
      {
        onSuccess: (org) => {
          setDone(fill(t.added, { name: org.name }));
          setName('');
          setEmail('');
        },
      },
    );
  };
  return (
    <div className="page">
      <p className="back-link">
        <Link to="/admin">← {t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {list.isPending && <Loading label={t.loading} />}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <p>{t.empty}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="menu-cards">
          {list.data.items.map((o) => (
            <li key={o.id} className="card">
              <h2>
                <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
              </h2>
              <p>
                {kinds(o.kind)} ・ {fill(t.occupations, { n: o.scope.occupations.length })} ×{' '}
                {o.scope.prefectures.length === 1
                  ? labelOf(prefectures.find((p) => p.code === o.scope.prefectures[0]), lang)
                  : fill(t.prefectures, { n: o.scope.prefectures.length })}{' '}
                ・ {o.scope.detail === 'full' ? t.full : t.counts}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="form card" onSubmit={submit} noValidate aria-labelledby="add-org">
        <h2 id="add-org">{t.add}</h2>
        {create.error && <ErrorAlert error={create.error} />}
        {done && (
          <p className="alert alert-success" role="status">
            {done}
          </p>
        )}
        <TextField path="name" label={t.name} value={name} onChange={setName} required errors={errors.name} />
        <SelectField path="kind" label={t.kind} value={kind} onChange={setKind} required errors={errors.kind}>
          <option value="">{t.choose}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {kinds(k)}
            </option>
          ))}
        </SelectField>
        <TextField path="email" label={t.email} hint={t.emailHint} type="email" value={email} onChange={setEmail} required errors={errors.email} />
        <SelectField path="prefecture_code" label={t.prefecture} hint={t.prefectureHint} value={prefecture} onChange={setPrefecture} errors={errors.prefecture_code}>
          <option value="">{t.choose}</option>
          {prefectures.map((p) => (
            <option key={p.code} value={p.code}>
              {labelOf(p, lang)}
            </option>
          ))}
        </SelectField>
        <fieldset className="fieldset">
          <legend>{t.scope}</legend>
          <ScopeFields prefix="scope" value={scope} onChange={setScope} errors={errors} />
        </fieldset>
        <Button type="submit" busy={create.isPending} busyLabel={t.adding}>
          {t.add}
        </Button>
      </form>
    </div>
  );
}

function useKindLabels() {
  const lang = useLang();
  const ja: Record<string, string> = {
    prefecture: '都道府県',
    mhlw: '厚生労働省',
    labour_bureau: '労働局（ハローワーク）',
    association: '関係団体',
    nurse_center: 'ナースセンター',
    recruiter: '職業紹介事業者',
    upstream: '連携システム',
  };
  const en: Record<string, string> = {
    prefecture: 'Prefecture',
    mhlw: 'MHLW',
    labour_bureau: 'Labour bureau (Hello Work)',
    association: 'Association',
    nurse_center: 'Nurse centre',
    recruiter: 'Recruiter',
    upstream: 'Upstream system',
  };
  return (k: string) => (lang === 'en' ? en : ja)[k] ?? k;
}

export function OrganisationPage() {
  const t = useText(texts);
  const lang = useLang();
  const id = Number(useParams().id);
  const org = useOrganisation(id);
  const deliveries = useOrganisationDeliveries(id);
  const kinds = useKindLabels();
  usePageTitle(org.data?.name ?? t.title);
  return (
    <div className="page">
      <p className="back-link">
        <Link to="/admin/organisations">← {t.backList}</Link>
      </p>
      {org.isPending && <Loading label={t.loading} />}
      {org.error && <ErrorAlert error={org.error} />}
      {org.data && (
        <>
          <h1>{org.data.name}</h1>
          <p className="lead">
            {kinds(org.data.kind)} ・ {org.data.email}
          </p>
          <ScopeEditor id={id} initial={org.data.scope} />
          <KeysSection id={id} keys={org.data.api_keys} />
          <UsersSection id={id} users={org.data.users} />
          <section className="card">
            <h2>{t.deliveries}</h2>
            {deliveries.data && deliveries.data.items.length === 0 && <p>{t.noDeliveries}</p>}
            {deliveries.data && deliveries.data.items.length > 0 && (
              <DataTable
                id="deliveries-caption"
                caption={t.deliveries}
                headers={
                  <>
                    <th scope="col">{t.at}</th>
                    <th scope="col">{t.event}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.attempts}</th>
                  </>
                }
              >
                {deliveries.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.created_at, lang)}</td>
                    <td>{d.event_type}</td>
                    <td>
                      {d.status}
                      {d.last_status_code ? ` (${d.last_status_code})` : ''}
                    </td>
                    <td>{d.attempts}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function ScopeEditor({ id, initial }: { id: number; initial: ScopeValue }) {
  const t = useText(texts);
  const [scope, setScope] = useState<ScopeValue>(initial);
  const save = useUpdateScope(id);
  return (
    <form
      className="form card"
      noValidate
      aria-labelledby="scope-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(scope);
      }}
    >
      <h2 id="scope-title">{t.scope}</h2>
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <p className="alert alert-success" role="status">
          {t.saved}
        </p>
      )}
      <ScopeFields prefix="" value={scope} onChange={setScope} errors={fieldErrorsOf(save.error)} />
      <Button type="submit" busy={save.isPending} busyLabel={t.saving}>
        {t.saveScope}
      </Button>
    </form>
  );
}

function KeysSection({ id, keys }: { id: number; keys: { id: number; prefix: string; created_at: string; revoked_at?: string | null; last_used_at?: string | null }[] }) {
  const t = useText(texts);
  const lang = useLang();
  const issue = useIssueKey(id);
  const revoke = useRevokeKey(id);
  return (
    <section className="card">
      <h2 id="keys-title">{t.keys}</h2>
      <p className="hint">{t.keysLead}</p>
      {issue.error && <ErrorAlert error={issue.error} />}
      {revoke.error && <ErrorAlert error={revoke.error} />}
      {issue.data && (
        <div className="alert alert-success" role="status">
          <p className="alert-title">{t.newKey}</p>
          <p>
            <code className="secret">{issue.data.key}</code>
          </p>
        </div>
      )}
      {keys.length === 0 ? (
        <p>{t.noKeys}</p>
      ) : (
        <ul className="plain-list">
          {keys.map((k) => (
            <li key={k.id}>
              <code>{k.prefix}…</code> ・ {t.created} {formatDateTime(k.created_at, lang)} ・{' '}
              {k.last_used_at ? `${t.lastUsed} ${formatDateTime(k.last_used_at, lang)} ・ ` : ''}
              {k.revoked_at ? (
                t.revoked
              ) : (
                <>
                  {t.active}{' '}
                  <Button variant="secondary" busy={revoke.isPending && revoke.variables === k.id} onClick={() => revoke.mutate(k.id)}>
                    {t.revoke}
                    <span className="visually-hidden"> {k.prefix}</span>
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <Button busy={issue.isPending} busyLabel={t.issuing} onClick={() => issue.mutate()}>
        {t.issue}
      </Button>
    </section>
  );
}

function UsersSection({ id, users }: { id: number; users: { account_id: number; email: string; activated: boolean }[] }) {
  const t = useText(texts);
  const add = useAddUser(id);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState('');
  return (
    <form
      className="form card"
      noValidate
      aria-labelledby="users-title"
      onSubmit={(e) => {
        e.preventDefault();
        setSent('');
        add.mutate(email, {
          onSuccess: (u) => {
            setSent(fill(t.userAdded, { email: u.email }));
            setEmail('');
          },
        });
      }}
    >
      <h2 id="users-title">{t.users}</h2>
      <p className="hint">{t.usersLead}</p>
      {users.length === 0 ? (
        <p>{t.noUsers}</p>
      ) : (
        <ul className="plain-list">
          {users.map((u) => (
            <li key={u.account_id}>
              {u.email} ・ {u.activated ? t.activated : t.pending}
            </li>
          ))}
        </ul>
      )}
      {add.error && <ErrorAlert error={add.error} />}
      {sent && (
        <p className="alert alert-success" role="status">
          {sent}
        </p>
      )}
      <TextField path="user_email" label={t.userEmail} type="email" value={email} onChange={setEmail} required errors={fieldErrorsOf(add.error).email} />
      <Button type="submit" busy={add.isPending}>
        {t.addUser}
      </Button>
    </form>
  );
}

