// The tickets of `switchboard seed-demo`: the desk's business hours (Accra, weekdays 08:00–17:00)
// and an SLA policy on them, a "Student ID" field (seedDemoTicketSettings), and a week of requests in every state: new and
// unassigned, open with a note, pending on the student, on hold for another office, solved, one
// closed by the automatic close, a duplicate merged into the original, and one made from a chat.
import type { Viewer } from '../domain/policies.js';
import type { ServiceContext } from '../services/context.js';
import { createCalendar } from '../services/tickets/businessCalendars.js';
import { createTicketFromChat } from '../services/tickets/chatTicketer.js';
import { createSlaPolicy } from '../services/tickets/slaPolicies.js';
import { closeSolvedTickets } from '../services/tickets/ticketAutoCloser.js';
import { createTicket } from '../services/tickets/ticketCreator.js';
import { createTicketField } from '../services/tickets/ticketFields.js';
import { mergeTicket } from '../services/tickets/ticketMerger.js';
import { replyToTicket } from '../services/tickets/ticketReplier.js';
import { updateTicket } from '../services/tickets/ticketUpdater.js';
import { CreateTicketBody, type ReplyToTicketBody } from '../shared/ticketsApi.js';
import {
  CreateCalendarBody,
  CreateSlaPolicyBody,
  CreateTicketFieldBody,
} from '../shared/ticketSettingsApi.js';

const HOUR = 3_600_000;
const WEEKDAY = [{ start: '08:00', end: '17:00' }];

export interface DemoDesk {
  admin: Viewer;
  /** Ama, Kofi, Esi (seedDemo's AGENTS). */
  agents: readonly Viewer[];
  /** Yaw, Abena, Akosua, Kojo, Efua (seedDemo's CUSTOMERS). */
  customers: readonly Viewer[];
  topicIds: ReadonlyMap<string, string>;
  /** An ended chat with its agent, to make a ticket of. */
  endedChat: { sessionId: string; agent: Viewer };
}

interface MovableClock {
  now(): number;
  advance(ms: number): void;
}

/**
 * The desk's ticket settings: business hours (Accra, weekdays 08:00–17:00), an SLA policy on
 * them and a "Student ID" field. Made before any ticket, the month's included, so every ticket
 * is counted by the policy.
 */
export async function seedDemoTicketSettings(ctx: ServiceContext, admin: Viewer): Promise<void> {
  const { row: calendar } = await createCalendar(
    ctx,
    admin,
    CreateCalendarBody.parse({
      name: 'Campus office hours',
      timeZone: 'Africa/Accra',
      weeklyHours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY },
    }),
  );
  await createSlaPolicy(
    ctx,
    admin,
    CreateSlaPolicyBody.parse({
      name: 'Student support',
      calendarId: calendar.id,
      targets: {
        urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
        high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        medium: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
        low: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
      },
    }),
  );
  await createTicketField(
    ctx,
    admin,
    CreateTicketFieldBody.parse({
      key: 'student_id',
      type: 'text',
      label: 'Student ID',
      maxLength: 12,
    }),
  );
}

export async function seedDemoTickets(
  base: ServiceContext,
  desk: DemoDesk,
  start: number,
): Promise<void> {
  let now = start;
  const clock: MovableClock = { now: () => now, advance: (ms) => void (now += ms) };
  const ctx: ServiceContext = { ...base, clock };
  const { customers, topicIds } = desk;
  const [ama, kofi, esi] = desk.agents as [Viewer, Viewer, Viewer];
  const [yaw, abena, akosua, kojo, efua] = customers as [Viewer, Viewer, Viewer, Viewer, Viewer];

  const file = async (
    requester: Viewer,
    topic: string,
    subject: string,
    message: string,
    extra: Partial<CreateTicketBody> = {},
  ) =>
    (
      await createTicket(ctx, {
        viewer: requester,
        body: CreateTicketBody.parse({ subject, message, topicId: topicIds.get(topic), ...extra }),
      })
    ).row.id;
  const reply = (
    viewer: Viewer,
    ticketId: string,
    body: string,
    more: Partial<ReplyToTicketBody> = {},
  ) => replyToTicket(ctx, { viewer, ticketId, body, kind: 'reply', ...more });
  const take = (viewer: Viewer, ticketId: string) =>
    updateTicket(ctx, { viewer, ticketId, changes: { assigneeId: viewer.id } });

  // Six days ago: a transcript request, answered and solved; closed since by the automatic close.
  const transcript = await file(
    abena,
    'records',
    'Transcript for a scholarship application',
    'I need a sealed transcript sent to the scholarship board before the 15th.',
    { fields: { student_id: '10041187' } },
  );
  clock.advance(2 * HOUR);
  await take(esi, transcript);
  await reply(esi, transcript, 'Your transcript has been sealed and posted today by courier.', {
    status: 'solved',
  });

  // Four days ago: a refund, pending on the student, who answered; a note for the desk.
  clock.advance(46 * HOUR);
  const refund = await file(
    yaw,
    'fees',
    'Refund for a dropped course',
    'I dropped MATH 101 in week one but was still charged the full fee.',
    { priority: 'high', fields: { student_id: '10039922' } },
  );
  clock.advance(HOUR);
  await take(kofi, refund);
  await updateTicket(ctx, { viewer: kofi, ticketId: refund, changes: { tags: ['refund'] } });
  await reply(kofi, refund, 'Bursar confirms the drop date; refund form signed by the head.', {
    kind: 'note',
  });
  await reply(kofi, refund, 'Could you send the receipt of the payment you made?', {
    status: 'pending',
  });
  clock.advance(20 * HOUR);
  await reply(yaw, refund, 'Here is the receipt number: GH-2231-884.');

  // Three days ago: Wi-Fi in the hostel, on hold for the campus network team; then a duplicate.
  clock.advance(4 * HOUR);
  const wifi = await file(
    kojo,
    'wifi',
    'Wi-Fi drops in the hostel',
    'The Wi-Fi in Hostel B drops every evening from 8 pm.',
  );
  clock.advance(HOUR);
  await take(ama, wifi);
  await reply(ama, wifi, 'Thanks Kojo, I have passed this to the campus network team.');
  await reply(ama, wifi, 'Network team ticket NET-4471; they visit Hostel B on Thursday.', {
    kind: 'note',
  });
  await updateTicket(ctx, { viewer: ama, ticketId: wifi, changes: { status: 'on_hold' } });
  clock.advance(18 * HOUR);
  const duplicate = await file(kojo, 'wifi', 'Hostel B Wi-Fi again', 'Still no Wi-Fi tonight.');
  clock.advance(HOUR);
  await mergeTicket(ctx, { viewer: ama, sourceId: duplicate, targetId: wifi });

  // Yesterday: a chat that could not be settled live became a ticket.
  clock.advance(20 * HOUR);
  await createTicketFromChat(ctx, {
    viewer: desk.endedChat.agent,
    sessionId: desk.endedChat.sessionId,
  });

  // Today: two new requests nobody has taken yet (one of them urgent, and at risk).
  clock.advance(Math.max(0, Date.now() - 3 * HOUR - clock.now()));
  await file(efua, 'course-registration', 'Change of programme', 'How do I move to Economics?', {
    priority: 'low',
  });
  clock.advance(2 * HOUR + 40 * 60_000);
  await file(
    akosua,
    'exams',
    'Exam timetable clash',
    'Two of my exams are at the same time on Monday morning.',
    { priority: 'urgent', fields: { student_id: '10052210' } },
  );

  // The automatic close finds the transcript request solved for more than four days.
  await closeSolvedTickets({ ...ctx, clock: { now: () => Math.max(Date.now(), clock.now()) } });
}
