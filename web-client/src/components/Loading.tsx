import { Spinner } from './Spinner';

/** A busy message for a region that is loading; announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <Spinner /> {label}
    </p>
  );
}
