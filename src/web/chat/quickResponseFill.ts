// A quick response filled in for the chat it is inserted in: the same rendering the server's
// check is written against (domain/quickResponseTemplate.ts), from what the console knows.
import {
  renderTemplate,
  type RenderedTemplate,
  type TemplateContext,
} from '../../domain/quickResponseTemplate.js';
import type { Person, QuickResponse, Session } from '../../shared/api.js';

/**
 * What `{{…}}` stand for in `session`, written by `agent`. A chat without a team (none chosen,
 * or started before teams) leaves `{{team.name}}` empty, and the preview says so.
 */
export const templateContextFor = (session: Session, agent: Person): TemplateContext => ({
  customer: { name: session.customer.name },
  agent: { name: agent.name },
  chat: { subject: session.subject },
  team: session.team && { name: session.team.name },
});

export const fillQuickResponse = (
  response: QuickResponse,
  context: TemplateContext,
): RenderedTemplate => renderTemplate(response.content, context);
