// The widget page's sign-in: a visitor token kept in the iframe's own localStorage (which today's
// browsers partition by the top-level site, and which the host page cannot read: another
// origin), sent as a bearer token on the API and the socket. Where the browser refuses the framed
// page its storage (third-party storage blocked), the server keeps the token in a partitioned
// HttpOnly cookie instead, which the page never sees (docs/widget.md, Storage). On load the kept
// token is checked; without one, or when it has ended, a new guest is made. Identifying swaps in
// the identified customer's token, and the chats come along (POST /visitors/identify).
import type { Person } from '../../shared/api.js';
import type { IdentifyVisitorBody } from '../../shared/visitorsApi.js';
import type { VisitorAttributes } from '../../shared/widgetMessages.js';
import { createApi } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { ApiError, createHttpClient } from '../api/http.js';
import { startServices } from '../app/personServices.js';
import type { Services } from '../app/services.js';
import { reconnectDelay } from '../realtime/backoff.js';
import { Observable } from '../state/observable.js';

const TOKEN_KEY = 'switchboard.visitorToken';
const CHECK_BACKOFF = { baseMs: 1000, maxMs: 30_000 };

export type VisitorState =
  | { status: 'starting' }
  | { status: 'unreachable'; problem: string }
  | { status: 'ready'; services: Services };

export const visitorState = new Observable<VisitorState>({ status: 'starting' });

interface TokenStore {
  /** The server keeps the token in the partitioned cookie `sb_visitor`: the page never sees it. */
  inCookie: boolean;
  get(): string | null;
  set(token: string | null): void;
}

/** The page's localStorage, when the browser lets a framed page use it (third-party storage). */
function usableStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    storage.setItem(`${TOKEN_KEY}.probe`, '1');
    storage.removeItem(`${TOKEN_KEY}.probe`);
    return storage;
  } catch {
    return null;
  }
}

/** localStorage where it works; else the server's visitor cookie, and nothing here. */
function tokenStore(): TokenStore {
  const storage = usableStorage();
  if (!storage) return { inCookie: true, get: () => null, set: () => undefined };
  return {
    inCookie: false,
    get: () => {
      try {
        return storage.getItem(TOKEN_KEY);
      } catch {
        return null;
      }
    },
    set(token) {
      try {
        if (token) storage.setItem(TOKEN_KEY, token);
        else storage.removeItem(TOKEN_KEY);
      } catch {
        // The browser took storage away since: the next load keeps the token in the cookie.
      }
    },
  };
}

const tokens = tokenStore();
const bearer = () => tokens.get();
export const widgetApi = createApi(
  createHttpClient({ baseUrl: '/api/v1', bearer, onUnauthenticated: () => void restart() }),
);
let teardown: (() => void) | null = null;
let attempts = 0;

function begin(me: Person): void {
  teardown?.();
  const started = startServices(me, widgetApi, { bearer, onSignedOut: () => void restart() });
  teardown = started.teardown;
  visitorState.set({ status: 'ready', services: started.services });
}

/** The kept token's person (the cookie's, there), or null when it has ended (or there is none). */
async function keptVisitor(): Promise<Person | null> {
  if (!tokens.inCookie && !tokens.get()) return null;
  try {
    return (await widgetApi.auth.session()).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Signs the page in: the kept visitor, else a new guest; retried while the server is away. */
export async function startVisitor(): Promise<void> {
  try {
    let me = await keptVisitor();
    if (!me) {
      const issued = await widgetApi.visitors.create({ cookie: tokens.inCookie });
      tokens.set(issued.token);
      me = issued.user;
    }
    attempts = 0;
    begin(me);
  } catch (error) {
    visitorState.set({ status: 'unreachable', problem: errorMessage(error) });
    setTimeout(() => void startVisitor(), reconnectDelay(attempts++, Math.random, CHECK_BACKOFF));
  }
}

/** The token ended under the page (signed out elsewhere, expired): a new guest. */
async function restart(): Promise<void> {
  teardown?.();
  teardown = null;
  tokens.set(null);
  visitorState.set({ status: 'starting' });
  await startVisitor();
}

/** The host vouches for who the visitor is: their chats become that customer's. */
export async function identify(identity: IdentifyVisitorBody): Promise<void> {
  const issued = await widgetApi.visitors.identify(identity);
  tokens.set(issued.token);
  begin(issued.user);
}

/** A name and an address to be reached at: a guest's (an identified visitor's is a 403). */
export async function setAttributes(attributes: VisitorAttributes): Promise<void> {
  const body = {
    ...(attributes.name !== undefined ? { name: attributes.name } : {}),
    ...(attributes.email !== undefined ? { email: attributes.email } : {}),
  };
  if (Object.keys(body).length > 0) await widgetApi.visitors.update(body);
}
