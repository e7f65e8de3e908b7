import { describe, expect, it } from 'vitest';
import { checkCredential, type CredentialRequest } from './credentials.js';

const HOST = 'desk.example';
const OURS = `https://${HOST}`;
const LISTED = 'https://portal.example';
const FOREIGN = 'https://evil.example';
const BASIC = `Basic ${Buffer.from('proxy:secret').toString('base64')}`;

type Headers = CredentialRequest['headers'];

function check(headers: Headers, { method = 'POST', handshake = false, withCookie = true } = {}) {
  const sessionCookie = withCookie ? 'cookie-secret' : undefined;
  return checkCredential(
    { method, handshake, headers: { host: HOST, ...headers }, sessionCookie },
    [LISTED],
  );
}

const asCookie = { allowed: true, credential: { scheme: 'cookie', secret: 'cookie-secret' } };
const asToken = { allowed: true, credential: { scheme: 'bearer', secret: 'token-secret' } };
const anonymous = { allowed: true, credential: null };
const refused = { allowed: false, reason: expect.any(String) };

describe('checkCredential', () => {
  // The same table holds for a write and for a WebSocket handshake.
  describe.each([
    { kind: 'a write', method: 'POST', handshake: false },
    { kind: 'a WebSocket handshake', method: 'GET', handshake: true },
  ])('for $kind', ({ method, handshake }) => {
    const cases: Array<{ name: string; headers: Headers; expected: object; cookie?: false }> = [
      { name: 'takes the cookie from our origin', headers: { origin: OURS }, expected: asCookie },
      {
        name: 'takes the cookie from our origin over http',
        headers: { origin: `http://${HOST}` },
        expected: asCookie,
      },
      {
        name: 'takes the cookie from a listed origin',
        headers: { origin: LISTED },
        expected: asCookie,
      },
      {
        name: 'refuses the cookie from another site',
        headers: { origin: FOREIGN },
        expected: refused,
      },
      {
        name: 'refuses an opaque origin (sandboxed frame, file)',
        headers: { origin: 'null' },
        expected: refused,
      },
      {
        name: 'refuses a look-alike of our origin',
        headers: { origin: `https://${HOST}.evil.example` },
        expected: refused,
      },
      {
        name: 'refuses our host on another port',
        headers: { origin: `${OURS}:8443` },
        expected: refused,
      },
      {
        name: 'refuses Basic and cookie from another site (an authenticating proxy)',
        headers: { origin: FOREIGN, authorization: BASIC },
        expected: refused,
      },
      {
        name: 'takes the cookie beside Basic from our origin',
        headers: { origin: OURS, authorization: BASIC },
        expected: asCookie,
      },
      {
        name: 'refuses an unknown scheme and cookie from another site',
        headers: { origin: FOREIGN, authorization: 'x' },
        expected: refused,
      },
      {
        name: 'refuses "Bearer" without a token and cookie from another site',
        headers: { origin: FOREIGN, authorization: 'Bearer' },
        expected: refused,
      },
      {
        name: 'refuses a bearer header of two words and cookie from another site',
        headers: { origin: FOREIGN, authorization: 'Bearer token-secret more' },
        expected: refused,
      },
      {
        name: 'refuses a sign-in from another site even without cookie',
        headers: { origin: FOREIGN, authorization: BASIC },
        expected: refused,
        cookie: false,
      },
      {
        name: 'takes a bearer token from another site',
        headers: { origin: FOREIGN, authorization: 'Bearer token-secret' },
        expected: asToken,
        cookie: false,
      },
      {
        name: 'takes the bearer token, not the cookie, from another site',
        headers: { origin: FOREIGN, authorization: 'Bearer token-secret' },
        expected: asToken,
      },
      {
        name: 'takes the bearer token, not the cookie, from our origin',
        headers: { origin: OURS, authorization: 'bearer token-secret' },
        expected: asToken,
      },
      {
        name: 'refuses the cookie without Origin fetched cross-site',
        headers: { 'sec-fetch-site': 'cross-site' },
        expected: refused,
      },
      {
        name: 'refuses the cookie without Origin fetched from a sibling site',
        headers: { 'sec-fetch-site': 'same-site' },
        expected: refused,
      },
      {
        name: 'takes the cookie without Origin fetched same-origin',
        headers: { 'sec-fetch-site': 'same-origin' },
        expected: asCookie,
      },
      {
        name: 'takes the cookie without Origin typed by the user',
        headers: { 'sec-fetch-site': 'none' },
        expected: asCookie,
      },
      {
        name: 'takes the cookie from a client that is not a browser',
        headers: {},
        expected: asCookie,
      },
      {
        name: 'trusts Origin over Sec-Fetch-Site',
        headers: { origin: FOREIGN, 'sec-fetch-site': 'same-origin' },
        expected: refused,
      },
      {
        name: 'signs in nobody from our origin without credentials',
        headers: { origin: OURS },
        expected: anonymous,
        cookie: false,
      },
    ];
    it.each(cases)('$name', ({ headers, expected, cookie }) => {
      expect(check(headers, { method, handshake, withCookie: cookie !== false })).toEqual(expected);
    });
  });

  it('does not guard reads: another site gets no answer, and reading changes nothing', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(check({ origin: FOREIGN, authorization: BASIC }, { method })).toEqual(asCookie);
  });

  it('guards every method that may change something', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'])
      expect(check({ origin: FOREIGN }, { method })).toEqual(refused);
  });

  it('says which origin it refused', () => {
    expect(check({ origin: FOREIGN })).toEqual({
      allowed: false,
      reason: `Requests from ${FOREIGN} are not allowed`,
    });
  });

  it("takes a handshake's bearer token offered as a subprotocol, from any origin", () => {
    const protocols = {
      origin: FOREIGN,
      'sec-websocket-protocol': 'switchboard, bearer.token-secret',
    };
    expect(check(protocols, { method: 'GET', handshake: true })).toEqual(asToken);
  });

  it('takes a subprotocol token on handshakes only: a write still needs the header', () => {
    const protocols = { origin: FOREIGN, 'sec-websocket-protocol': 'bearer.token-secret' };
    expect(check(protocols)).toEqual(refused);
  });

  it('takes no token from an empty bearer subprotocol', () => {
    const protocols = { origin: FOREIGN, 'sec-websocket-protocol': 'switchboard, bearer.' };
    expect(check(protocols, { method: 'GET', handshake: true })).toEqual(refused);
  });
});

describe('checkCredential with the visitor cookie', () => {
  const PUBLIC = 'https://chat.example';
  function visitorCheck(headers: Headers, { method = 'POST', handshake = false } = {}) {
    return checkCredential(
      {
        method,
        handshake,
        headers: { host: HOST, ...headers },
        sessionCookie: undefined,
        visitorCookie: 'visitor-secret',
      },
      // As config.ts lists them: PUBLIC_URL's origin first.
      [PUBLIC, LISTED],
      PUBLIC,
    );
  }
  const asVisitor = {
    allowed: true,
    credential: { scheme: 'visitor-cookie', secret: 'visitor-secret' },
  };

  it.each([
    { kind: 'a write', method: 'POST', handshake: false },
    { kind: 'a WebSocket handshake', method: 'GET', handshake: true },
    { kind: 'a read', method: 'GET', handshake: false },
  ])('takes it for $kind from our origin or PUBLIC_URL only', ({ method, handshake }) => {
    const options = { method, handshake };
    expect(visitorCheck({ origin: OURS }, options)).toEqual(asVisitor);
    expect(visitorCheck({ origin: `http://${HOST}` }, options)).toEqual(asVisitor);
    expect(visitorCheck({ origin: PUBLIC }, options)).toEqual(asVisitor);
    // The embedding site is listed (ALLOWED_ORIGINS): its scripts still may not use the cookie.
    expect(visitorCheck({ origin: LISTED }, options)).toEqual(refused);
    expect(visitorCheck({ origin: FOREIGN }, options)).toEqual(refused);
    expect(visitorCheck({ origin: 'null' }, options)).toEqual(refused);
  });

  it('refuses it without Origin on a write or a handshake, whatever Sec-Fetch-Site says', () => {
    for (const site of [undefined, 'same-origin', 'none', 'cross-site']) {
      const headers = site ? { 'sec-fetch-site': site } : {};
      expect(visitorCheck(headers)).toEqual(refused);
      expect(visitorCheck(headers, { method: 'GET', handshake: true })).toEqual(refused);
    }
  });

  it('takes it on a read without Origin only from a same-origin page', () => {
    const read = { method: 'GET' };
    expect(visitorCheck({ 'sec-fetch-site': 'same-origin' }, read)).toEqual(asVisitor);
    expect(visitorCheck({ 'sec-fetch-site': 'cross-site' }, read)).toEqual(refused);
    expect(visitorCheck({ 'sec-fetch-site': 'same-site' }, read)).toEqual(refused);
    expect(visitorCheck({ 'sec-fetch-site': 'none' }, read)).toEqual(refused);
    expect(visitorCheck({}, read)).toEqual(refused);
  });

  it('lets a bearer token or the session cookie take precedence', () => {
    expect(visitorCheck({ origin: FOREIGN, authorization: 'Bearer token-secret' })).toEqual(
      asToken,
    );
    const both = checkCredential(
      {
        method: 'POST',
        handshake: false,
        headers: { host: HOST, origin: OURS },
        sessionCookie: 'cookie-secret',
        visitorCookie: 'visitor-secret',
      },
      [LISTED],
    );
    expect(both).toEqual(asCookie);
  });
});
