// Requests that a page on another site could make in a user's name, beside the ones legitimate
// clients make, with whom each must count as. The REST API (unsafe methods) and the WebSocket
// handshake both pass this one table, because one rule decides both (src/domain/credentials.ts).
import { Client, TEST_PASSWORD, type TestNode } from './testNode.js';

/** Whom the request counts as, or why it is turned away. */
export type Outcome = 'cookie owner' | 'token owner' | 'refused as cross-site' | 'unauthenticated';

export interface CrossSiteCase {
  name: string;
  origin: 'ours' | 'listed' | 'foreign' | 'absent';
  secFetchSite?: 'same-origin' | 'same-site' | 'cross-site' | 'none';
  authorization?: 'basic' | 'garbage' | 'bearer' | 'unknown bearer' | 'malformed bearer';
  /** Whether the request carries the cookie owner's session cookie. */
  cookie: boolean;
  expected: Outcome;
}

/** Listed in ALLOWED_ORIGINS by the tests that use this table. */
export const LISTED_ORIGIN = 'https://portal.example';
const FOREIGN_ORIGIN = 'https://evil.example';

export const CROSS_SITE_CASES: CrossSiteCase[] = [
  { name: 'cookie from our origin', origin: 'ours', cookie: true, expected: 'cookie owner' },
  { name: 'cookie from a listed origin', origin: 'listed', cookie: true, expected: 'cookie owner' },
  {
    name: 'cookie from another site',
    origin: 'foreign',
    cookie: true,
    expected: 'refused as cross-site',
  },
  {
    name: 'Basic (from an authenticating proxy) and cookie from another site',
    origin: 'foreign',
    authorization: 'basic',
    cookie: true,
    expected: 'refused as cross-site',
  },
  {
    name: 'Basic and cookie from our origin',
    origin: 'ours',
    authorization: 'basic',
    cookie: true,
    expected: 'cookie owner',
  },
  {
    name: 'an Authorization header of no known scheme and cookie from another site',
    origin: 'foreign',
    authorization: 'garbage',
    cookie: true,
    expected: 'refused as cross-site',
  },
  {
    name: 'a malformed Bearer header and cookie from another site',
    origin: 'foreign',
    authorization: 'malformed bearer',
    cookie: true,
    expected: 'refused as cross-site',
  },
  {
    name: 'Basic without cookie from another site',
    origin: 'foreign',
    authorization: 'basic',
    cookie: false,
    expected: 'refused as cross-site',
  },
  {
    name: 'valid bearer token from another site',
    origin: 'foreign',
    authorization: 'bearer',
    cookie: false,
    expected: 'token owner',
  },
  {
    name: "valid bearer token and someone else's cookie from another site",
    origin: 'foreign',
    authorization: 'bearer',
    cookie: true,
    expected: 'token owner',
  },
  {
    name: 'unknown bearer token and a valid cookie from our origin',
    origin: 'ours',
    authorization: 'unknown bearer',
    cookie: true,
    expected: 'unauthenticated',
  },
  {
    name: 'unknown bearer token and a valid cookie from another site',
    origin: 'foreign',
    authorization: 'unknown bearer',
    cookie: true,
    expected: 'unauthenticated',
  },
  {
    name: 'cookie without Origin, fetched cross-site',
    origin: 'absent',
    secFetchSite: 'cross-site',
    cookie: true,
    expected: 'refused as cross-site',
  },
  {
    name: 'cookie without Origin, fetched from a sibling site',
    origin: 'absent',
    secFetchSite: 'same-site',
    cookie: true,
    expected: 'refused as cross-site',
  },
  {
    name: 'cookie without Origin, fetched same-origin',
    origin: 'absent',
    secFetchSite: 'same-origin',
    cookie: true,
    expected: 'cookie owner',
  },
  {
    name: 'cookie without Origin or Sec-Fetch-Site (not a browser)',
    origin: 'absent',
    cookie: true,
    expected: 'cookie owner',
  },
  { name: 'nothing, from our origin', origin: 'ours', cookie: false, expected: 'unauthenticated' },
];

export interface Credentials {
  baseUrl: string;
  /** `sb_session=…` of the cookie owner. */
  cookie: string;
  /** A bearer token of the token owner, someone else. */
  token: string;
}

export const COOKIE_OWNER = 'Yaw Cookie';
export const TOKEN_OWNER = 'Tia Token';

/** Signs the cookie owner in with a cookie and the token owner with a bearer token. */
export async function signInBoth(server: TestNode): Promise<Credentials> {
  const [cookieOwner, tokenOwner] = await Promise.all([
    server.signUp(COOKIE_OWNER),
    server.signUp(TOKEN_OWNER),
  ]);
  const { body: me } = await tokenOwner.get<{ user: { email: string } }>('/api/v1/auth/me');
  const issued = await new Client(server.url).post<{ token: string }>('/api/v1/auth/tokens', {
    email: me.user.email,
    password: TEST_PASSWORD,
  });
  return { baseUrl: server.url, cookie: cookieOwner.cookie!, token: issued.body.token };
}

/** The outcome of a request that was answered as the person called `name`. */
export function ownerOutcome(name: string): Outcome {
  if (name === COOKIE_OWNER) return 'cookie owner';
  if (name === TOKEN_OWNER) return 'token owner';
  throw new Error(`answered as ${name}, who is in no case`);
}

/** The headers a case's request carries. */
export function headersOf(c: CrossSiteCase, credentials: Credentials): Record<string, string> {
  const origin = {
    ours: credentials.baseUrl,
    listed: LISTED_ORIGIN,
    foreign: FOREIGN_ORIGIN,
    absent: undefined,
  }[c.origin];
  const authorization =
    c.authorization &&
    {
      basic: `Basic ${Buffer.from('proxy-user:proxy-password').toString('base64')}`,
      garbage: 'x',
      bearer: `Bearer ${credentials.token}`,
      'unknown bearer': 'Bearer not-a-token',
      'malformed bearer': `Bearer ${credentials.token} extra`,
    }[c.authorization];
  return {
    ...(origin ? { origin } : {}),
    ...(c.secFetchSite ? { 'sec-fetch-site': c.secFetchSite } : {}),
    ...(authorization ? { authorization } : {}),
    ...(c.cookie ? { cookie: credentials.cookie } : {}),
  };
}
