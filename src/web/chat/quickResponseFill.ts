// A quick response filled in for the chat it is inserted in: the same rendering the server's
// check is written against (domain/quickResponseTemplate.ts), from what the console knows.
import {
  renderTemplate,
  type RenderedTemplate,
  type TemplateContext,
} from '../../domain/quickResponseTemplate.js';
import type { Person, QuickResponse, Session } from '../../shared/api.js';

/**
 * What `{{…}}` stand for in `session`, written by `agent`. Chats have no team yet (issue 11,
 * teams): `{{team.name}}` is left empty until sessions carry one, and the preview says so.
 */
export const templateContextFor = (session: Session, agent: Person): TemplateContext => ({
  customer: { name: session.customer.name },
  agent: { name: agent.name },
  chat: { subject: session.subject },
  team: null,
});

export const fillQuickResponse = (
  response: QuickResponse,
  context: TemplateContext,
): RenderedTemplate => renderTemplate(response.content, context);
