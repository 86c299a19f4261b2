import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { parseDate } from '../lib/era';

/**
 * A filter kept in the page's address, so a filtered view can be bookmarked and shared:
 * `read` turns the query into the filter; `apply` replaces the query with a filter's
 * non-empty values (and so goes back to the first page).
 */
export function useAddressFilter<F extends object>(read: (params: URLSearchParams) => F) {
  const [params, setParams] = useSearchParams();
  const apply = (f: F) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, String(v));
    setParams(next);
  };
  return { params, filter: read(params), apply };
}

/**
 * The draft of a filter form with a `from`–`to` range of days: dates are typed as people
 * write them (令和, full-width) and read into ISO dates on submit; one that cannot be read
 * is an error at its field, and nothing is applied. `finish` tidies the other fields.
 */
export function useRangeDraft<F extends { from: string; to: string }>(filter: F, badDate: string, onApply: (f: F) => void, finish: (f: F) => F = (f) => f) {
  const [draft, setDraft] = useState(filter);
  const [bad, setBad] = useState<Record<string, string[]>>({});
  const set = (k: keyof F) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const from = draft.from.trim() ? parseDate(draft.from) : '';
    const to = draft.to.trim() ? parseDate(draft.to) : '';
    const errors: Record<string, string[]> = {};
    if (from === null) errors.from = [badDate];
    if (to === null) errors.to = [badDate];
    setBad(errors);
    if (Object.keys(errors).length === 0) onApply(finish({ ...draft, from: from ?? '', to: to ?? '' }));
  };
  return { draft, bad, set, submit };
}
