/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
