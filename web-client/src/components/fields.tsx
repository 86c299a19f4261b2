// Labelled form controls. Every control has a visible label, its hint and error are tied to
// it with aria-describedby, and its id comes from the API field path (`fieldId`) so an
// error summary can link to it.

import type { InputHTMLAttributes, ReactNode } from 'react';
import { fieldId } from '../api/errors';
import { useLang } from '../lib/i18n';

function describedBy(id: string, hint: ReactNode, errors: readonly string[] | undefined) {
  const ids = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {errors.map((e) => (
        <span key={e}>{e} </span>
      ))}
    </p>
  );
}

export function RequiredMark({ required }: { required?: boolean | undefined }) {
  const lang = useLang();
  if (!required) return null;
  return <span className="required">{lang === 'en' ? 'Required' : '必須'}</span>;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[] | undefined;
  /** Shown under the control (e.g. the era reading of a date). */
  after?: ReactNode;
  width?: 'short' | 'medium' | 'long';
  multiline?: boolean;
}

export function TextField({ path, label, hint, value, onChange, errors, after, width = 'long', multiline, required, ...rest }: TextFieldProps) {
  const id = fieldId(path);
  const common = {
    id,
    name: path,
    value,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': describedBy(id, hint, errors),
    'aria-required': required || undefined,
    className: `input input-${width}`,
  };
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="label">
        {label} <RequiredMark required={required} />
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type="text" {...rest} {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {after}
    </div>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  /** A facet count shown after the label. */
  count?: number | undefined;
}

interface ChoiceGroupProps {
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly Option[];
  errors?: readonly string[] | undefined;
  required?: boolean;
  columns?: boolean;
  /** Short choices side by side. */
  inline?: boolean;
  countLabel?: (n: number) => string;
}

interface CheckboxGroupProps extends ChoiceGroupProps {
  value: readonly string[];
  onChange: (value: string[]) => void;
}

interface RadioGroupProps extends ChoiceGroupProps {
  value: string;
  onChange: (value: string) => void;
}

function Group({ path, legend, hint, errors, required, columns, inline, children }: ChoiceGroupProps & { children: ReactNode }) {
  const id = fieldId(path);
  return (
    <fieldset
      className={`field choice-group${errors?.length ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, hint, errors)}
    >
      <legend className="label">
        {legend} <RequiredMark required={required} />
      </legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
      <div className={columns ? 'choices choices-columns' : inline ? 'choices choices-inline' : 'choices'}>{children}</div>
    </fieldset>
  );
}

function Choice({ id, name, type, checked, onChange, option, countLabel }: {
  id: string;
  name: string;
  type: 'checkbox' | 'radio';
  checked: boolean;
  onChange: (checked: boolean) => void;
  option: Option;
  countLabel?: ((n: number) => string) | undefined;
}) {
  return (
    <div className="choice">
      <input id={id} type={type} name={name} value={option.value} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>
        {option.label}
        {option.count !== undefined && (
          <span className="count"> {countLabel ? countLabel(option.count) : option.count}</span>
        )}
      </label>
    </div>
  );
}

export function CheckboxGroup(props: CheckboxGroupProps) {
  const { path, options, value, onChange, countLabel } = props;
  const id = fieldId(path);
  return (
    <Group {...props}>
      {options.map((o, i) => (
        <Choice
          key={o.value}
          id={i === 0 ? id : `${id}-${o.value}`}
          name={path}
          type="checkbox"
          option={o}
          countLabel={countLabel}
          checked={value.includes(o.value)}
          onChange={(on) => onChange(on ? [...value, o.value] : value.filter((v) => v !== o.value))}
        />
      ))}
    </Group>
  );
}

export function RadioGroup(props: RadioGroupProps) {
  const { path, options, value, onChange } = props;
  const id = fieldId(path);
  return (
    <Group {...props}>
      {options.map((o, i) => (
        <Choice
          key={o.value}
          id={i === 0 ? id : `${id}-${o.value}`}
          name={path}
          type="radio"
          option={o}
          checked={value === o.value}
          onChange={(on) => on && onChange(o.value)}
        />
      ))}
    </Group>
  );
}

interface SelectFieldProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[] | undefined;
  required?: boolean;
  children: ReactNode;
}

export function SelectField({ path, label, hint, value, onChange, errors, required, children }: SelectFieldProps) {
  const id = fieldId(path);
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="label">
        {label} <RequiredMark required={required} />
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
      <select
        id={id}
        name={path}
        className="input input-medium"
        value={value}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        aria-required={required || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </div>
  );
}
