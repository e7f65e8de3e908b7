// One chat of the help desk scenario, as its two people live it, through the real protocol: the
// customer starts it (REST) and follows it on their socket until routing assigns it; the agent
// follows it on theirs; then rounds of typing, a message each way and a read receipt; some chats
// are transferred (to a colleague of the same team, or back to the team's queue, where routing
// places them again); the agent ends it, the customer rates it, and some become tickets that the
// agent answers. Every latency is measured from the action to the other side seeing it.
import type { DeskClient, Subscription } from '../lib/deskClient.js';

export interface ChatPlan {
  k: number;
  /** The topic (of a desk team) the customer picks. */
  topicId: string;
  teamId: string;
  /** Milliseconds from the generator's clock at which the chat was due (open-loop). */
  due: number;
  rounds: number;
  thinkMs: number;
  transfer: 'agent' | 'team' | null;
  ticket: boolean;
  rating: number;
}

export interface ChatWorld {
  runId: string;
  now(): number;
  agentById: Map<string, DeskClient>;
  /** Agents of each team, to pick a colleague for a transfer. */
  teamAgents: Map<string, string[]>;
  record(metric: string, ms: number): void;
  count(what: string): void;
  /** Every message acknowledged, with the subscription that must receive it exactly once. */
  expect(clientId: string, receiver: Subscription): void;
  /** Milliseconds a wait may take before the chat fails (counted, and its message lost). */
  waitLimitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/**
 * Resolves with the agent the customer's subscription shows the chat placed with next: a
 * `session.updated` event of this `change` whose session is active with an agent (`assigned` by
 * routing, also after a transfer to the team, which may place it with the same agent again;
 * `transferred` for a direct transfer).
 */
function assignedTo(
  subscription: Subscription,
  change: 'assigned' | 'transferred',
): Promise<string> {
  return new Promise((resolve) => {
    subscription.onEvent = (frame) => {
      const session = frame.event.kind === 'session.updated' ? frame.event.session : undefined;
      if (frame.event.change === change && session?.status === 'active' && session.agent) {
        subscription.onEvent = () => {};
        resolve(session.agent.id);
      }
    };
  });
}

export async function runChat(
  world: ChatWorld,
  customer: DeskClient,
  plan: ChatPlan,
): Promise<void> {
  const tag = `${world.runId}-${plan.k}`;
  const limit = world.waitLimitMs;
  const created = await customer.call<{ id: string }>('POST', '/sessions', {
    subject: `Fees question ${plan.k}`,
    message: 'Hello, I have a question about my tuition fees.',
    topicId: plan.topicId,
  });
  const sessionId = created.id;
  const fromCustomer = await customer.subscribe(sessionId, 0);
  // The assignment may already be in the replay: look at the current session first.
  const assigned = assignedTo(fromCustomer, 'assigned');
  const current = await customer.call<{ status: string; agent: { id: string } | null }>(
    'GET',
    `/sessions/${sessionId}`,
  );
  let agentId =
    current.status === 'active' && current.agent
      ? current.agent.id
      : await within(assigned, limit, `chat ${plan.k} assigned`);
  fromCustomer.onEvent = () => {};
  world.record('start → assigned', world.now() - plan.due);
  let agent = world.agentById.get(agentId)!;
  let toAgent = await agent.subscribe(sessionId, fromCustomer.lastSeq);

  const say = async (
    from: DeskClient,
    receiver: Subscription,
    clientId: string,
    text: string,
    metric: string,
  ) => {
    from.send({ type: 'typing', sessionId, typing: true });
    await sleep(plan.thinkMs * (0.5 + Math.random()));
    const sent = world.now();
    const arrived = receiver.message(clientId);
    const ack = await within(
      from.request({ type: 'message.send', sessionId, clientId, text }, clientId),
      limit,
      `ack of ${clientId}`,
    );
    if (ack.type !== 'ack') throw new Error(`${clientId}: ${JSON.stringify(ack)}`);
    world.record('send → ack', world.now() - sent);
    world.expect(clientId, receiver);
    await within(arrived, limit, `delivery of ${clientId}`);
    world.record(metric, world.now() - sent);
    return (ack.message as { seq: number }).seq;
  };

  const transferRound = Math.floor(plan.rounds / 2);
  for (let r = 0; r < plan.rounds; r++) {
    const seq = await say(
      customer,
      toAgent,
      `${tag}-c${r}`,
      `Question ${r}: when is the deadline?`,
      'send → delivered, customer to agent',
    );
    // The agent reads it; the customer sees the read tick.
    const readSent = world.now();
    const seen = new Promise<void>((resolve) => {
      fromCustomer.onEvent = (frame) => {
        if (frame.event.kind === 'messages.read' && (frame.event.upToSeq ?? 0) >= seq) resolve();
      };
    });
    await within(agent.request({ type: 'read', sessionId, upToSeq: seq }), limit, 'read ack');
    await within(seen, limit, `read receipt in chat ${plan.k}`);
    fromCustomer.onEvent = () => {};
    world.record('read → receipt seen by the customer', world.now() - readSent);

    if (r === transferRound && plan.transfer) {
      const colleagues = (world.teamAgents.get(plan.teamId) ?? []).filter((id) => id !== agentId);
      const to = colleagues[plan.k % Math.max(1, colleagues.length)];
      const body =
        plan.transfer === 'agent' && to
          ? { agentId: to, note: 'Over to you: a fees question.' }
          : { teamId: plan.teamId, note: 'Back to the team, please.' };
      const moved = assignedTo(fromCustomer, 'agentId' in body ? 'transferred' : 'assigned');
      const t0 = world.now();
      try {
        await agent.call('POST', `/sessions/${sessionId}/transfer`, body);
        await within(agent.unsubscribe(sessionId), limit, 'unsubscribed');
        agentId = await within(moved, limit, `chat ${plan.k} reassigned`);
        world.record(
          `transfer to ${'agentId' in body ? 'an agent' : 'the team'} → assigned`,
          world.now() - t0,
        );
        world.count(`transfers to ${'agentId' in body ? 'an agent' : 'the team'}`);
        agent = world.agentById.get(agentId)!;
        toAgent = await agent.subscribe(sessionId, fromCustomer.lastSeq);
      } catch (error) {
        // A colleague at their maximum refuses a direct transfer (409): the chat stays.
        if (!(error instanceof Error && /HTTP 409/.test(error.message))) throw error;
        world.count('transfers refused (receiver at capacity)');
      }
      fromCustomer.onEvent = () => {};
    }

    await say(
      agent,
      fromCustomer,
      `${tag}-a${r}`,
      `Answer ${r}: the deadline is Friday.`,
      'send → delivered, agent to customer',
    );
  }

  const timedCall = async (metric: string, run: () => Promise<unknown>) => {
    const t0 = world.now();
    const result = await run();
    world.record(metric, world.now() - t0);
    return result;
  };
  await timedCall('end chat (POST /sessions/:id/end)', () =>
    agent.call('POST', `/sessions/${sessionId}/end`, {}),
  );
  await timedCall('rating (POST /sessions/:id/rating)', () =>
    customer.call('POST', `/sessions/${sessionId}/rating`, { rating: plan.rating }),
  );
  await within(
    Promise.all([agent.unsubscribe(sessionId), customer.unsubscribe(sessionId)]),
    limit,
    'unsubscribed',
  );
  if (plan.ticket) {
    const ticket = (await timedCall('chat → ticket (POST /sessions/:id/ticket)', () =>
      agent.call('POST', `/sessions/${sessionId}/ticket`, {}),
    )) as { id: string };
    await timedCall('ticket reply (POST /tickets/:id/messages)', () =>
      agent.call('POST', `/tickets/${ticket.id}/messages`, {
        body: 'Following up by mail: the form is attached to your account.',
        clientId: `${tag}-t`,
      }),
    );
    world.count('tickets made of chats');
  }
  world.count('chats completed');
}
