// Queries on custom ticket fields: the definitions super admins keep (as the domain's
// CustomFieldDefinition) and each ticket's values, stored as JSON by field.
import type {
  CustomFieldDefinition,
  CustomFieldValue,
  CustomFieldValues,
} from '../../../domain/tickets/customFields.js';
import type { TicketFieldRow } from '../../schema.js';
import type { Db } from '../../store.js';

export interface TicketFieldRecord {
  row: TicketFieldRow;
  definition: CustomFieldDefinition;
}

/** What a definition keeps beside key, label, type and required. */
export interface FieldSettings {
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  options?: string[];
}

export function definitionOf(row: TicketFieldRow): CustomFieldDefinition {
  const settings = JSON.parse(row.settings) as FieldSettings;
  const base = { key: row.key, label: row.label, required: row.required === 1 };
  switch (row.type) {
    case 'text':
      return { ...base, type: 'text', ...pick(settings, ['maxLength']) };
    case 'number':
      return { ...base, type: 'number', ...pick(settings, ['min', 'max', 'integer']) };
    case 'select':
      return { ...base, type: 'select', options: settings.options ?? [] };
    case 'checkbox':
      return { ...base, type: 'checkbox' };
  }
}

function pick<K extends keyof FieldSettings>(settings: FieldSettings, keys: K[]) {
  const picked: Partial<Pick<FieldSettings, K>> = {};
  for (const key of keys) if (settings[key] !== undefined) picked[key] = settings[key];
  return picked;
}

const toRecord = (row: TicketFieldRow): TicketFieldRecord => ({
  row,
  definition: definitionOf(row),
});

/** Every field, in the order forms show them (position, then label). */
export async function listTicketFields(db: Db): Promise<TicketFieldRecord[]> {
  const rows = await db
    .selectFrom('ticket_fields')
    .selectAll()
    .orderBy('position')
    .orderBy('label')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function findTicketField(db: Db, id: string): Promise<TicketFieldRecord | undefined> {
  const row = await db
    .selectFrom('ticket_fields')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function insertTicketField(db: Db, row: TicketFieldRow): Promise<void> {
  await db.insertInto('ticket_fields').values(row).execute();
}

export async function updateTicketField(
  db: Db,
  id: string,
  changes: Partial<Omit<TicketFieldRow, 'id' | 'key' | 'type' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('ticket_fields').set(changes).where('id', '=', id).execute();
}

/** Deletes the definition and, with it, every ticket's value of it. */
export async function deleteTicketField(db: Db, id: string): Promise<void> {
  await db.deleteFrom('ticket_fields').where('id', '=', id).execute();
}

/** Each ticket's values, by field key. */
export async function fieldValuesByTicket(
  db: Db,
  ticketIds: readonly string[],
): Promise<Map<string, CustomFieldValues>> {
  const byTicket = new Map<string, CustomFieldValues>();
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .selectFrom('ticket_field_values as v')
    .innerJoin('ticket_fields as f', 'f.id', 'v.field_id')
    .select(['v.ticket_id', 'f.key', 'v.value'])
    .where('v.ticket_id', 'in', [...ticketIds])
    .execute();
  for (const { ticket_id, key, value } of rows) {
    const values = byTicket.get(ticket_id) ?? {};
    values[key] = JSON.parse(value) as CustomFieldValue;
    byTicket.set(ticket_id, values);
  }
  return byTicket;
}

/** Writes the ticket's values: each field's new value, or its removal (undefined). */
export async function writeFieldValues(
  db: Db,
  ticketId: string,
  values: ReadonlyArray<{ fieldId: string; value: CustomFieldValue | undefined }>,
): Promise<void> {
  const removed = values.filter((v) => v.value === undefined).map((v) => v.fieldId);
  if (removed.length > 0) {
    await db
      .deleteFrom('ticket_field_values')
      .where('ticket_id', '=', ticketId)
      .where('field_id', 'in', removed)
      .execute();
  }
  for (const { fieldId, value } of values) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await db
      .insertInto('ticket_field_values')
      .values({ ticket_id: ticketId, field_id: fieldId, value: json })
      .onConflict((oc) => oc.columns(['ticket_id', 'field_id']).doUpdateSet({ value: json }))
      .execute();
  }
}

/** The ticket's values by field id (what a follow-up takes over). */
export async function fieldValueRows(
  db: Db,
  ticketId: string,
): Promise<Array<{ fieldId: string; value: CustomFieldValue }>> {
  const rows = await db
    .selectFrom('ticket_field_values')
    .select(['field_id', 'value'])
    .where('ticket_id', '=', ticketId)
    .execute();
  return rows.map((row) => ({
    fieldId: row.field_id,
    value: JSON.parse(row.value) as CustomFieldValue,
  }));
}
