// The list of agents with their live status and load, for agents (to transfer) and super admins.
import { forbidden } from '../../domain/errors.js';
import { agentPolicy, type Viewer } from '../../domain/policies.js';
import { listAgentStates } from '../../storage/repositories/agents.js';
import type { ServiceContext } from '../context.js';

export async function listAgents(ctx: ServiceContext, viewer: Viewer) {
  if (!agentPolicy.list(viewer)) throw forbidden('Only agents can see the agent list');
  return listAgentStates(ctx.store.db, {
    now: ctx.clock.now(),
    nodeStaleMs: ctx.settings.nodeStaleMs,
  });
}
