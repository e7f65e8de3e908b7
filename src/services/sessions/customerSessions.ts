// A customer's chats as an agent may see them, newest first: the details panel's "Previous chats".
import { forbidden, notFound } from '../../domain/errors.js';
import { customerPolicy, type Viewer } from '../../domain/policies.js';
import type { ListCustomerSessionsQuery } from '../../shared/api.js';
import { listSessions } from '../../storage/repositories/sessions/sessionLists.js';
import { findUserById } from '../../storage/repositories/users.js';
import type { ServiceContext } from '../context.js';

export interface CustomerSessionsProps {
  viewer: Viewer;
  customerId: string;
  query: ListCustomerSessionsQuery;
}

/**
 * The customer's chats that the viewer may see (sessionPolicy.view, as the same SQL every list
 * uses): for an agent, all their ended chats, any waiting, and those the agent is in.
 */
export async function listCustomerSessions(ctx: ServiceContext, props: CustomerSessionsProps) {
  const { viewer, customerId, query } = props;
  if (!customerPolicy.listSessions(viewer)) throw forbidden("A customer's chats are for agents");
  if (!(await findUserById(ctx.store.db, customerId))) throw notFound('Customer');
  return listSessions(ctx.store.db, { viewer, view: 'all', customerId, ...query });
}
