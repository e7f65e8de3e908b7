// A desk for ticket tests: Finance (led by Kofi, with Esi) and IT (led by Ama) with a topic each
// (Fees is the default), Efua in no team, Ada the super admin, and Yaw and Abena as customers;
// with one-line helpers to file, reply, note and change tickets.
import type { AppError } from '../../src/domain/errors.js';
import type { Viewer } from '../../src/domain/policies.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import { replyToTicket } from '../../src/services/tickets/ticketReplier.js';
import { updateTicket } from '../../src/services/tickets/ticketUpdater.js';
import { createTopic } from '../../src/services/topics/topics.js';
import type { CreateTicketBody, UpdateTicketBody } from '../../src/shared/ticketsApi.js';
import { makeWorld, type Person, type World } from './world.js';
import type { Store } from '../../src/storage/store.js';

export interface Desk {
  world: World;
  ada: Person;
  kofi: Person;
  esi: Person;
  ama: Person;
  efua: Person;
  yaw: Person;
  abena: Person;
  finance: string;
  it: string;
  /** Topics: fees (Finance, the default) and wifi (IT). */
  fees: string;
  wifi: string;
  file(viewer: Viewer, body?: Partial<CreateTicketBody>): Promise<string>;
  reply(viewer: Viewer, ticketId: string, body?: string, extra?: object): Promise<string>;
  note(viewer: Viewer, ticketId: string, body?: string): Promise<string>;
  change(viewer: Viewer, ticketId: string, changes: UpdateTicketBody): Promise<unknown>;
}

export const refusal = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: AppError) => {
      if (!error.code) throw error;
      return error.code;
    },
  );

export async function makeDesk(store: Store, world = makeWorld(store)): Promise<Desk> {
  const { ctx } = world;
  const ada = await world.superAdmin('Ada');
  const quiet = { autoAssign: false };
  const kofi = await world.agent('Kofi', quiet);
  const esi = await world.agent('Esi', quiet);
  const ama = await world.agent('Ama', quiet);
  const efua = await world.agent('Efua', quiet);
  const finance = (await createTeam(ctx, ada, { name: 'Finance', description: '' })).row.id;
  const it = (await createTeam(ctx, ada, { name: 'IT', description: '' })).row.id;
  await setTeamMember(ctx, ada, { teamId: finance, agentId: kofi.id, isLead: true });
  await setTeamMember(ctx, ada, { teamId: finance, agentId: esi.id, isLead: false });
  await setTeamMember(ctx, ada, { teamId: it, agentId: ama.id, isLead: true });
  const topic = (slug: string, teamId: string) =>
    createTopic(ctx, ada, { slug, name: slug, teamId, isDefault: false, position: 0 });
  const fees = (await topic('fees', finance)).row.id;
  const wifi = (await topic('wifi', it)).row.id;
  return {
    world,
    ada,
    kofi,
    esi,
    ama,
    efua,
    yaw: await world.customer('Yaw'),
    abena: await world.customer('Abena'),
    finance,
    it,
    fees,
    wifi,
    async file(viewer, body = {}) {
      const record = await createTicket(ctx, {
        viewer,
        body: { subject: 'Refund', message: 'Please refund my fees', priority: 'medium', ...body },
      });
      world.clock.advance(1000);
      return record.row.id;
    },
    async reply(viewer, ticketId, body = 'Thanks', extra = {}) {
      const { message } = await replyToTicket(ctx, {
        viewer,
        ticketId,
        body,
        kind: 'reply',
        ...extra,
      });
      world.clock.advance(1000);
      return message.row.id;
    },
    async note(viewer, ticketId, body = 'Checked the ledger') {
      const { message } = await replyToTicket(ctx, { viewer, ticketId, body, kind: 'note' });
      world.clock.advance(1000);
      return message.row.id;
    },
    async change(viewer, ticketId, changes) {
      const record = await updateTicket(ctx, { viewer, ticketId, changes });
      world.clock.advance(1000);
      return record;
    },
  };
}
