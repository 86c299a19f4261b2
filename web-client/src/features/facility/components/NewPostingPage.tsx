import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { useCreatePosting } from '../../postings/api/savePosting';
import { PostingForm } from '../../postings/components/PostingForm';
import { EMPTY_FORM } from '../../postings/utils/postingForm';

const texts = {
  ja: {
    title: '新しい募集の登録',
    lead: '登録票の①〜⑬の順に入力してください。「必須」の項目は必ず入力します。登録すると、すぐに公開されます。',
    submit: 'この内容で登録する',
    busy: '登録しています…',
    back: '募集の管理に戻る',
    done: '募集を登録しました（募集番号 {id}）。',
  },
  en: {
    title: 'Register a posting',
    lead: 'Fill in items ① to ⑬ as on the registration form. Items marked “Required” must be filled in. The posting is published at once.',
    submit: 'Register',
    busy: 'Registering…',
    back: 'Back to your postings',
    done: 'The posting was registered (no. {id}).',
  },
};

export function NewPostingPage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const navigate = useNavigate();
  const create = useCreatePosting();
  return (
    <div className="page page-form">
      <p className="back-link">
        <Link to="/facility">← {t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <PostingForm
        initial={EMPTY_FORM}
        submitLabel={t.submit}
        busyLabel={t.busy}
        onSubmit={async (input) => {
          const created = await create.mutateAsync(input);
          navigate('/facility?status=open', { state: { flash: fill(t.done, { id: created.id }) } });
        }}
      />
    </div>
  );
}
