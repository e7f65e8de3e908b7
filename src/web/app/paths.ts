// Matching page paths like "/history/:id" against the address bar. Pure, so it is unit tested.
import { sameOriginPath } from '../../shared/sameOriginPath.js';

export type Params = Record<string, string>;

/** The named segments of `path` when it matches `pattern`, else null. */
export function matchPath(pattern: string, path: string): Params | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (const [index, segment] of want.entries()) {
    const actual = have[index]!;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

/**
 * The path to return to after signing in: `next` as the browser resolves it on this site
 * (`origin`), or home when it leads anywhere else.
 */
export const safeReturnPath = (next: string | null, origin: string): string =>
  (next !== null && sameOriginPath(next, origin)) || '/';
