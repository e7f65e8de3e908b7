// One ticket as its page shows it: the ticket, its whole thread (oldest first; the server leaves
// notes out for whoever may not read them) and, for the desk, its history. Loaded again when a
// frame of its feed (useTicketFeed) or a list topic names it, unless it names a message already
// shown, after a reconnect, and after the viewer's own changes.
import { useMemo } from 'preact/hooks';
import type { Page } from '../../../shared/api.js';
import type { Ticket, TicketEvent, TicketMessage } from '../../../shared/ticketsApi.js';
import type { Api } from '../../api/endpoints.js';
import { ApiError } from '../../api/http.js';
import { useServices } from '../../app/services.js';
import { useAsync, type AsyncState } from '../../hooks/useAsync.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { ticket as ticketFrames } from '../../realtime/invalidations.js';
import { parseTicketRef } from './ticketLabels.js';
import { useTicketFeed } from './useTicketFeed.js';

export interface TicketView {
  ticket: Ticket;
  messages: TicketMessage[];
  /** Null for the requester, who has no history to read. */
  events: TicketEvent[] | null;
}

/** At most this many pages of a thread or history (100 items each): a page, not an archive. */
const MAX_PAGES = 20;

async function everyPage<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>) {
  let items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetch(cursor);
    items = items.concat(result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

async function findTicket(api: Api, ref: string): Promise<Ticket> {
  const number = parseTicketRef(ref);
  if (number === null) return api.tickets.get(ref);
  const { items } = await api.tickets.list({ number, limit: 1 });
  const found = items[0];
  if (!found) throw new ApiError(404, 'NOT_FOUND', `There is no ticket #${number} you can open.`);
  return found;
}

/**
 * `ref`: the ticket's number or id.
 * `desk`: the page of an agent, who reads the history, unless it is their own request (its
 * requester is treated as one on it, docs/tickets.md).
 */
export function useTicket(ref: string, desk: boolean): AsyncState<TicketView> {
  const { api, me } = useServices();
  const state = useAsync(async (): Promise<TicketView> => {
    const ticket = await findTicket(api, ref);
    const id = ticket.id;
    const withHistory = desk && ticket.requester.id !== me.id;
    const [messages, events] = await Promise.all([
      everyPage((cursor) => api.tickets.messages(id, { cursor, limit: 100 })),
      withHistory
        ? everyPage((cursor) => api.tickets.events(id, { cursor, limit: 100 }))
        : Promise.resolve(null),
    ]);
    return { ticket, messages, events };
  }, [ref, desk]);
  const id = state.data?.ticket.id ?? null;
  const messages = state.data?.messages;
  const shown = useMemo(() => new Set(messages?.map((m) => m.id)), [messages]);
  const reload = () => void state.reload();
  useTicketFeed(id, reload);
  useLiveRefresh(id ? [ticketFrames(id, shown)] : [], reload);
  return state;
}
