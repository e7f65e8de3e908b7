// Quick responses (canned replies): shared ones kept by super admins, personal ones by each agent,
// with variables checked when they are saved and a shortcut unique within its scope.
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { quickResponsePolicy, type Viewer } from '../../domain/policies.js';
import { templateProblems, validVariablesText } from '../../domain/quickResponseTemplate.js';
import type { CreateQuickResponseBody, UpdateQuickResponseBody } from '../../shared/api.js';
import * as repo from '../../storage/repositories/quickResponses.js';
import type { QuickResponseRecord } from '../../storage/repositories/quickResponses.js';
import type { QuickResponseRow } from '../../storage/schema.js';
import { isUniqueViolation } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

export function listQuickResponses(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<QuickResponseRecord[]> {
  if (!quickResponsePolicy.use(viewer)) throw forbidden('Quick responses are for agents');
  return repo.listQuickResponsesFor(ctx.store.db, viewer.id);
}

const braces = (name: string) => `{{${name}}}`;

/** Refuses a text whose `{{…}}` are not all known variables, naming the ones there are. */
function checkVariables(content: string): void {
  const { unknown, malformed } = templateProblems(content);
  if (unknown.length > 0) {
    throw new AppError(
      'UNKNOWN_VARIABLE',
      `content: unknown variable ${unknown.map(braces).join(', ')}; the variables are ${validVariablesText()}`,
      'content',
    );
  }
  if (malformed.length > 0) {
    throw new AppError(
      'MALFORMED_VARIABLE',
      `content: ${malformed[0]} is not a variable; write one as {{customer.firstName}}, from ${validVariablesText()}`,
      'content',
    );
  }
}

const shortcutTaken = (shortcut: string | null | undefined) =>
  new AppError(
    'SHORTCUT_TAKEN',
    `shortcut: another quick response already has /${shortcut ?? ''}`,
    'shortcut',
  );

/** Writes through the shortcut's unique index, which decides between two saves at once. */
async function withUniqueShortcut(shortcut: string | null | undefined, write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw shortcutTaken(shortcut);
    throw error;
  }
}

export async function createQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateQuickResponseBody,
): Promise<QuickResponseRecord> {
  const ownerId = body.shared ? null : viewer.id;
  if (!quickResponsePolicy.manage(viewer, { ownerId })) {
    throw forbidden(
      body.shared
        ? 'Only super admins manage shared quick responses'
        : 'Quick responses are for agents',
    );
  }
  checkVariables(body.content);
  const now = ctx.clock.now();
  const row: QuickResponseRow = {
    id: ctx.ids.next(),
    owner_id: ownerId,
    title: body.title,
    content: body.content,
    category: body.category ?? null,
    shortcut: body.shortcut ?? null,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  };
  await withUniqueShortcut(row.shortcut, () => repo.insertQuickResponse(ctx.store.db, row));
  return { row, useCount: 0 };
}

/**
 * Loads a response the viewer may see. Quick responses are for agents: anyone else is refused
 * whatever the id; an agent's response is missing for colleagues, who may not see it.
 */
export async function loadVisible(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<QuickResponseRecord> {
  if (!quickResponsePolicy.use(viewer)) throw forbidden('Quick responses are for agents');
  const record = await repo.findQuickResponse(ctx.store.db, id, viewer.id);
  if (!record || !quickResponsePolicy.view(viewer, { ownerId: record.row.owner_id })) {
    throw notFound('Quick response');
  }
  return record;
}

async function loadManageable(ctx: ServiceContext, viewer: Viewer, id: string) {
  const record = await loadVisible(ctx, viewer, id);
  if (!quickResponsePolicy.manage(viewer, { ownerId: record.row.owner_id })) {
    throw forbidden('Only super admins change shared quick responses');
  }
  return record;
}

export async function updateQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  changes: UpdateQuickResponseBody,
): Promise<QuickResponseRecord> {
  const record = await loadManageable(ctx, viewer, id);
  if (changes.content !== undefined) checkVariables(changes.content);
  const row = { ...record.row, ...changes, updated_at: ctx.clock.now() };
  await withUniqueShortcut(row.shortcut, () =>
    repo.updateQuickResponse(ctx.store.db, id, {
      title: row.title,
      content: row.content,
      category: row.category,
      shortcut: row.shortcut,
      updated_at: row.updated_at,
    }),
  );
  return { ...record, row };
}

export async function deleteQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  await loadManageable(ctx, viewer, id);
  await repo.deleteQuickResponse(ctx.store.db, id);
}
