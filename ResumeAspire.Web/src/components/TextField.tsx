import type { HTMLInputTypeAttribute, ReactNode } from 'react';
import { describedBy } from '../fieldErrors';
import { FieldError } from './FieldError';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The Api's messages for this field. */
  errors?: string[];
  hint?: ReactNode;
  /** Renders a textarea with this many rows. */
  rows?: number;
  type?: HTMLInputTypeAttribute;
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  maxLength?: number;
  wide?: boolean;
  /** Marks the field invalid without a message of its own (e.g. the counter already says it). */
  invalid?: boolean;
}

/** A labelled input or textarea with an optional hint and the Api's messages under it. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, errors, hint, rows, type = 'text', required, placeholder, autoComplete, maxLength, wide, invalid } = props;
  const hasErrors = (errors?.length ?? 0) > 0;
  const common = {
    id,
    value,
    required,
    placeholder,
    maxLength,
    'aria-invalid': hasErrors || invalid ? true : undefined,
    'aria-describedby': describedBy(hint ? `${id}-hint` : null, hasErrors && `${id}-error`),
  };
  return (
    <div className={wide || rows ? 'field wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
