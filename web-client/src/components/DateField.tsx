import { parseDate, formatDate } from '../lib/era';
import { useLang } from '../lib/i18n';
import { TextField } from './fields';

const texts = {
  ja: { hint: '例: 令和8年12月1日、R8.12.1、2026-12-01', invalid: '日付として読み取れません' },
  en: { hint: 'e.g. 2026-12-01, 令和8年12月1日 or R8.12.1', invalid: 'Not a date we can read' },
};

/** A date typed in 令和 or western form; the reading is shown beneath as the user types. */
export function DateField({ path, label, value, onChange, errors, required }: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[] | undefined;
  required?: boolean;
}) {
  const lang = useLang();
  const t = texts[lang];
  const parsed = parseDate(value);
  return (
    <TextField
      path={path}
      label={label}
      hint={t.hint}
      value={value}
      onChange={onChange}
      errors={errors}
      required={required}
      width="medium"
      autoComplete="off"
      after={
        value.trim() !== '' && (
          <p className={parsed ? 'date-preview' : 'date-preview date-preview-bad'}>
            {parsed ? `→ ${formatDate(parsed, lang)}` : t.invalid}
          </p>
        )
      }
    />
  );
}
