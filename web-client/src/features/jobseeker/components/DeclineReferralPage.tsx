// Declining a referral from the link in its mail: what will happen, one clear button, and
// the result. The account made for the referral and everything entered are erased.

import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePageTitle } from '../../../components/usePageTitle';
import { useText } from '../../../lib/i18n';

const texts = {
  ja: {
    title: '紹介を辞退する',
    lead: '窓口からのご紹介を辞退すると、ご紹介のために作られたアカウントと、入力されたお名前・連絡先・メッセージが削除され、医療機関とのやりとりは終了します。',
    confirm: '紹介を辞退する',
    busy: '手続きしています…',
    done: '紹介を辞退しました。入力された情報は削除されました。',
    noToken: 'このページは、紹介のメールにあるリンクから開いてください。',
  },
  en: {
    title: 'Decline the referral',
    lead: 'Declining erases the account made for the referral and the name, contact details and message entered, and ends the conversation with the facility.',
    confirm: 'Decline the referral',
    busy: 'Declining…',
    done: 'You declined the referral. What was entered has been erased.',
    noToken: 'Open this page from the link in the referral e-mail.',
  },
};

export function DeclineReferralPage() {
  const t = useText(texts);
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const decline = useMutation({
    mutationFn: async () => {
      const { error, response } = await api.POST('/api/v1/referrals/decline', { body: { token } });
      if (!response.ok) throw ApiError.from(response, error);
    },
  });
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      {decline.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t.done}
        </p>
      ) : !token ? (
        <p className="alert alert-error" role="alert">
          {t.noToken}
        </p>
      ) : (
        <div className="card">
          <p>{t.lead}</p>
          {decline.error && <ErrorAlert error={decline.error} />}
          <Button variant="danger" busy={decline.isPending} busyLabel={t.busy} onClick={() => decline.mutate()}>
            {t.confirm}
          </Button>
        </div>
      )}
    </div>
  );
}
