// What the agents' pages need to know of the deployment's settings: when a chat has waited too
// long for the agent's reply (REPLY_OVERDUE_SECONDS), so the Active list and All chats say so.
import { forbidden } from '../../domain/errors.js';
import { agentPolicy, type Viewer } from '../../domain/policies.js';
import type { ServiceContext } from '../context.js';

export interface DeskSettingsRecord {
  replyOverdueMs: number;
}

export function getDeskSettings(ctx: ServiceContext, viewer: Viewer): DeskSettingsRecord {
  if (!agentPolicy.list(viewer)) throw forbidden('Only agents see the desk settings');
  return { replyOverdueMs: ctx.settings.replyOverdueMs };
}
