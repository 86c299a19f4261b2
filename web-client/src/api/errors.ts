// API errors as the UI meets them. Every failure of the API client becomes an `ApiError`
// (with the server's code, message and per-field problems) or a `NetworkError`.

import type { components } from './schema';

type FieldErrorBody = components['schemas']['FieldErrorBody'];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrorBody[];
  /** Seconds, from Retry-After on a 429. */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, fields: FieldErrorBody[] = [], retryAfter: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }

  /** Builds the error from a failed response and its parsed body (any shape). */
  static from(response: Response, body: unknown): ApiError {
    const retry = Number(response.headers.get('Retry-After'));
    const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
    const detail = (body as { error?: Partial<components['schemas']['ErrorDetail']> } | null)?.error;
    if (detail && typeof detail.message === 'string') {
      return new ApiError(response.status, detail.code ?? 'error', detail.message, detail.fields ?? [], retryAfter);
    }
    return new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`, [], retryAfter);
  }
}

/** The server could not be reached (offline, DNS, connection refused). */
export class NetworkError extends Error {
  /** The browser knew it was offline when the request failed. */
  readonly offline: boolean;

  constructor(cause?: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
    this.offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  }
}

/** A search that could not reach the server: said as "offline, cannot search", not as results. */
export class SearchOfflineError extends NetworkError {
  constructor(cause?: unknown) {
    super(cause);
    this.name = 'SearchOfflineError';
  }
}

/**
 * The form field an API field path belongs to: list positions point at their list, so
 * `duties.codes[1]` is shown at the `duties.codes` group, `workplace.postal_code` stays as is.
 */
export function fieldKey(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

/** Field problems grouped by form field; problems without a field go under `''`. */
export function groupFieldErrors(fields: readonly FieldErrorBody[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    const key = fieldKey(f.field);
    const list = (out[key] ??= []);
    if (!list.includes(f.message)) list.push(f.message);
  }
  return out;
}

/** The id of the control for a field path: `workplace.postal_code` → `f-workplace-postal_code`. */
export function fieldId(path: string): string {
  return `f-${fieldKey(path).replace(/[^A-Za-z0-9_]+/g, '-')}`;
}

/** Like `fieldId`, but keeps list positions: `licences[1].licence_year` → `f-licences-1-licence_year`. */
export function fieldIdAt(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-$/, '')}`;
}

/** Field problems grouped by exact field path, list positions kept. */
/** The field errors of a failed mutation, by field (none when it failed otherwise). */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? groupFieldErrors(error.fields) : {};
}

export function groupFieldErrorsAt(fields: readonly FieldErrorBody[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    const list = (out[f.field] ??= []);
    if (!list.includes(f.message)) list.push(f.message);
  }
  return out;
}
