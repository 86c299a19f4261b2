// The typed API client, generated from ../openapi.yaml (see `npm run gen`).

import createClient from 'openapi-fetch';
import { ApiError } from './errors';
import type { paths } from './schema';
import { baseUrl, sessionFetch } from './session';

export const api = createClient<paths>({
  baseUrl: baseUrl(),
  fetch: sessionFetch,
});

/** The data of a successful call; any failure is thrown as an `ApiError`. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.from(response, error);
  return data as T;
}

