// Custom ticket fields: super admins define them (text, number, select, checkbox; optionally
// required), everyone signed in reads them to fill in a form, and every write of a ticket's
// values is checked against them (domain/tickets/customFields.ts).
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import {
  assertFieldDefinitions,
  validateFieldValues,
  type CustomFieldValue,
} from '../../domain/tickets/customFields.js';
import type {
  CreateTicketFieldBody,
  UpdateTicketFieldBody,
} from '../../shared/ticketSettingsApi.js';
import type { TicketFieldRow } from '../../storage/schema.js';
import * as repo from '../../storage/repositories/tickets/ticketFields.js';
import type {
  FieldSettings,
  TicketFieldRecord,
} from '../../storage/repositories/tickets/ticketFields.js';
import { isUniqueViolation, type Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const onlySuperAdmins = () => forbidden('Only super admins define ticket fields');

export function listTicketFields(ctx: ServiceContext): Promise<TicketFieldRecord[]> {
  return repo.listTicketFields(ctx.store.db);
}

function settingsOf(body: {
  maxLength?: number | null;
  min?: number | null;
  max?: number | null;
  integer?: boolean;
  options?: string[] | null;
}): FieldSettings {
  const settings: FieldSettings = {};
  if (body.maxLength !== null && body.maxLength !== undefined) settings.maxLength = body.maxLength;
  if (body.min !== null && body.min !== undefined) settings.min = body.min;
  if (body.max !== null && body.max !== undefined) settings.max = body.max;
  if (body.integer) settings.integer = true;
  if (body.options !== null && body.options !== undefined) settings.options = body.options;
  return settings;
}

/** Settings that do not belong to the type are refused rather than kept unused. */
function assertSettingsFit(type: TicketFieldRow['type'], settings: FieldSettings): void {
  const allowed: Record<TicketFieldRow['type'], Array<keyof FieldSettings>> = {
    text: ['maxLength'],
    number: ['min', 'max', 'integer'],
    select: ['options'],
    checkbox: [],
  };
  for (const key of Object.keys(settings) as Array<keyof FieldSettings>) {
    if (!allowed[type].includes(key)) {
      throw new AppError('VALIDATION_FAILED', `${key}: not a setting of a ${type} field`, key);
    }
  }
}

const keyTaken = (key: string) =>
  new AppError('VALIDATION_FAILED', `key: "${key}" is used by another field`, 'key');

/** Checks the definition (key, label, options, bounds) and that no other field has its key. */
async function assertDefinitionFits(db: Db, row: TicketFieldRow): Promise<void> {
  try {
    assertFieldDefinitions([repo.definitionOf(row)]);
  } catch (error) {
    // The domain names the field by its place in a list: here, `fields[0].`.
    if (error instanceof AppError && error.field?.startsWith('fields[0].')) {
      const field = error.field.slice('fields[0].'.length);
      throw new AppError('VALIDATION_FAILED', error.message.replace('fields[0].', ''), field);
    }
    throw error;
  }
  const others = await repo.listTicketFields(db);
  if (others.some((f) => f.row.key === row.key && f.row.id !== row.id)) throw keyTaken(row.key);
}

export async function createTicketField(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateTicketFieldBody,
): Promise<TicketFieldRecord> {
  if (!ticketPolicy.manageSettings(viewer)) throw onlySuperAdmins();
  const settings = settingsOf(body);
  assertSettingsFit(body.type, settings);
  const now = ctx.clock.now();
  const row: TicketFieldRow = {
    id: ctx.ids.next(),
    key: body.key,
    label: body.label,
    type: body.type,
    required: body.required ? 1 : 0,
    settings: JSON.stringify(settings),
    position: body.position,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.store.transaction(async (trx) => {
      await assertDefinitionFits(trx, row);
      await repo.insertTicketField(trx, row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken(body.key);
    throw error;
  }
  return { row, definition: repo.definitionOf(row) };
}

export async function updateTicketField(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: UpdateTicketFieldBody,
): Promise<TicketFieldRecord> {
  if (!ticketPolicy.manageSettings(viewer)) throw onlySuperAdmins();
  return ctx.store.transaction(async (trx) => {
    const field = await repo.findTicketField(trx, id);
    if (!field) throw notFound('Ticket field');
    const current = JSON.parse(field.row.settings) as FieldSettings;
    // null clears a setting; absent keeps it.
    const settings = settingsOf({
      maxLength: body.maxLength === undefined ? current.maxLength : body.maxLength,
      min: body.min === undefined ? current.min : body.min,
      max: body.max === undefined ? current.max : body.max,
      integer: body.integer ?? current.integer,
      options: body.options === undefined ? current.options : body.options,
    });
    assertSettingsFit(field.row.type, settings);
    const row: TicketFieldRow = {
      ...field.row,
      label: body.label ?? field.row.label,
      required: body.required === undefined ? field.row.required : body.required ? 1 : 0,
      settings: JSON.stringify(settings),
      position: body.position ?? field.row.position,
      updated_at: ctx.clock.now(),
    };
    await assertDefinitionFits(trx, row);
    const { id: _id, key: _key, type: _type, created_at: _created, ...changes } = row;
    await repo.updateTicketField(trx, id, changes);
    return { row, definition: repo.definitionOf(row) };
  });
}

/** Deletes the field and every ticket's value of it; the history keeps what was recorded. */
export async function deleteTicketField(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  if (!ticketPolicy.manageSettings(viewer)) throw onlySuperAdmins();
  const field = await repo.findTicketField(ctx.store.db, id);
  if (!field) throw notFound('Ticket field');
  await repo.deleteTicketField(ctx.store.db, id);
}

/**
 * A ticket's values checked against every definition (required ones included), as the writes
 * to make by field id: a value, or undefined to remove one.
 */
export function checkedFieldValues(
  fields: readonly TicketFieldRecord[],
  values: Record<string, unknown>,
): Array<{ fieldId: string; key: string; value: CustomFieldValue | undefined }> {
  const clean = validateFieldValues(
    fields.map((f) => f.definition),
    values,
  );
  return fields.map((f) => ({ fieldId: f.row.id, key: f.row.key, value: clean[f.row.key] }));
}
