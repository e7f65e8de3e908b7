// A labelled form control with an optional hint and error, wired for screen readers: the label
// names the control and the hint and error describe it. TextField is the common case, a field
// around one line of text.
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProps {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | null;
  optional?: boolean;
  children: (control: ControlProps) => ComponentChildren;
}

export function Field({ label, hint, error, optional, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> (optional)</span>}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Omit for each member of a union, so the input's type-dependent attributes stay paired. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type TextFieldProps = Omit<FieldProps, 'children'> &
  OmitEach<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'class' | 'label' | 'value' | 'onInput'
  > & {
    value: string;
    onValue: (value: string) => void;
  };

export function TextField({
  label,
  hint,
  error,
  optional,
  value,
  onValue,
  ...input
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(control) => (
        <input
          {...control}
          class="input"
          {...input}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
