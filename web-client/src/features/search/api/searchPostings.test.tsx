import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchOfflineError } from '../../../api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { json, publicPosting } from '../../../test/fixtures';
import { searchFromParams, searchToQuery } from '../utils/searchState';
import { useSearchPostings } from './searchPostings';

const state = searchFromParams(new URLSearchParams('occupation=nurse'));
const answer = { items: [publicPosting(true)], total: 1, page: 1, per_page: 20, facets: { occupation: [], prefecture: [], facility_type: [], duty: [] } };

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return { client, wrapper };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('searching without a connection', () => {
  it('fails at once while the browser is offline, without showing earlier results as this search’s', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const fetch = vi.fn(async () => json(answer));
    vi.stubGlobal('fetch', fetch);
    const { client, wrapper } = setup();
    // The same search, answered a while ago.
    client.setQueryData(['postings', 'search', 'anonymous', searchToQuery(state)], answer, { updatedAt: Date.now() - 3_600_000 });
    const { result } = renderHook(() => useSearchPostings(state), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(SearchOfflineError);
    expect(result.current.data).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('searches again by itself when the connection is back', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(answer)),
    );
    const { client, wrapper } = setup();
    client.mount();
    const { result } = renderHook(() => useSearchPostings(state), { wrapper });
    window.dispatchEvent(new Event('offline'));
    await waitFor(() => expect(result.current.isError).toBe(true));
    onLine.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(result.current.data?.total).toBe(1));
    client.unmount();
  });

  it('says the search cannot run when the request cannot get through', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const { wrapper } = setup();
    const { result } = renderHook(() => useSearchPostings(state), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(SearchOfflineError);
    render(<ErrorAlert error={result.current.error} />);
    expect(screen.getByRole('alert').textContent).toContain('オフラインのため検索できません。接続を確認してください。');
  });
});
