import { Link } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/usePageTitle';
import { fill, useText } from '../../../lib/i18n';
import { PostingCard } from '../../postings/components/PostingCard';
import { useLabels } from '../../reference/api/reference';
import { RequireRole } from '../../auth/components/RequireRole';
import { useFavourites, useToggleFavourite } from '../api/favourites';

const texts = {
  ja: {
    title: 'お気に入り',
    lead: '保存した募集です。終了した募集も、外すまで残ります。',
    empty: 'お気に入りはまだありません。募集のページの「お気に入りに保存」で追加できます。',
    search: '募集をさがす',
    loading: '読み込んでいます…',
    save: 'お気に入りに保存',
    saved: 'お気に入りに保存済み（外す）',
    remove: '{p} をお気に入りから外す',
    count: '{n}件',
    removeShort: '外す',
  },
  en: {
    title: 'Favourites',
    lead: 'Postings you saved. Closed ones stay until you remove them.',
    empty: 'No favourites yet. Use “Save as favourite” on a posting’s page.',
    search: 'Find postings',
    loading: 'Loading…',
    save: 'Save as favourite',
    saved: 'Saved as favourite (remove)',
    remove: 'Remove {p} from favourites',
    count: '{n}',
    removeShort: 'Remove',
  },
};

/** On a posting's page: saves it as a favourite, or takes it off (a toggle button). */
export function FavouriteButton({ postingId }: { postingId: number }) {
  const t = useText(texts);
  const favourites = useFavourites();
  const toggle = useToggleFavourite();
  const saved = favourites.data?.items.some((p) => p.id === postingId) ?? false;
  return (
    <p className="favourite">
      <Button
        variant="secondary"
        aria-pressed={saved}
        busy={toggle.isPending}
        busyLabel={t.loading}
        disabled={favourites.isPending}
        onClick={() => toggle.mutate({ id: postingId, save: !saved })}
      >
        {saved ? `★ ${t.saved}` : `☆ ${t.save}`}
      </Button>
      {toggle.isError && <ErrorAlert error={toggle.error} />}
    </p>
  );
}

export function FavouritesPage() {
  return (
    <RequireRole roles={['jobseeker']}>
      <FavouriteList />
    </RequireRole>
  );
}

function FavouriteList() {
  const t = useText(texts);
  usePageTitle(t.title);
  const labels = useLabels();
  const favourites = useFavourites();
  const toggle = useToggleFavourite();
  return (
    <div className="page page-narrow">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      {favourites.isPending && <Loading label={t.loading} />}
      {favourites.isError && <ErrorAlert error={favourites.error} />}
      {favourites.data && favourites.data.items.length === 0 && (
        <div role="status">
          <p>{t.empty}</p>
          <p>
            <Link className="btn btn-primary" to="/">
              {t.search}
            </Link>
          </p>
        </div>
      )}
      {favourites.data && favourites.data.items.length > 0 && (
        <>
          <h2 className="visually-hidden">{t.title}</h2>
          <p role="status">{fill(t.count, { n: favourites.data.items.length })}</p>
          <ul className="results">
            {favourites.data.items.map((p) => (
              <PostingCard
                key={p.id}
                posting={p}
                labels={labels}
                from="favourites"
                actions={
                  <p className="favourite">
                    <Button variant="secondary" onClick={() => toggle.mutate({ id: p.id, save: false })} aria-label={fill(t.remove, { p: `${labels.occupation(p.occupation)}（${p.workplace.prefecture_name}${p.workplace.municipality}）` })}>
                      ★ {t.removeShort}
                    </Button>
                  </p>
                }
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
