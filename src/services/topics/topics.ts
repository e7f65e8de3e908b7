// Topics: what a customer picks when starting a chat, each leading to one team. Super admins
// keep them; everyone signed in lists the active ones. While any active topic exists exactly one
// is the default (a chat started without a topic gets it): the first topic becomes the default,
// and archiving or deleting the default hands it to the first remaining topic.
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { topicPolicy, type Viewer } from '../../domain/policies.js';
import type { CreateTopicBody, UpdateTopicBody } from '../../shared/teamsApi.js';
import * as repo from '../../storage/repositories/topics.js';
import type { TopicRecord } from '../../storage/repositories/topics.js';
import type { TopicRow } from '../../storage/schema.js';
import { isUniqueViolation, type Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { assertTeamOpen } from '../teams/openTeam.js';

const onlySuperAdmins = () => forbidden('Only super admins manage topics');

export function listTopics(
  ctx: ServiceContext,
  viewer: Viewer,
  options: { includeArchived: boolean },
): Promise<TopicRecord[]> {
  return repo.listTopics(ctx.store.db, {
    includeArchived: options.includeArchived && topicPolicy.listArchived(viewer),
  });
}

const slugTaken = (slug: string) =>
  new AppError('SLUG_TAKEN', `Another topic already has the slug "${slug}"`, 'slug');

/** Runs `work`, turning a clash on the unique slug into SLUG_TAKEN. */
async function guardSlug<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (slug !== undefined && isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

export function createTopic(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateTopicBody,
): Promise<TopicRecord> {
  if (!topicPolicy.manage(viewer)) throw onlySuperAdmins();
  return guardSlug(body.slug, () =>
    ctx.store.transaction(async (trx) => {
      await assertTeamOpen(trx, body.teamId);
      const now = ctx.clock.now();
      // Topics change rarely: taking turns keeps "exactly one default" simple to reason about.
      await ctx.store.lockForTransaction(trx, 'topics');
      const isDefault = body.isDefault || (await repo.countActiveTopics(trx)) === 0;
      if (isDefault) await repo.clearDefaultTopic(trx, now);
      const row: TopicRow = {
        id: ctx.ids.next(),
        slug: body.slug,
        name: body.name,
        team_id: body.teamId,
        is_default: isDefault ? 1 : 0,
        position: body.position,
        archived_at: null,
        created_at: now,
        updated_at: now,
      };
      await repo.insertTopic(trx, row);
      return (await repo.findTopic(trx, row.id))!;
    }),
  );
}

async function loadManaged(db: Db, viewer: Viewer, id: string): Promise<TopicRow> {
  if (!topicPolicy.manage(viewer)) throw onlySuperAdmins();
  const row = await repo.findTopicRow(db, id);
  if (!row) throw notFound('Topic');
  return row;
}

/** When `topic` stops being a choice (archived, deleted), the default moves to another one. */
async function handOnDefault(db: Db, topic: TopicRow, now: number): Promise<void> {
  if (topic.is_default !== 1) return;
  await repo.updateTopic(db, topic.id, { is_default: 0, updated_at: now });
  const next = await repo.firstActiveTopicExcept(db, topic.id);
  if (next) await repo.updateTopic(db, next.id, { is_default: 1, updated_at: now });
}

export function updateTopic(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  changes: UpdateTopicBody,
): Promise<TopicRecord> {
  return guardSlug(changes.slug, () =>
    ctx.store.transaction(async (trx) => {
      const before = await loadManaged(trx, viewer, id);
      await ctx.store.lockForTransaction(trx, 'topics');
      const now = ctx.clock.now();
      if (changes.teamId !== undefined && changes.teamId !== before.team_id) {
        await assertTeamOpen(trx, changes.teamId);
      }
      const archived =
        changes.archived === undefined ? before.archived_at !== null : changes.archived;
      if (changes.isDefault && archived) {
        throw new AppError(
          'VALIDATION_FAILED',
          'An archived topic cannot be the default',
          'isDefault',
        );
      }
      await repo.updateTopic(trx, id, {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.slug !== undefined ? { slug: changes.slug } : {}),
        ...(changes.teamId !== undefined ? { team_id: changes.teamId } : {}),
        ...(changes.position !== undefined ? { position: changes.position } : {}),
        archived_at: archived ? (before.archived_at ?? now) : null,
        updated_at: now,
      });
      if (archived && before.archived_at === null) await handOnDefault(trx, before, now);
      const becomesDefault =
        changes.isDefault === true ||
        // An archived topic coming back when no other topic is left.
        (!archived && !(await repo.findDefaultTopic(trx)));
      if (becomesDefault && before.is_default !== 1) {
        await repo.clearDefaultTopic(trx, now);
        await repo.updateTopic(trx, id, { is_default: 1 });
      }
      return (await repo.findTopic(trx, id))!;
    }),
  );
}

/** Deletes a topic no chat has; one that chats have is archived instead (409 says so). */
export async function deleteTopic(ctx: ServiceContext, viewer: Viewer, id: string): Promise<void> {
  await ctx.store.transaction(async (trx) => {
    const topic = await loadManaged(trx, viewer, id);
    await ctx.store.lockForTransaction(trx, 'topics');
    if ((await repo.countChatsOfTopic(trx, id)) > 0) {
      throw new AppError(
        'TOPIC_IN_USE',
        `Chats were started with "${topic.name}": archive it instead (PATCH with archived: true)`,
      );
    }
    await handOnDefault(trx, topic, ctx.clock.now());
    await repo.deleteTopic(trx, id);
  });
}

/**
 * The topic a new chat gets: the one the customer picked (an active one), else the default.
 * None when no topics exist: the chat has no topic and no team, as before topics.
 */
export async function topicForNewChat(
  db: Db,
  topicId: string | undefined,
): Promise<TopicRow | undefined> {
  if (topicId === undefined) return repo.findDefaultTopic(db);
  const topic = await repo.findTopicRow(db, topicId);
  if (!topic || topic.archived_at !== null) {
    throw new AppError('VALIDATION_FAILED', 'topicId: not a topic one can pick', 'topicId');
  }
  return topic;
}
