// The typed API client, generated from ../openapi.yaml (see `npm run gen`), and the request
// and response types of its operations, by path and method.

import createClient from 'openapi-fetch';
import type { HttpMethod } from 'openapi-typescript-helpers';
import { ApiError } from './errors';
import type { paths } from './schema';
import { baseUrl, sessionFetch } from './session';

export const api = createClient<paths>({
  baseUrl: baseUrl(),
  fetch: sessionFetch,
});

/** The JSON a successful call of `method` on `path` answers with. */
export type ResponseOf<P extends keyof paths, M extends HttpMethod> = paths[P] extends Record<M, { responses: infer R }>
  ? { [S in keyof R]: S extends 200 | 201 ? (R[S] extends { content: { 'application/json': infer J } } ? J : never) : never }[keyof R]
  : never;

/** The JSON body `method` on `path` takes. */
export type RequestOf<P extends keyof paths, M extends HttpMethod> = paths[P] extends Record<
  M,
  { requestBody?: { content: { 'application/json': infer B } } }
>
  ? B
  : never;

/** The data of a successful call; any failure is thrown as an `ApiError`. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.from(response, error);
  return data as T;
}
