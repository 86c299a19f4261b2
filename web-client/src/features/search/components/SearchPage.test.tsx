import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, publicPosting } from '../../../test/fixtures';
import { SearchPage } from './SearchPage';

const reference: Record<string, unknown> = {
  occupations: { items: [{ code: 'nurse', name_ja: '看護師', name_en: 'Nurse' }, { code: 'midwife', name_ja: '助産師', name_en: 'Midwife' }] },
  'facility-types': { items: [{ code: 'hospital', name_ja: '病院', name_en: 'Hospital' }] },
  duties: { items: [{ code: 'general_outpatient', name_ja: '一般内科外来業務', name_en: 'General outpatient' }] },
  'wage-units': { items: [{ code: 'hourly', name_ja: '時給', name_en: 'Hourly' }] },
  insurance: { items: [] },
  'other-listings': { items: [] },
  prefectures: {
    items: [
      { code: '13', name_ja: '東京都', name_en: 'Tokyo', region: { code: 'kanto', name_ja: '関東', name_en: 'Kanto' } },
      { code: '27', name_ja: '大阪府', name_en: 'Osaka', region: { code: 'kinki', name_ja: '近畿', name_en: 'Kinki' } },
    ],
  },
};

// A postal code's place, without loading the postal data.
vi.mock('../../postings/utils/postalLookup', () => ({
  lookupPostalCode: async (code: string) => (code === '1000001' ? { prefecture_code: '13', municipality: '千代田区', area: '千代田' } : null),
}));

const searches: URL[] = [];
/** Held by a test to keep the prefecture list from arriving. */
let prefecturesArrive: Promise<void> = Promise.resolve();

beforeEach(() => {
  searches.length = 0;
  prefecturesArrive = Promise.resolve();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      const ref = /\/api\/v1\/reference\/(.+)$/.exec(url.pathname);
      if (ref?.[1] === 'prefectures') await prefecturesArrive;
      if (ref) return json(reference[ref[1] ?? '']);
      if (url.pathname === '/api/v1/postings') {
        searches.push(url);
        return json({
          items: [publicPosting(true)],
          total: 45,
          page: Number(url.searchParams.get('page') ?? 1),
          per_page: 20,
          facets: { occupation: [{ code: 'nurse', label: '看護師', count: 45 }, { code: 'midwife', label: '助産師', count: 3 }], prefecture: [], facility_type: [], duty: [] },
        });
      }
      return json({ error: { code: 'not_found', message: 'no', fields: [] } }, 404);
    }),
  );
});

let navigate: ReturnType<typeof useNavigate> = () => undefined;
function Location() {
  navigate = useNavigate();
  return <output data-testid="location">{useLocation().search}</output>;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/"
            element={
              <>
                <SearchPage />
                <Location />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('SearchPage', () => {
  it('reads the search from the URL, and writes the form back to the URL', async () => {
    renderAt('/?occupation=nurse&prefecture=13&page=2');
    await screen.findByText('45件の募集があります（21〜40件目を表示）');
    expect(searches[0]?.searchParams.getAll('occupation')).toEqual(['nurse']);
    expect(searches[0]?.searchParams.get('prefecture')).toBe('13');
    expect(searches[0]?.searchParams.get('page')).toBe('2');

    const nurse = (await screen.findByLabelText(/^看護師/)) as HTMLInputElement;
    expect(nurse.checked).toBe(true);
    expect((screen.getByLabelText(/^東京都/) as HTMLInputElement).checked).toBe(true);
    // Facet counts beside the choices.
    expect(screen.getByLabelText(/^助産師/).closest('.choice')?.textContent).toContain('3件');

    fireEvent.click(screen.getByLabelText(/^助産師/));
    fireEvent.change(screen.getByLabelText('市区町村'), { target: { value: ' 千代田区 ' } });
    fireEvent.change(screen.getByLabelText('開始日'), { target: { value: '令和８年１２月１日' } });
    fireEvent.click(screen.getByRole('button', { name: 'この条件で検索' }));

    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '?occupation=nurse&occupation=midwife&prefecture=13&municipality=%E5%8D%83%E4%BB%A3%E7%94%B0%E5%8C%BA&available_from=2026-12-01',
      ),
    );
    await waitFor(() => expect(searches.at(-1)?.searchParams.getAll('occupation')).toEqual(['nurse', 'midwife']));
    expect(searches.at(-1)?.searchParams.get('available_from')).toBe('2026-12-01');
    expect(searches.at(-1)?.searchParams.get('page')).toBe('1');

    // Back: the form shows the earlier search again.
    act(() => {
      void navigate(-1);
    });
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('?occupation=nurse&prefecture=13&page=2'));
    expect((screen.getByLabelText(/^助産師/) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('市区町村') as HTMLInputElement).value).toBe('');
  });

  it('keeps a bad date out of the URL and says why next to it', async () => {
    renderAt('/');
    await screen.findByText(/45件の募集があります/);
    fireEvent.change(screen.getByLabelText('開始日'), { target: { value: '令和8年2月30日' } });
    fireEvent.click(screen.getByRole('button', { name: 'この条件で検索' }));
    expect(await screen.findByText(/日付として読み取れません（例/)).toBeTruthy();
    expect(screen.getByLabelText('開始日').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('location').textContent).toBe('');
  });

  it('searches near a postal code typed before the prefecture list arrived', async () => {
    let arrive = () => {};
    prefecturesArrive = new Promise((resolve) => {
      arrive = resolve;
    });
    renderAt('/');
    fireEvent.change(screen.getByLabelText('場所（市区町村名または郵便番号）'), { target: { value: '１００－０００１' } });
    fireEvent.click(screen.getByRole('button', { name: 'この条件で検索' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    arrive();
    await waitFor(() => expect(new URLSearchParams(screen.getByTestId('location').textContent ?? '').get('near')).toBe('東京都千代田区'));
    expect(screen.queryByText(/郵便番号/, { selector: '.field-error, [role="alert"]' })).toBeNull();
  });

  it('changes the order at once', async () => {
    renderAt('/?occupation=nurse&page=3');
    await screen.findByText(/45件の募集があります/);
    fireEvent.change(screen.getByLabelText('並び順'), { target: { value: 'wage_desc' } });
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('?occupation=nurse&sort=wage_desc'));
  });
});
