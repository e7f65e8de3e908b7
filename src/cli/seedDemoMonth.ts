// A month of history for `switchboard seed-demo`, so the Reports page looks like a real desk's:
// four weeks before the demo's own week, about 280 chats (busier on weekdays, peaking late in
// the morning and mid-afternoon) with waits, answers, abandoned and unanswered chats and
// ratings, and about 45 tickets answered and solved over hours or days. The same every time
// (a seeded generator), written through the same use cases as everything else.
import type { Viewer } from '../domain/policies.js';
import type { ServiceContext } from '../services/context.js';
import { sendMessage } from '../services/messages/messageSender.js';
import { assignSession } from '../services/sessions/chatAssigner.js';
import { endSession } from '../services/sessions/sessionEnder.js';
import { startSession } from '../services/sessions/sessionStarter.js';
import { createTicket } from '../services/tickets/ticketCreator.js';
import { replyToTicket } from '../services/tickets/ticketReplier.js';
import { updateTicket } from '../services/tickets/ticketUpdater.js';
import { CreateTicketBody } from '../shared/ticketsApi.js';
import type { Priority } from '../shared/vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface MonthDesk {
  /** Students who chat and file requests. */
  customers: readonly Viewer[];
  /** Topic slug → its id and the agents of its team (the lead first). */
  topics: ReadonlyMap<string, { id: string; agents: readonly Viewer[] }>;
}

/** mulberry32: small, fast and good enough to make demo data look unplanned. */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const between = (low: number, high: number) => low + (high - low) * next();
  const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
    const w = weights ?? items.map(() => 1);
    let roll = next() * w.reduce((a, b) => a + b, 0);
    for (const [i, item] of items.entries()) if ((roll -= w[i]!) < 0) return item;
    return items.at(-1)!;
  };
  return { next, between, pick };
}

/** Chats per hour of the day, 08:00–20:00: a late-morning and a mid-afternoon peak. */
const HOURLY = [2, 5, 8, 9, 6, 4, 7, 8, 6, 4, 2, 1];
const HOURS = HOURLY.map((_, i) => i);
/** Chats a day, Monday first. */
const DAILY = [14, 13, 12, 13, 10, 4, 2];

const CHATS: Array<{ topic: string; subject: string; opening: string; answer: string }> = [
  {
    topic: 'wifi',
    subject: 'Portal password',
    opening: 'I cannot sign in to the portal.',
    answer: 'I have sent you a reset link.',
  },
  {
    topic: 'wifi',
    subject: 'Eduroam on my phone',
    opening: 'Eduroam does not connect on my phone.',
    answer: 'Choose PEAP and your student email as identity.',
  },
  {
    topic: 'fees',
    subject: 'Fees balance',
    opening: 'My fees balance looks wrong.',
    answer: 'Your last payment is now on the statement.',
  },
  {
    topic: 'fees',
    subject: 'Payment plan',
    opening: 'Can I pay my fees in two parts?',
    answer: 'Yes: the form is under Finance › Payment plans.',
  },
  {
    topic: 'course-registration',
    subject: 'Adding a course',
    opening: 'The portal will not let me add an elective.',
    answer: 'That elective is full; I have put you on its waiting list.',
  },
  {
    topic: 'exams',
    subject: 'Exam venue',
    opening: 'Where is my exam on Friday?',
    answer: 'It is in the Great Hall, seat list at the door.',
  },
  {
    topic: 'records',
    subject: 'Transcript copy',
    opening: 'How long does a transcript take?',
    answer: 'Three working days; I have started yours.',
  },
  {
    topic: 'records',
    subject: 'ID card',
    opening: 'My ID card stopped opening the library gates.',
    answer: 'Bring it to Records and we will re-encode it.',
  },
];

const REQUESTS: Array<{ topic: string; subject: string; message: string; priority: Priority }> = [
  {
    topic: 'fees',
    subject: 'Refund of a duplicate payment',
    message: 'I paid twice by mistake.',
    priority: 'high',
  },
  {
    topic: 'records',
    subject: 'Letter of attendance',
    message: 'I need a letter for my visa.',
    priority: 'medium',
  },
  {
    topic: 'wifi',
    subject: 'Email quota full',
    message: 'My student mailbox says it is full.',
    priority: 'low',
  },
  {
    topic: 'exams',
    subject: 'Remark request',
    message: 'I would like my MATH 204 script remarked.',
    priority: 'medium',
  },
  {
    topic: 'course-registration',
    subject: 'Course change after deadline',
    message: 'Can I still change from ECON 110 to ECON 120?',
    priority: 'urgent',
  },
];

/**
 * Seeds four weeks of chats and tickets, ending at `end` (exclusive). `ctx`'s clock is set by
 * the seeding: it gives every write its time.
 */
export async function seedDemoMonth(
  base: ServiceContext,
  desk: MonthDesk,
  end: number,
): Promise<{ chats: number; tickets: number }> {
  const random = generator(20261203);
  let now = 0;
  const ctx: ServiceContext = { ...base, clock: { now: () => now } };
  const start = end - 28 * DAY;
  let customerTurn = 0;
  const nextCustomer = () => desk.customers[customerTurn++ % desk.customers.length]!;
  const chatStarts: number[] = [];
  for (let day = start; day < end; day += DAY) {
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    const count = Math.round(DAILY[weekday]! * random.between(0.75, 1.25));
    for (let i = 0; i < count; i++) {
      const hour = 8 + random.pick(HOURS, HOURLY);
      chatStarts.push(day + hour * HOUR + Math.floor(random.between(0, HOUR)));
    }
  }
  chatStarts.sort((a, b) => a - b);
  for (const startedAt of chatStarts) {
    const chat = random.pick(CHATS);
    const topic = desk.topics.get(chat.topic)!;
    const customer = nextCustomer();
    const agent = random.pick(topic.agents);
    // Waits are longer in the peaks.
    const busy = [10, 11, 14, 15].includes(new Date(startedAt).getUTCHours()) ? 2 : 1;
    now = startedAt;
    const { row } = await startSession(ctx, {
      viewer: customer,
      subject: chat.subject,
      priority: random.pick<Priority>(['low', 'medium', 'high', 'urgent'], [3, 10, 4, 1]),
      message: chat.opening,
      topicId: topic.id,
    });
    const sessionId = row.id;
    const outcome = random.pick(['answered', 'abandoned', 'unanswered'], [88, 8, 4]);
    now += Math.round(random.between(15_000, 150_000) * busy * random.between(0.5, 2));
    if (outcome === 'abandoned') {
      await endSession(ctx, { viewer: customer, sessionId });
      continue;
    }
    await assignSession(ctx, { viewer: agent, sessionId });
    if (outcome === 'answered') {
      now += Math.round(random.between(8_000, 90_000));
      await sendMessage(ctx, { viewer: agent, sessionId, text: chat.answer });
      now += Math.round(random.between(MINUTE, 12 * MINUTE));
      await sendMessage(ctx, { viewer: customer, sessionId, text: 'Thank you!' });
    }
    now += Math.round(random.between(MINUTE, 6 * MINUTE));
    const rated = outcome === 'answered' && random.next() < 0.7;
    await endSession(ctx, {
      viewer: customer,
      sessionId,
      ...(rated ? { rating: random.pick([5, 4, 3, 2, 1], [55, 25, 10, 6, 4]) } : {}),
    });
  }

  let tickets = 0;
  for (let day = start; day < end - 2 * DAY; day += DAY) {
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    if (weekday > 4) continue;
    const count = Math.round(random.between(1, 3));
    for (let i = 0; i < count; i++) {
      const request = random.pick(REQUESTS);
      const topic = desk.topics.get(request.topic)!;
      const agent = random.pick(topic.agents);
      // Filed one after another between 08:00 and 18:00, so numbers follow the clock.
      now = day + 8 * HOUR + Math.floor(((i + random.next()) / count) * 10 * HOUR);
      const { row } = await createTicket(ctx, {
        viewer: nextCustomer(),
        body: CreateTicketBody.parse({
          subject: request.subject,
          message: request.message,
          priority: request.priority,
          topicId: topic.id,
        }),
      });
      tickets++;
      now += Math.round(random.between(10 * MINUTE, 5 * HOUR));
      await updateTicket(ctx, {
        viewer: agent,
        ticketId: row.id,
        changes: { assigneeId: agent.id },
      });
      await replyToTicket(ctx, {
        viewer: agent,
        ticketId: row.id,
        body: 'Thanks, we are on it.',
        kind: 'reply',
      });
      now += Math.round(random.between(2 * HOUR, 3 * DAY));
      await replyToTicket(ctx, {
        viewer: agent,
        ticketId: row.id,
        body: 'This is done: let us know if anything is still wrong.',
        kind: 'reply',
        status: 'solved',
      });
    }
  }
  return { chats: chatStarts.length, tickets };
}
