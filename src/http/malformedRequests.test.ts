import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerClientError } from './malformedRequests.js';

/** A socket that records what is written on it. */
function fakeSocket(state: { writable?: boolean; destroyed?: boolean; responding?: boolean } = {}) {
  const socket = {
    writable: state.writable ?? true,
    destroyed: state.destroyed ?? false,
    _httpMessage: state.responding ? { headersSent: true } : null,
    written: [] as string[],
    write(data: string) {
      socket.written.push(data);
      return true;
    },
    destroy() {
      socket.destroyed = true;
    },
  };
  return socket;
}

const app = { log: { debug() {} } } as never;
const parserError = (code: string, reason?: string) =>
  Object.assign(new Error(code), { code, reason });

function answer(error: Error, socket: ReturnType<typeof fakeSocket>) {
  answerClientError.call(app, error, socket as unknown as Socket);
  return socket.written.join('');
}

describe('answerClientError', () => {
  it('answers a request that took too long with a 408 in the API’s format', () => {
    const socket = fakeSocket();
    const written = answer(parserError('ERR_HTTP_REQUEST_TIMEOUT'), socket);
    expect(written).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(written).toContain('\r\nConnection: close\r\n');
    expect(JSON.parse(written.split('\r\n\r\n')[1]!)).toEqual({
      error: { code: 'REQUEST_TIMEOUT', message: expect.any(String) },
    });
    expect(socket.destroyed).toBe(true);
  });

  it('counts the body’s length in bytes', () => {
    const written = answer(
      parserError('HPE_INVALID_METHOD', 'Invalid method encountered'),
      fakeSocket(),
    );
    const [head, body] = written.split('\r\n\r\n') as [string, string];
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body).error.message).toContain('Invalid method encountered');
  });

  it('writes nothing over a response already under way, and closes the socket', () => {
    const socket = fakeSocket({ responding: true });
    expect(answer(parserError('HPE_INVALID_CHUNK_SIZE'), socket)).toBe('');
    expect(socket.destroyed).toBe(true);
  });

  it('writes nothing on a socket that can no longer be written, or was reset', () => {
    expect(answer(parserError('HPE_INVALID_METHOD'), fakeSocket({ writable: false }))).toBe('');
    expect(answer(parserError('ECONNRESET'), fakeSocket())).toBe('');
    expect(answer(parserError('HPE_INVALID_METHOD'), fakeSocket({ destroyed: true }))).toBe('');
  });
});
