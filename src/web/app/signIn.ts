// The sign-in lifecycle of the tab: checks the cookie on load, signs in and out, and builds (and
// tears down) the services of a signed-in person. A lost sign-in, seen by the API or the socket,
// brings back the sign-in page with a notice.
import type { Person } from '../../shared/api.js';
import { createApi } from '../api/endpoints.js';
import { createHttpClient } from '../api/http.js';
import { ConversationRegistry } from '../chat/conversationRegistry.js';
import { Observable } from '../state/observable.js';
import { connectRealtime } from './browserSocket.js';
import type { Services } from './services.js';

export type SignInState =
  | { status: 'checking' }
  | { status: 'signedOut'; notice: string | null }
  | { status: 'signedIn'; services: Services };

const SESSION_LOST = 'Your sign-in has ended. Please sign in again.';

export const signInState = new Observable<SignInState>({ status: 'checking' });

const api = createApi(
  createHttpClient({ baseUrl: '/api/v1', onUnauthenticated: () => endSignIn(SESSION_LOST) }),
);
let teardown: (() => void) | null = null;

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function begin(me: Person): void {
  teardown?.();
  const { client: realtime, disconnect } = connectRealtime();
  const conversations = new ConversationRegistry({
    api,
    realtime,
    viewer: me,
    storage: sessionStorageOrNull(),
  });
  const stopWatching = realtime.onState((state) => {
    if (state === 'signedOut') endSignIn(SESSION_LOST);
  });
  teardown = () => {
    stopWatching();
    conversations.closeAll();
    disconnect();
    teardown = null;
  };
  signInState.set({ status: 'signedIn', services: { me, api, realtime, conversations } });
}

function endSignIn(notice: string | null): void {
  const wasSignedIn = signInState.get().status === 'signedIn';
  teardown?.();
  signInState.set({ status: 'signedOut', notice: wasSignedIn ? notice : null });
}

/** On page load: is the session cookie still good? */
export async function checkSignIn(): Promise<void> {
  try {
    const { user } = await api.auth.me();
    begin(user);
  } catch {
    endSignIn(null);
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const { user } = await api.auth.signIn({ email, password });
  begin(user);
}

export async function signOut(): Promise<void> {
  try {
    await api.auth.signOut();
  } finally {
    endSignIn(null);
  }
}
