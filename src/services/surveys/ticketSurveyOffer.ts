// The survey a ticket's requester is mailed when the ticket is solved (docs/reports.md,
// "Surveys"): a random secret in the link, only its SHA-256 kept, the ticket's assignee and team
// of the moment stored with it, and the mail queued in the outbox, all in the solve's
// transaction. Once a ticket: a second solve after a reopen asks nothing (domain/tickets).
import { randomBytes } from 'node:crypto';
import {
  offersTicketSurvey,
  TICKET_SURVEY_LIFETIME_MS,
} from '../../domain/tickets/ticketSurvey.js';
import {
  insertTicketSurvey,
  ticketHasSurvey,
} from '../../storage/repositories/tickets/ticketSurveys.js';
import type { TicketRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import { hashAccountToken } from '../accounts/accountTokens.js';
import type { Outbox, ServiceContext } from '../context.js';
import { queueRequesterMail, ticketRef } from '../mail/ticketMail/ticketMailParts.js';
import { ticketSurveyMail } from '../mail/ticketMail/ticketMailTemplates.js';

/** The web app's page a survey link opens. */
export const TICKET_SURVEY_PATH = '/ticket-survey';

/** Offers the survey when `after` is `ticket` just solved (from `statusBefore`) for the first time. */
export async function offerTicketSurvey(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { after: TicketRow; statusBefore: TicketRow['status'] },
): Promise<void> {
  const { after } = props;
  if (!ctx.settings.mail) return;
  const moves = { statusBefore: props.statusBefore, statusAfter: after.status };
  if (!offersTicketSurvey({ ...moves, surveyed: false })) return;
  if (!offersTicketSurvey({ ...moves, surveyed: await ticketHasSurvey(trx, after.id) })) return;
  const secret = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await insertTicketSurvey(trx, {
    ticket_id: after.id,
    token_hash: hashAccountToken(secret),
    assignee_id: after.assignee_id,
    team_id: after.team_id,
    solved_at: now,
    expires_at: now + TICKET_SURVEY_LIFETIME_MS,
    rating: null,
    comment: null,
    answered_at: null,
  });
  await queueRequesterMail(trx, ctx, outbox, {
    kind: 'ticket_survey',
    ticket: after,
    ticketMessageId: null,
    automatic: true,
    build: (requester, mail) =>
      ticketSurveyMail(ctx.settings, {
        name: requester.name,
        ticket: ticketRef(mail, after, false),
        surveyUrl: `${mail.publicOrigin}${TICKET_SURVEY_PATH}?token=${secret}`,
        days: Math.round(TICKET_SURVEY_LIFETIME_MS / 86_400_000),
      }),
  });
}
