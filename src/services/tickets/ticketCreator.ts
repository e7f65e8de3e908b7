// Someone files a ticket. A requester files their own (channel `web`), with its topic (which
// picks the team), priority and custom fields; an agent may file one for someone else and choose
// its team, assignee, tags and channel. The request itself is the thread's first message, with
// the files its writer uploaded for it as drafts (files/draftUploads.ts). Its mail (the requester's acknowledgment, the team's and assignee's notices) goes with it.
import { forbidden, notFound, rateLimited } from '../../domain/errors.js';
import { isAgent, ticketPolicy, type Viewer } from '../../domain/policies.js';
import type { CreateTicketBody } from '../../shared/ticketsApi.js';
import { hit } from '../../storage/repositories/rateLimits.js';
import { listTicketFields } from '../../storage/repositories/tickets/ticketFields.js';
import {
  findTicketRecord,
  type TicketRecord,
} from '../../storage/repositories/tickets/ticketRecords.js';
import { findUserById } from '../../storage/repositories/users.js';
import type { TicketRow, UserRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { assertTeamOpen } from '../teams/openTeam.js';
import { withTeams } from '../teams/teamLeads.js';
import { topicForNewChat } from '../topics/topics.js';
import { assigneeFor } from './ticketAccess.js';
import { checkedFieldValues } from './ticketFields.js';
import { mailNewTicket } from '../mail/ticketMail/ticketMailTriggers.js';
import { openTicket, writeTicketMessages } from './ticketWrites.js';
import { attachDraftsTo, checkedDrafts } from '../files/draftUploads.js';
import { uploadsDisabled } from '../files/uploadRules.js';

export interface CreateTicketProps {
  viewer: Viewer;
  body: CreateTicketBody;
  /** More to write in the same transaction once the ticket and its request are stored. */
  alsoWrite?: (trx: Db, outbox: Outbox, ticket: TicketRow, filer: UserRow) => Promise<void>;
}

/** What only agents choose when filing (CreateTicketBody's agents-only fields). */
const DESK_CHOICES = ['teamId', 'requesterId', 'assigneeId', 'tags', 'channel'] as const;

const HOUR_MS = 3_600_000;

export function createTicket(ctx: ServiceContext, props: CreateTicketProps): Promise<TicketRecord> {
  const { viewer, body } = props;
  if (!ticketPolicy.fileForOthers(viewer) && DESK_CHOICES.some((key) => body[key] !== undefined)) {
    throw forbidden(
      'Only agents file tickets for others or choose their team, assignee, tags or channel',
    );
  }
  return commit(ctx, async (trx, outbox) => {
    const now = ctx.clock.now();
    const caller = await findUserById(trx, viewer.id);
    if (!caller || caller.is_active !== 1) throw forbidden('This account is disabled');
    if (!isAgent(viewer)) {
      // Requests filed per hour share the chats' limit (CHAT_LIMIT_PER_HOUR), counted apart.
      const { chatsPerHour } = ctx.settings.abuseLimits;
      const filed = await hit(trx, `tickets-filed:${viewer.id}`, now, HOUR_MS);
      if (filed.count > chatsPerHour) {
        throw rateLimited(
          `You have filed ${chatsPerHour} requests this hour; try again later`,
          filed.resetAt - now,
        );
      }
    }
    const requester = body.requesterId ? await findUserById(trx, body.requesterId) : caller;
    if (!requester || requester.is_active !== 1) throw notFound('Account');
    let teamId: string | null;
    if (body.teamId !== undefined) {
      if (body.teamId !== null) await assertTeamOpen(trx, body.teamId);
      teamId = body.teamId;
    } else {
      teamId = (await topicForNewChat(trx, body.topicId))?.team_id ?? null;
    }
    const assignee = body.assigneeId ? await assigneeFor(trx, body.assigneeId) : null;
    if (assignee) {
      const facts = { requesterId: requester.id, assigneeId: null, teamId };
      if (!ticketPolicy.assign(await withTeams(trx, viewer), facts, assignee.id)) {
        throw forbidden('Only super admins and the team’s leads give a ticket to someone else');
      }
    }
    const fields = checkedFieldValues(await listTicketFields(trx), body.fields ?? {});
    const drafts = body.fileIds
      ? await checkedDrafts(trx, ctx, { viewer, fileIds: body.fileIds })
      : [];
    if (drafts.length > 0 && !isAgent(viewer) && !ctx.settings.files.customerUploads) {
      throw uploadsDisabled();
    }
    const row = await openTicket(trx, ctx, outbox, {
      requesterId: requester.id,
      subject: body.subject,
      priority: body.priority,
      teamId,
      assignee,
      channel: body.channel ?? (isAgent(viewer) ? 'api' : 'web'),
      tags: [...new Set(body.tags ?? [])],
      fields: fields.flatMap(({ fieldId, value }) =>
        value === undefined ? [] : [{ fieldId, value }],
      ),
      followUpOf: null,
      actorId: caller.id,
    });
    const author = { id: caller.id, name: caller.name, email: caller.email, role: caller.role };
    const [first] = await writeTicketMessages(trx, ctx, outbox, row, [
      { author, kind: 'reply', body: body.message },
    ]);
    await attachDraftsTo(trx, ctx, drafts, viewer, { ticketId: row.id, messageId: first!.row.id });
    await mailNewTicket(trx, ctx, outbox, {
      ticket: row,
      actor: caller,
      requesterName: requester.name,
      firstMessage: first!.row,
    });
    await props.alsoWrite?.(trx, outbox, row, caller);
    return (await findTicketRecord(trx, row.id))!;
  });
}
