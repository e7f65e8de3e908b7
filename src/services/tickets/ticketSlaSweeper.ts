// SLA warnings and breaches (domain/tickets/slaAlerts.ts): the housekeeping sweep finds the
// tickets whose `sla_check_at` has come (an index range, never a scan of every open ticket),
// records each alert once in the ticket's history (`sla_warning`, `sla_breach`: a unique index
// makes "once" hold on any number of nodes, the row lock orders them) and tells the assignee and
// the leads of the ticket's team on the socket, never the requester. `onAlert` runs inside the
// transaction that records an alert: the place for a durable follow-up, as the housekeeping's
// mail to the same people (services/mail/ticketMail/agentNotices.ts#noticeSlaAlert).
import { topics } from '../../bus/bus.js';
import { alertKey, slaAlertsDue, type SlaAlert } from '../../domain/tickets/slaAlerts.js';
import { leadsOf } from '../../storage/repositories/teams.js';
import {
  insertTicketEvents,
  slaAlertEvents,
} from '../../storage/repositories/tickets/ticketEvents.js';
import {
  findTicketRow,
  slaChecksDue,
  updateTicket,
} from '../../storage/repositories/tickets/tickets.js';
import type { TicketRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { iso } from '../presenters.js';
import { eventRows } from './ticketChanges.js';
import { slaStandingFor } from './ticketSla.js';

/** How many tickets one sweep looks at at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 200;

export interface RecordedSlaAlert extends SlaAlert {
  ticket: TicketRow;
  /** Who is told: the assignee and the team's leads, without the requester. */
  recipientIds: string[];
}

export interface SlaSweepOptions {
  /** Called in the transaction that records the alert (an email queued there is never lost). */
  onAlert?: (trx: Db, alert: RecordedSlaAlert, outbox: Outbox) => Promise<void>;
}

/** The desk's people an alert of `row` goes to. */
async function recipientsOf(db: Db, row: TicketRow): Promise<string[]> {
  const people = new Set<string>();
  if (row.assignee_id) people.add(row.assignee_id);
  if (row.team_id) for (const lead of await leadsOf(db, row.team_id)) people.add(lead);
  people.delete(row.requester_id);
  return [...people];
}

/** Records and announces what the ticket owes at `now`; returns the alerts it recorded. */
async function checkTicket(
  ctx: ServiceContext,
  id: string,
  now: number,
  options: SlaSweepOptions,
): Promise<RecordedSlaAlert[]> {
  return commit(ctx, async (trx, outbox) => {
    const row = await findTicketRow(trx, id, ctx.store);
    // Another node (or a change since) got there first.
    if (!row || row.sla_check_at === null || row.sla_check_at > now) return [];
    const { columns, running } = await slaStandingFor(trx, row, now);
    const recorded = new Set(
      (await slaAlertEvents(trx, id)).map((event) =>
        alertKey({
          kind: event.kind as SlaAlert['kind'],
          target: event.field as SlaAlert['target'],
          dueAt: new Date(JSON.parse(event.to_value ?? 'null') as string),
        }),
      ),
    );
    const { due, nextCheckAt } = slaAlertsDue(running, recorded, new Date(now));
    const after = { ...row, ...columns, sla_check_at: nextCheckAt?.getTime() ?? null };
    await updateTicket(trx, id, { ...columns, sla_check_at: after.sla_check_at });
    if (due.length === 0) return [];
    await insertTicketEvents(
      trx,
      eventRows(
        ctx,
        id,
        null,
        due.map((alert) => ({
          kind: alert.kind,
          field: alert.target,
          to: iso(alert.dueAt.getTime()),
        })),
        now,
      ),
    );
    const recipientIds = await recipientsOf(trx, after);
    const alerts = due.map((alert) => ({ ...alert, ticket: after, recipientIds }));
    for (const alert of alerts) {
      await options.onAlert?.(trx, alert, outbox);
      for (const userId of recipientIds) {
        outbox.add(topics.user(userId), {
          type: 'ticket.sla',
          ticketId: id,
          number: row.number,
          target: alert.target,
          alert: alert.kind === 'sla_warning' ? 'warning' : 'breach',
          dueAt: iso(alert.dueAt.getTime()),
        });
      }
    }
    return alerts;
  });
}

/** Looks at every ticket whose SLA check is due (up to SWEEP_LIMIT); returns what it recorded. */
export async function sweepSlaAlerts(
  ctx: ServiceContext,
  options: SlaSweepOptions = {},
): Promise<RecordedSlaAlert[]> {
  const now = ctx.clock.now();
  const recorded: RecordedSlaAlert[] = [];
  for (const id of await slaChecksDue(ctx.store.db, now, SWEEP_LIMIT)) {
    recorded.push(...(await checkTicket(ctx, id, now, options)));
  }
  return recorded;
}
