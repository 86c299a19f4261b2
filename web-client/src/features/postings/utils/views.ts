// The posting views the API sends, told apart by `view` (SPEC 3).

import type { components } from '../../../api/schema';

type S = components['schemas'];
export type PostingView = S['PostingView'];
export type FullPosting = S['FullPosting'];
export type PostingIdentity = S['PostingIdentity'];

export function isFull(p: PostingView): p is FullPosting {
  return p.view === 'full';
}

/** The identifying fields when this caller may see them; absent for a masked posting. */
export function identityOf(p: PostingView): PostingIdentity | null {
  return p.identity ?? null;
}

/** Whether fields were withheld from this caller. */
export function isMasked(p: PostingView): boolean {
  return 'masked' in p && p.masked === true;
}
