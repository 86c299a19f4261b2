import { useEffect, useRef } from 'react';
import { fieldIdAt } from '../api/errors';
import { fill, useText } from '../lib/i18n';

const texts = {
  ja: { summary: '{n}件の項目を確かめてください', hint: '項目名を選ぶと、その入力欄に移動します。' },
  en: { summary: 'Please check {n} item(s)', hint: 'Choose an item to go to its field.' },
};

/**
 * The problems of a form, listed above it and focused when they appear; each links to its
 * field. `errors` is keyed by field path (`''` for the form as a whole).
 */
export function ErrorSummary({ errors, labels, round }: { errors: Record<string, readonly string[]>; labels: Record<string, string>; round: number }) {
  const t = useText(texts);
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter(([, m]) => m.length > 0);
  useEffect(() => {
    // Each failed submit (a new round) brings the summary into view and reads it out.
    if (round > 0) ref.current?.focus();
  }, [round]);
  if (entries.length === 0) return null;
  return (
    <div className="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <p className="alert-title" id="error-summary-title">
        {fill(t.summary, { n: entries.length })}
      </p>
      <p className="hint">{t.hint}</p>
      <ul>
        {entries.map(([path, messages]) =>
          path === '' ? (
            <li key="form">{messages.join(' ')}</li>
          ) : (
            <li key={path}>
              <a
                href={`#${fieldIdAt(path)}`}
                onClick={(e) => {
                  const target = document.getElementById(fieldIdAt(path));
                  if (target) {
                    e.preventDefault();
                    target.focus();
                    target.scrollIntoView({ block: 'center' });
                  }
                }}
              >
                {labels[path.replace(/\[\d+\]/g, '')] ?? path}
              </a>
              : {messages.join(' ')}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
