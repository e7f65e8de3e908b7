// Which failures retrying cannot fix: the chat is gone or not this person's to see, or the
// request itself is malformed. Anything else (offline, a server restart, an overloaded database,
// a rate limit) is worth trying again.
const PERMANENT_CODES: ReadonlySet<string> = new Set([
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION_FAILED',
]);

export function isPermanentFailure(code: string): boolean {
  return PERMANENT_CODES.has(code);
}
