import type { ReactNode } from 'react';

/**
 * A table in a scrollable region that keyboard users can reach and screen readers name by
 * its caption (hidden unless `showCaption`): the shape every list of rows shares.
 */
export function DataTable({
  id,
  caption,
  headers,
  children,
  showCaption = false,
}: {
  id: string;
  caption: string;
  headers: ReactNode;
  children: ReactNode;
  showCaption?: boolean;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id} className={showCaption ? undefined : 'visually-hidden'}>
          {caption}
        </caption>
        <thead>
          <tr>{headers}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
