// Where a `next` link leads, decided the way a browser resolves it: the SSO landing and the
// sign-in page redirect only to a path on their own site, whatever tricks the link holds.

/**
 * The path, query and fragment that `next` leads to when resolved against `origin` (the site's
 * root), or null when it leads anywhere else.
 *
 * The WHATWG URL parser is the one browsers use, so it sees what they see: `\` read as `/`,
 * tabs and newlines dropped, `//host` and `https:host` as other hosts. What it returns is
 * percent-encoded ASCII, safe in a Location header.
 */
export function sameOriginPath(next: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  // `/.//evil.example` resolves to the path `//evil.example` on this site; sent without the
  // origin, that path would name another host.
  if (url.pathname.startsWith('//')) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * `path` (a same-origin path from sameOriginPath) with `topic=<slug>` added to its query, unless
 * it names a topic already: how the SSO landing hands the token's `topic` claim to the start form.
 */
export function withTopic(path: string, topic: string | null): string {
  if (topic === null) return path;
  const url = new URL(path, 'http://switchboard.invalid');
  if (url.searchParams.has('topic')) return path;
  url.searchParams.set('topic', topic);
  return url.pathname + url.search + url.hash;
}
