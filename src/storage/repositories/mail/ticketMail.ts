// Queries behind the mail about tickets: the Message-IDs of a ticket's mail so far (to thread
// the next one onto), and the people a notice may go to with their mail preferences.
import type { MailPreferences } from '../../../domain/mail/ticketMailRecipients.js';
import { AGENT_ROLES, type Role } from '../../../shared/vocabulary.js';
import type { Db } from '../../store.js';

/** The Message-IDs of the mail in and out of the ticket, oldest first, with `<>`. */
export async function ticketThreadIds(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mail_messages')
    .select('message_id')
    .where('ticket_id', '=', ticketId)
    .where('status', '!=', 'ignored')
    .orderBy('received_at')
    .orderBy('message_id')
    .execute();
  return rows.map((row) => `<${row.message_id}>`);
}

export interface MailPerson {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  isActive: boolean;
  preferences: MailPreferences | null;
}

/** The people of `ids` with their mail preferences, in the order of `ids`. */
export async function mailPeople(db: Db, ids: readonly string[]): Promise<MailPerson[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.is_active',
      'p.user_id as prefs',
      'p.mail_new_tickets',
      'p.mail_assigned',
      'p.mail_mentions',
      'p.mail_sla',
    ])
    .where('u.id', 'in', [...new Set(ids)])
    .execute();
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        isActive: row.is_active === 1,
        preferences:
          row.prefs === null
            ? null
            : {
                newTickets: row.mail_new_tickets === 1,
                assigned: row.mail_assigned === 1,
                mentions: row.mail_mentions === 1,
                sla: row.mail_sla === 1,
              },
      },
    ]),
  );
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

/** The active agents of the team (archived: none), or every active agent when `teamId` is null. */
export async function agentIdsFor(db: Db, teamId: string | null): Promise<string[]> {
  if (teamId === null) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('role', 'in', [...AGENT_ROLES])
      .where('is_active', '=', 1)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .innerJoin('users as u', 'u.id', 'm.agent_id')
    .select('m.agent_id')
    .where('m.team_id', '=', teamId)
    .where('t.archived_at', 'is', null)
    .where('u.is_active', '=', 1)
    .orderBy('m.agent_id')
    .execute();
  return rows.map((row) => row.agent_id);
}
