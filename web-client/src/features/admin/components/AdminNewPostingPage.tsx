import { useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../../../api/schema';
import { Button } from '../../../components/Button';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { useCreatePosting } from '../../postings/api/savePosting';
import { PostingForm } from '../../postings/components/PostingForm';
import { EMPTY_FORM } from '../../postings/utils/postingForm';

const texts = {
  ja: {
    title: 'FAXで届いた募集の代理登録',
    lead: '医療機関の情報と、登録票の①〜⑬を入力してください。登録するとすぐに公開されます。',
    submit: '医療機関に代わって登録する',
    busy: '登録しています…',
    back: '管理メニューに戻る',
    done: '募集を登録しました',
    doneBody: '{name}（医療機関ID: {gmis}）の募集を登録しました（募集番号 {id}）。はじめての医療機関の場合は、{email} にパスワード設定用のメールを送りました。',
    view: '登録した募集を見る',
    another: '続けて別の募集を登録する',
  },
  en: {
    title: 'Register a faxed posting',
    lead: 'Enter the facility and items ① to ⑬ of its form. The posting is published at once.',
    submit: 'Register on behalf of the facility',
    busy: 'Registering…',
    back: 'Back to administration',
    done: 'Posting registered',
    doneBody: 'Registered posting no. {id} for {name} (facility ID {gmis}). If the facility is new, an e-mail to set its password went to {email}.',
    view: 'View the posting',
    another: 'Register another',
  },
};

type FullPosting = components['schemas']['FullPosting'];

export function AdminNewPostingPage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const create = useCreatePosting();
  const [done, setDone] = useState<{ posting: FullPosting; email: string } | null>(null);
  const [round, setRound] = useState(0);

  if (done) {
    return (
      <div className="page page-narrow">
        <h1 tabIndex={-1}>{t.done}</h1>
        <p className="alert alert-success" role="status">
          {fill(t.doneBody, { id: done.posting.id, name: done.posting.facility.name, gmis: done.posting.facility.gmis_id, email: done.email })}
        </p>
        <p className="actions">
          <Link className="btn btn-primary" to={`/postings/${done.posting.id}`}>
            {t.view}
          </Link>
          <Button variant="secondary" onClick={() => { setDone(null); setRound((r) => r + 1); }}>
            {t.another}
          </Button>
        </p>
      </div>
    );
  }

  return (
    <div className="page page-form">
      <p className="back-link">
        <Link to="/admin">← {t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <PostingForm
        key={round}
        initial={EMPTY_FORM}
        withFacility
        submitLabel={t.submit}
        busyLabel={t.busy}
        onSubmit={async (input, facility) => {
          const posting = await create.mutateAsync({ ...input, facility });
          setDone({ posting, email: facility?.email ?? '' });
          window.scrollTo(0, 0);
        }}
      />
    </div>
  );
}
