// The ticket's custom fields on the desk's side panel (Student ID, Programme…), each saved when it
// is changed: a text or number when it loses focus or on Enter, a choice or a tick at once. The
// server checks every value against the definitions (docs/tickets.md) and its refusal is shown
// by the panel, which loads the ticket again.
import { useState } from 'preact/hooks';
import type { FieldValue, Ticket, UpdateTicketBody } from '../../../shared/ticketsApi.js';
import type { TicketField } from '../../../shared/ticketSettingsApi.js';
import { Field } from '../../components/Field.js';

type Value = string | number | boolean | undefined;

/** What a text box's content means for the field: null clears it, a number field takes numbers. */
export function parseFieldInput(field: TicketField, raw: string): string | number | null {
  const text = raw.trim();
  if (text === '') return null;
  if (field.type !== 'number') return text;
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

export function TicketFieldsSection({
  ticket,
  fields,
  disabled,
  onSave,
}: {
  ticket: Ticket;
  fields: readonly TicketField[];
  disabled: boolean;
  onSave: (changes: UpdateTicketBody) => Promise<void>;
}) {
  if (fields.length === 0) return null;
  const save = (key: string, value: FieldValue | null) => onSave({ fields: { [key]: value } });
  return (
    <section class="ticket-panel__section stack" aria-labelledby="ticket-fields">
      <h2 id="ticket-fields" class="ticket-panel__title">
        Fields
      </h2>
      {fields.map((field) => (
        <FieldControl
          key={field.id}
          field={field}
          value={ticket.fields[field.key]}
          disabled={disabled}
          onSave={(value) => void save(field.key, value)}
        />
      ))}
    </section>
  );
}

function FieldControl({
  field,
  value,
  disabled,
  onSave,
}: {
  field: TicketField;
  value: Value;
  disabled: boolean;
  onSave: (value: FieldValue | null) => void;
}) {
  const label = field.required ? `${field.label} (required)` : field.label;
  if (field.type === 'checkbox')
    return (
      <label class="checkbox">
        <input
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onSave(e.currentTarget.checked)}
        />
        {label}
      </label>
    );
  if (field.type === 'select')
    return (
      <Field label={label}>
        {(control) => (
          <select
            {...control}
            class="input select"
            value={typeof value === 'string' ? value : ''}
            disabled={disabled}
            onChange={(e) => onSave(e.currentTarget.value || null)}
          >
            <option value="">—</option>
            {(field.options ?? []).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  return (
    <TextFieldControl
      field={field}
      label={label}
      value={value}
      disabled={disabled}
      onSave={onSave}
    />
  );
}

function TextFieldControl({
  field,
  label,
  value,
  disabled,
  onSave,
}: {
  field: TicketField;
  label: string;
  value: Value;
  disabled: boolean;
  onSave: (value: FieldValue | null) => void;
}) {
  const shown = value === undefined ? '' : String(value);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null || draft === shown) return setDraft(null);
    onSave(parseFieldInput(field, draft));
    setDraft(null);
  };
  const common = {
    class: 'input',
    value: draft ?? shown,
    disabled,
    onInput: (e: { currentTarget: HTMLInputElement }) => setDraft(e.currentTarget.value),
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        commit();
      }
    },
  };
  return (
    <Field label={label}>
      {(control) =>
        field.type === 'number' ? (
          <input
            {...control}
            {...common}
            type="number"
            min={field.min ?? undefined}
            max={field.max ?? undefined}
            step={field.integer ? 1 : 'any'}
          />
        ) : (
          <input {...control} {...common} type="text" maxLength={field.maxLength ?? undefined} />
        )
      }
    </Field>
  );
}
