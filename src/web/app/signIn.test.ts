import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The socket is the browser's; here the services only need to exist.
vi.mock('./browserSocket.js', () => ({
  connectRealtime: () => ({
    client: { onState: () => () => {}, onResume: () => () => {} },
    disconnect: () => {},
  }),
}));

// A customer: an agent's sign-in would also fetch their quick responses.
const me = { id: 'u1', name: 'Yaw', email: 'yaw@example.com', role: 'user' };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const signedIn = () => json(200, { user: me, expiresAt: '2026-01-01T10:00:00Z' });
const nobody = () => json(200, { user: null, expiresAt: null });
const refused = (status: number, code: string) =>
  json(status, { error: { code, message: `${code} message` } });

/** What /auth/session answers, in turn; a thrown error is a request that never got an answer. */
let answers: Array<() => Response> = [];
const fetchMock = vi.fn(async () => {
  const next = answers.shift();
  if (!next) throw new Error('no answer');
  return next();
});

async function freshSignIn() {
  vi.resetModules();
  return import('./signIn.js');
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('window', { sessionStorage: null });
  fetchMock.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('checkSignIn', () => {
  it('keeps trying while Switchboard cannot answer, without signing the person out', async () => {
    const { checkSignIn, signInState } = await freshSignIn();
    answers = [
      () => refused(503, 'SERVICE_UNAVAILABLE'),
      () => {
        throw new TypeError('Failed to fetch');
      },
      signedIn,
    ];
    await checkSignIn();
    expect(signInState.get()).toEqual({
      status: 'unreachable',
      problem: 'SERVICE_UNAVAILABLE message',
    });

    await vi.advanceTimersByTimeAsync(1000);
    expect(signInState.get()).toEqual({
      status: 'unreachable',
      problem: 'Cannot reach Switchboard. Check your connection.',
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(signInState.get()).toMatchObject({ status: 'signedIn', services: { me } });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('shows the sign-in page only when the server says nobody is signed in', async () => {
    const { checkSignIn, signInState } = await freshSignIn();
    answers = [nobody];
    await checkSignIn();
    expect(signInState.get()).toEqual({ status: 'signedOut', notice: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('asks in a way that answers a signed-out visitor without an error status', async () => {
    const { checkSignIn } = await freshSignIn();
    answers = [nobody];
    await checkSignIn();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/auth/session', expect.anything());
  });
});
