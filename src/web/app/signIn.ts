// The sign-in lifecycle of the tab: checks the cookie on load (retrying with backoff while the
// server cannot answer), signs in and out, and builds (and tears down) the services of a
// signed-in person. A lost sign-in, seen by the API or the socket, brings back the sign-in page
// with a notice.
import type { Person } from '../../shared/api.js';
import { createApi } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { createHttpClient } from '../api/http.js';
import { reconnectDelay } from '../realtime/backoff.js';
import { Observable } from '../state/observable.js';
import { forgetWorkspace } from '../state/savedWorkspace.js';
import { tabStorage } from '../state/tabStorage.js';
import { startServices } from './personServices.js';
import type { Services } from './services.js';

export type SignInState =
  | { status: 'checking' }
  /** The server could not say whether the cookie is good (offline, restarting): retrying. */
  | { status: 'unreachable'; problem: string }
  | { status: 'signedOut'; notice: string | null }
  | { status: 'signedIn'; services: Services };

const SESSION_LOST = 'Your sign-in has ended. Please sign in again.';
/** Waits between checks of the sign-in while Switchboard cannot be reached. */
const CHECK_BACKOFF = { baseMs: 1000, maxMs: 30_000 };

export const signInState = new Observable<SignInState>({ status: 'checking' });

const api = createApi(
  createHttpClient({ baseUrl: '/api/v1', onUnauthenticated: () => endSignIn(SESSION_LOST) }),
);
/** The API for the pages shown before anyone signs in (forgot password, a mailed link's page). */
export const publicApi = api;
let teardown: (() => void) | null = null;
let checkAttempts = 0;
let checkTimer: ReturnType<typeof setTimeout> | null = null;

function begin(me: Person): void {
  teardown?.();
  const started = startServices(me, api, { onSignedOut: () => endSignIn(SESSION_LOST) });
  teardown = () => {
    started.teardown();
    teardown = null;
  };
  signInState.set({ status: 'signedIn', services: started.services });
}

function endSignIn(notice: string | null): void {
  const wasSignedIn = signInState.get().status === 'signedIn';
  teardown?.();
  signInState.set({ status: 'signedOut', notice: wasSignedIn ? notice : null });
}

/**
 * On page load: is the session cookie still good? Only the server saying nobody is signed in
 * means signed out, and it says so without an error status (a 401 would be logged in the
 * console of every visitor); when it cannot answer, the check is tried again with backoff (and
 * at once when called again, e.g. the network came back), so a restart does not sign anybody out.
 */
export async function checkSignIn(): Promise<void> {
  if (checkTimer) clearTimeout(checkTimer);
  checkTimer = null;
  try {
    const { user } = await api.auth.session();
    checkAttempts = 0;
    if (user) begin(user);
    else endSignIn(null);
  } catch (error) {
    signInState.set({ status: 'unreachable', problem: errorMessage(error) });
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = setTimeout(
      () => void checkSignIn(),
      reconnectDelay(checkAttempts++, Math.random, CHECK_BACKOFF),
    );
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const { user } = await api.auth.signIn({ email, password });
  begin(user);
}

export async function signOut(): Promise<void> {
  const state = signInState.get();
  // A shared computer: the next person on this tab must not reopen these chats.
  if (state.status === 'signedIn') forgetWorkspace(tabStorage(), state.services.me.id);
  try {
    await api.auth.signOut();
  } finally {
    endSignIn(null);
  }
}
