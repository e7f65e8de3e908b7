// Every failure Switchboard reports on purpose, as one error type with a documented code.
// The HTTP layer maps codes to statuses in one place (http/errorHandler.ts); the WebSocket
// gateway sends the same code and message in an `error` frame.

export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  /** Not valid HTTP at all (a garbled request line, a bad header, conflicting lengths). */
  MALFORMED_REQUEST: 400,
  /** A quick response names a variable that does not exist (the message lists those that do). */
  UNKNOWN_VARIABLE: 400,
  /** A quick response holds `{{` that makes no variable (`{{ }}`, an unclosed `{{name`). */
  MALFORMED_VARIABLE: 400,
  /** An upload ended before its file did (the connection was cut, the form was truncated). */
  UPLOAD_INCOMPLETE: 400,
  /** An upload holds no bytes. */
  FILE_EMPTY: 400,
  /** A message names more files than FILES_PER_MESSAGE, or files that are not the sender's uploads here. */
  INVALID_ATTACHMENTS: 400,
  /** A mailed link (password reset, address verification) that was used, expired or never made. */
  INVALID_TOKEN: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_SSO_TOKEN: 401,
  /** A visitor's identity whose `hmac` is not HMAC-SHA256(userId) under SSO_SECRET. */
  INVALID_IDENTITY_HMAC: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  /** The widget settings' requireVerifiedIdentity refuses an identity nobody signed. */
  IDENTITY_NOT_VERIFIED: 403,
  ACCOUNT_DISABLED: 403,
  /** Customers cannot make their own account here (CUSTOMER_SIGN_UP=off). */
  SIGN_UP_DISABLED: 403,
  /** Customers may not upload files in this deployment (CUSTOMER_UPLOADS=false). */
  UPLOADS_DISABLED: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  EMAIL_TAKEN: 409,
  SESSION_ALREADY_ASSIGNED: 409,
  SESSION_NOT_WAITING: 409,
  SESSION_NOT_ACTIVE: 409,
  SESSION_ENDED: 409,
  SESSION_NOT_ENDED: 409,
  ALREADY_RATED: 409,
  /** The chat's survey questions, or a ticket's survey, were answered already (once each). */
  SURVEY_ALREADY_ANSWERED: 409,
  AGENT_AT_CAPACITY: 409,
  AGENT_UNAVAILABLE: 409,
  SAME_AGENT: 409,
  LAST_SUPER_ADMIN: 409,
  /** Another quick response of the same scope already has this shortcut. */
  SHORTCUT_TAKEN: 409,
  /** A team that chats or topics refer to is archived, not deleted; one with active topics stays. */
  TEAM_IN_USE: 409,
  /** A topic that chats refer to is archived, not deleted. */
  TOPIC_IN_USE: 409,
  TEAM_ARCHIVED: 409,
  /** The topic's team is outside its opening hours: leave a message instead (POST /offline-messages). */
  TEAM_CLOSED: 409,
  SLUG_TAKEN: 409,
  /** The transfer offer was accepted, declined or withdrawn already (or its chat moved on). */
  TRANSFER_OFFER_CLOSED: 409,
  /** The transfer offer's time ran out (TRANSFER_OFFER_SECONDS) before the answer came. */
  TRANSFER_OFFER_EXPIRED: 409,
  /** A new request names a file of the caller's that a message carries already. */
  FILE_ALREADY_SENT: 409,
  /** A new request names a draft upload past its expiry (DRAFT_UPLOAD_MS): upload it again. */
  UPLOAD_EXPIRED: 409,
  /** A closed ticket is final: a reply makes a follow-up ticket instead (domain/tickets). */
  TICKET_CLOSED: 409,
  /** The ticket's status does not allow this change (e.g. closing an open ticket). */
  INVALID_TRANSITION: 409,
  /** A ticket cannot be merged into itself, into a closed ticket, or merged twice. */
  INVALID_MERGE: 409,
  /** A team (or the desk, for tickets of no team) has one SLA policy. */
  SLA_POLICY_EXISTS: 409,
  /** An SLA policy counts on this calendar: point it at another first. */
  CALENDAR_IN_USE: 409,
  /** Only a dead or cancelled mail can be sent again. */
  MAIL_NOT_FAILED: 409,
  /** The account a mail is for has no address (e.g. an SSO account that brought none). */
  NO_EMAIL_ADDRESS: 409,
  /** A ticket survey's link is past its time (domain/tickets/ticketSurvey.ts). */
  SURVEY_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  /** A file over FILE_SIZE_LIMIT_MB. */
  FILE_TOO_LARGE: 413,
  /** An image of more pixels than FILE_MAX_MEGAPIXELS (a decompression bomb, or simply too big). */
  IMAGE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The file's content is of a type the deployment does not accept (FILE_TYPES), or of none known. */
  FILE_TYPE_NOT_ALLOWED: 415,
  /** The file's name or declared type says one type and its content another. */
  FILE_TYPE_MISMATCH: 415,
  /** The content starts like an image of its type but cannot be read as one. */
  FILE_UNREADABLE: 415,
  EXPECTATION_FAILED: 417,
  /** A plain HTTP request to the WebSocket address. */
  UPGRADE_REQUIRED: 426,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  /** The deployment sends no mail (SMTP_URL is not set), and this needs a mail. */
  MAIL_DISABLED: 503,
  BUSY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request field at fault, for validation errors. */
    readonly field?: string,
    /** Seconds before retrying makes sense (RATE_LIMITED, BUSY): sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') =>
  new AppError('FORBIDDEN', message);
export const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, field);
/** Over a limit: worth trying again in `waitMs` (rounded up to whole seconds, as Retry-After). */
export const rateLimited = (message: string, waitMs: number) =>
  new AppError('RATE_LIMITED', message, undefined, Math.max(1, Math.ceil(waitMs / 1000)));
