// `switchboard seed-demo`: a demo data set to explore the product with: a super admin, three
// agents, five customers, the university's desks as teams with their leads, topics and an
// overflow, shared and personal quick responses, chats in every state with history over the
// past week, a week of tickets (seedDemoTickets.ts), and the four weeks of chats and tickets
// before them (seedDemoMonth.ts). Every account's password is DEMO_PASSWORD.
import type { Config } from '../config.js';
import type { Viewer } from '../domain/policies.js';
import type { Priority } from '../shared/vocabulary.js';
import { createAccount } from '../services/accounts/accounts.js';
import { updateOwnAgentState } from '../services/agents/agentStatus.js';
import type { ServiceContext } from '../services/context.js';
import { sendMessage } from '../services/messages/messageSender.js';
import { createQuickResponse } from '../services/quickResponses/quickResponses.js';
import { assignSession } from '../services/sessions/chatAssigner.js';
import { endSession } from '../services/sessions/sessionEnder.js';
import { startSession } from '../services/sessions/sessionStarter.js';
import { createTeam, setTeamMember, updateTeam } from '../services/teams/teams.js';
import { createTopic } from '../services/topics/topics.js';
import { findUserByEmail } from '../storage/repositories/users.js';
import { withOfflineContext } from './offlineContext.js';
import { seedDemoMonth } from './seedDemoMonth.js';
import { seedDemoShifts } from './seedDemoShifts.js';
import { seedDemoTicketSettings, seedDemoTickets } from './seedDemoTickets.js';

export const DEMO_PASSWORD = 'switchboard-demo';

const AGENTS = [
  { email: 'ama@example.com', name: 'Ama Mensah' },
  { email: 'kofi@example.com', name: 'Kofi Boateng' },
  { email: 'esi@example.com', name: 'Esi Owusu' },
];
const CUSTOMERS = [
  { email: 'yaw@example.com', name: 'Yaw Asante' },
  { email: 'abena@example.com', name: 'Abena Ofori' },
  { email: 'akosua@example.com', name: 'Akosua Darko' },
  { email: 'kojo@example.com', name: 'Kojo Annan' },
  { email: 'efua@example.com', name: 'Efua Quaye' },
];

/** More students, who make the month of history before the demo's week (seedDemoMonth.ts). */
const FIRST_NAMES = ['Kwame', 'Adwoa', 'Kwesi', 'Afua', 'Yaa', 'Kwabena', 'Ekua', 'Fiifi'];
const LAST_NAMES = ['Owusu', 'Addo', 'Tetteh', 'Agyeman'];
const STUDENTS = FIRST_NAMES.flatMap((first, i) =>
  [LAST_NAMES[i % 4]!, LAST_NAMES[(i + 1) % 4]!].map((last) => ({
    email: `${first}.${last}@example.com`.toLowerCase(),
    name: `${first} ${last}`,
  })),
);

/**
 * The desks, with their members by AGENTS index (the first is the team lead); Finance, a desk of
 * one, overflows to Student Records (TEAMS index) after two minutes.
 */
const TEAMS = [
  {
    name: 'Academic Affairs',
    description: 'Course registration, exams and timetables',
    members: [0, 2],
  },
  {
    name: 'Finance',
    description: 'Fees, payments and scholarships',
    members: [1],
    overflow: { to: 3, afterSeconds: 120 },
  },
  { name: 'IT', description: 'Wi-Fi, portal and email accounts', members: [2, 0] },
  {
    name: 'Student Records',
    description: 'Transcripts, ID cards and certificates',
    members: [1, 2],
  },
];

/** What a student picks on the start form, and the desk (TEAMS index) each one goes to. */
const TOPICS = [
  { slug: 'course-registration', name: 'Course registration', team: 0, isDefault: true },
  { slug: 'exams', name: 'Exams and timetables', team: 0 },
  { slug: 'fees', name: 'Fees and payments', team: 1 },
  { slug: 'wifi', name: 'Wi-Fi and accounts', team: 2 },
  { slug: 'records', name: 'Transcripts and ID cards', team: 3 },
];
type TopicSlug = (typeof TOPICS)[number]['slug'];

interface Conversation {
  subject: string;
  priority: Priority;
  topic: TopicSlug;
  lines: string[];
}

const HISTORY: Conversation[] = [
  {
    subject: 'Cannot log in to the portal',
    topic: 'wifi',
    priority: 'high',
    lines: [
      'My password stopped working this morning.',
      'I have sent you a reset link, please check your email.',
      'It worked, thank you!',
    ],
  },
  {
    subject: 'Transcript request',
    topic: 'records',
    priority: 'medium',
    lines: [
      'How do I request an official transcript?',
      'Go to Records › Transcripts and choose "Official". It takes 3 working days.',
      'Great, thanks.',
    ],
  },
  {
    subject: 'Hostel allocation',
    topic: 'course-registration',
    priority: 'low',
    lines: [
      'When are hostel allocations published?',
      'They are published on Friday at noon.',
      'Perfect.',
    ],
  },
  {
    subject: 'Exam timetable clash',
    topic: 'exams',
    priority: 'urgent',
    lines: [
      'Two of my exams are at the same time tomorrow!',
      'I have escalated this to the exams office; they will email you a new slot today.',
      'Thank you so much.',
    ],
  },
  {
    subject: 'Fees payment not reflected',
    topic: 'fees',
    priority: 'high',
    lines: [
      'I paid my fees last week but the portal still shows a balance.',
      'Payments take up to 48 hours; yours is now confirmed.',
      'I can see it now.',
    ],
  },
];

/** A clock the seeding moves forward by hand, so history gets realistic times. */
function movableClock(start: number) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

async function ensureAccount(
  ctx: ServiceContext,
  email: string,
  name: string,
  role: Viewer['role'],
): Promise<Viewer> {
  const existing = await findUserByEmail(ctx.store.db, email);
  if (existing) return { id: existing.id, role: existing.role };
  const user = await createAccount(ctx, null, { email, name, password: DEMO_PASSWORD, role });
  return { id: user.id, role: user.role };
}

/** The desks and their topics; returns each topic's id by slug. */
async function seedTeams(
  ctx: ServiceContext,
  admin: Viewer,
  agents: readonly Viewer[],
): Promise<Map<string, string>> {
  const teamIds: string[] = [];
  for (const team of TEAMS) {
    const { row } = await createTeam(ctx, admin, {
      name: team.name,
      description: team.description,
    });
    teamIds.push(row.id);
    for (const [place, index] of team.members.entries()) {
      await setTeamMember(ctx, admin, {
        teamId: row.id,
        agentId: agents[index]!.id,
        isLead: place === 0,
      });
    }
  }
  for (const [i, team] of TEAMS.entries()) {
    const overflow = 'overflow' in team ? team.overflow : undefined;
    if (!overflow) continue;
    await updateTeam(ctx, admin, teamIds[i]!, {
      overflow: { teamId: teamIds[overflow.to]!, afterSeconds: overflow.afterSeconds },
    });
  }
  const topicIds = new Map<string, string>();
  for (const [position, topic] of TOPICS.entries()) {
    const { row } = await createTopic(ctx, admin, {
      slug: topic.slug,
      name: topic.name,
      teamId: teamIds[topic.team]!,
      isDefault: topic.isDefault ?? false,
      position,
    });
    topicIds.set(topic.slug, row.id);
  }
  return topicIds;
}

export async function seedDemo(baseCtx: ServiceContext): Promise<{ created: boolean }> {
  if (await findUserByEmail(baseCtx.store.db, AGENTS[0]!.email)) return { created: false };
  const clock = movableClock(Date.now() - 7 * 86_400_000);
  const ctx: ServiceContext = { ...baseCtx, clock };
  const admin = await ensureAccount(ctx, 'admin@example.com', 'Ada Admin', 'super_admin');
  const agents: Viewer[] = [];
  for (const a of AGENTS) agents.push(await ensureAccount(ctx, a.email, a.name, 'admin'));
  const customers: Viewer[] = [];
  for (const c of CUSTOMERS) customers.push(await ensureAccount(ctx, c.email, c.name, 'user'));

  const topicIds = await seedTeams(ctx, admin, agents);

  for (const [title, content, category, shortcut] of [
    [
      'Greeting',
      'Hello {{customer.firstName}}! This is {{agent.firstName}} from student support. How can I help you today?',
      null,
      'hi',
    ],
    [
      'Password reset',
      'I have sent a password reset link to your registered email. It expires in 30 minutes.',
      'Accounts',
      'reset',
    ],
    [
      'Term fees',
      'Hi {{customer.firstName}}, the fees for this term and how to pay them are on the student portal under Finance.',
      'Finance',
      'fees',
    ],
    [
      'Still there?',
      'Are you still there? I will close this chat in a few minutes if I do not hear back.',
      null,
      null,
    ],
    ['Closing', 'Glad I could help, {{customer.firstName}}. Have a great day!', null, 'bye'],
  ] as const) {
    await createQuickResponse(ctx, admin, { title, content, category, shortcut, shared: true });
  }
  await createQuickResponse(ctx, agents[0]!, {
    title: 'Library hours',
    content: 'The main library is open 8:00–22:00 on weekdays and 10:00–18:00 on weekends.',
    category: 'Library',
    shortcut: 'library',
    shared: false,
  });

  await seedDemoTicketSettings(ctx, admin);
  // The four weeks before the week below, first, so ticket numbers follow their dates.
  const students = [...customers];
  for (const s of STUDENTS) students.push(await ensureAccount(ctx, s.email, s.name, 'user'));
  const topics = new Map(
    TOPICS.map((topic) => [
      topic.slug,
      { id: topicIds.get(topic.slug)!, agents: TEAMS[topic.team]!.members.map((i) => agents[i]!) },
    ]),
  );
  await seedDemoMonth(baseCtx, { customers: students, topics }, Date.now() - 8 * 86_400_000);

  let endedChat: { sessionId: string; agent: Viewer } | null = null;
  for (const [i, chat] of HISTORY.entries()) {
    const customer = customers[i % customers.length]!;
    const agent = agents[i % agents.length]!;
    clock.advance(86_400_000 + i * 3_600_000);
    const session = await startSession(ctx, {
      viewer: customer,
      subject: chat.subject,
      priority: chat.priority,
      message: chat.lines[0]!,
      topicId: topicIds.get(chat.topic),
    });
    clock.advance(45_000 + i * 20_000);
    await assignSession(ctx, { viewer: agent, sessionId: session.row.id });
    clock.advance(30_000);
    await sendMessage(ctx, { viewer: agent, sessionId: session.row.id, text: chat.lines[1]! });
    clock.advance(60_000);
    await sendMessage(ctx, { viewer: customer, sessionId: session.row.id, text: chat.lines[2]! });
    clock.advance(20_000);
    await endSession(ctx, {
      viewer: customer,
      sessionId: session.row.id,
      rating: 5 - (i % 2),
      feedback: i % 2 ? 'Quick and friendly' : undefined,
    });
    endedChat ??= { sessionId: session.row.id, agent };
  }

  await seedDemoTickets(
    baseCtx,
    { admin, agents, customers, topicIds, endedChat: endedChat! },
    Date.now() - 6 * 86_400_000,
  );

  // The agents' shifts over the month and the week (from the month's first day, 36 days
  // ago), up to the start of today (UTC midnights).
  const today = Date.now() - (Date.now() % 86_400_000);
  await seedDemoShifts(baseCtx, agents, { from: today - 36 * 86_400_000, to: today });

  // Today: one chat in progress with Ama, two waiting in the queue.
  clock.advance(Date.now() - 10 * 60_000 - clock.now());
  for (const agent of agents)
    await updateOwnAgentState(ctx, agent, { status: 'offline', maxConcurrentChats: 4 });
  const live = await startSession(ctx, {
    viewer: customers[0]!,
    subject: 'Course registration error',
    priority: 'high',
    message: 'I get an error when I add CS201.',
    topicId: topicIds.get('course-registration'),
  });
  clock.advance(60_000);
  await assignSession(ctx, { viewer: agents[0]!, sessionId: live.row.id });
  await sendMessage(ctx, {
    viewer: agents[0]!,
    sessionId: live.row.id,
    text: 'Hi Yaw, which error message do you see?',
  });
  clock.advance(120_000);
  await startSession(ctx, {
    viewer: customers[1]!,
    subject: 'Scholarship deadline',
    priority: 'medium',
    message: 'When is the scholarship application deadline?',
    topicId: topicIds.get('fees'),
  });
  clock.advance(60_000);
  await startSession(ctx, {
    viewer: customers[2]!,
    subject: 'Lost student ID card',
    priority: 'urgent',
    message: 'I lost my ID card and have an exam in an hour.',
    topicId: topicIds.get('records'),
  });
  return { created: true };
}

export async function seedDemoCommand(config: Config): Promise<number> {
  const { created } = await withOfflineContext(config, seedDemo);
  console.log(
    created
      ? `Demo data created. Sign in as admin@example.com, ama@example.com or yaw@example.com with password "${DEMO_PASSWORD}".`
      : 'Demo data is already present.',
  );
  return 0;
}
