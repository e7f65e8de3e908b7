import { describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR, createHttpClient, fileNameOf, toQueryString } from './http.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('toQueryString', () => {
  it('leaves out empty values', () => {
    expect(toQueryString({ view: 'all', q: '', status: undefined, agentId: null, limit: 20 })).toBe(
      '?view=all&limit=20',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('fileNameOf', () => {
  it("reads the name of an attachment's Content-Disposition", () => {
    expect(fileNameOf('attachment; filename="chat-2026-12-04.txt"')).toBe('chat-2026-12-04.txt');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('createHttpClient', () => {
  it('downloads a file with the bearer token, which a plain link would not carry', async () => {
    const fetch = vi.fn(
      async () =>
        new Response('Transcript', {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="chat.txt"' },
        }),
    );
    const http = createHttpClient({ baseUrl: '/api/v1', fetch, bearer: () => 'visitor-token' });
    const file = await http.download('/sessions/s1/transcript?format=text');
    expect(file.fileName).toBe('chat.txt');
    expect(await file.blob.text()).toBe('Transcript');
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/sessions/s1/transcript?format=text',
      expect.objectContaining({
        method: 'GET',
        credentials: 'omit',
        headers: expect.objectContaining({ authorization: 'Bearer visitor-token' }),
      }),
    );
  });

  it('sends JSON to the API and returns the parsed answer', async () => {
    const fetch = vi.fn(async () => json(201, { id: 's1' }));
    const http = createHttpClient({ baseUrl: '/api/v1', fetch });
    await expect(http.post('/sessions', { subject: 'Help' })).resolves.toEqual({ id: 's1' });
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/sessions',
      expect.objectContaining({ method: 'POST', body: '{"subject":"Help"}' }),
    );
  });

  it("turns the server's error body into an ApiError with its code and field", async () => {
    const http = createHttpClient({
      baseUrl: '',
      fetch: async () =>
        json(400, {
          error: { code: 'VALIDATION_FAILED', message: 'subject: too long', field: 'subject' },
        }),
    });
    const error = await http.post('/sessions', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'subject' });
  });

  it('reports an unreachable server as a network error', async () => {
    const http = createHttpClient({
      baseUrl: '',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(http.get('/auth/me')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('tells the app when the sign-in is gone', async () => {
    const onUnauthenticated = vi.fn();
    const http = createHttpClient({
      baseUrl: '',
      onUnauthenticated,
      fetch: async () =>
        json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }),
    });
    await expect(http.get('/sessions')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('does not mistake wrong credentials for a lost sign-in', async () => {
    const onUnauthenticated = vi.fn();
    const http = createHttpClient({
      baseUrl: '',
      onUnauthenticated,
      fetch: async () =>
        json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' } }),
    });
    await expect(http.post('/auth/login', {})).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('answers 204 with nothing', async () => {
    const http = createHttpClient({
      baseUrl: '',
      fetch: async () => new Response(null, { status: 204 }),
    });
    await expect(http.delete('/quick-responses/1')).resolves.toBeUndefined();
  });

  it('answers a 202 without a body with nothing', async () => {
    const http = createHttpClient({
      baseUrl: '',
      fetch: async () => new Response(null, { status: 202, headers: { 'content-length': '0' } }),
    });
    await expect(http.post('/auth/password-reset', {})).resolves.toBeUndefined();
  });
});
