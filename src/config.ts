// Configuration from environment variables: every variable Switchboard reads is declared here,
// with its default, and documented in the README's configuration table.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_ABUSE_LIMITS, type AbuseLimits } from './domain/abuseLimits.js';
import { DEFAULT_AUTO_CLOSE_DAYS } from './domain/tickets/ticketAutoClose.js';
import { DEFAULT_OFFER_TIMEOUT_MS } from './domain/transfers/transferOffer.js';
import {
  CUSTOMER_SIGN_UP_MODES,
  TRANSFER_MODES,
  type CustomerSignUpMode,
  type TransferMode,
} from './shared/vocabulary.js';
import { DEFAULT_FILE_LIMITS, MIB, type FileLimits } from './domain/files/fileLimits.js';
import { domainOf } from './domain/mail/messageHeaders.js';
import { DEFAULT_MAX_ATTEMPTS } from './domain/mail/outboxSchedule.js';
import { isTimeZone } from './domain/reports/deskTime.js';

// This module runs from src/ (development, tests) or dist/src/ (built); both find dist/web.
const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot =
  path.basename(path.dirname(here)) === 'dist'
    ? path.resolve(here, '../..')
    : path.resolve(here, '..');

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));
const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const rate = (fallback: number) => z.coerce.number().positive().default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** The origin (scheme, host, port) of an http(s) URL; anything else is refused. */
function toOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

const publicUrl = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const origin = toOrigin(value);
  if (origin === null) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an http(s) URL` });
    return z.NEVER;
  }
  return origin;
});

/**
 * A comma-separated list of origins. Browsers send an Origin header without path or trailing
 * slash, so each entry is reduced to its origin: "https://portal.example/" would otherwise never
 * match.
 */
const originList = optionalText.transform((value, ctx) => {
  const origins: string[] = [];
  for (const entry of (value ?? '').split(',').map((o) => o.trim())) {
    if (entry === '') continue;
    const origin = toOrigin(entry);
    if (origin === null) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an http(s) origin` });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return origins;
});

/** A comma-separated list of MIME types, each `type/subtype`. */
const mimeList = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const types = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  for (const type of types) {
    if (!/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(type)) {
      ctx.addIssue({ code: 'custom', message: `"${type}" is not a MIME type` });
      return z.NEVER;
    }
  }
  return types;
});

/**
 * MAIL_ADDRESSES: the desk's addresses that deliver into the mailbox, comma-separated, each
 * optionally `=<topic slug>` to file its new tickets under that topic's team.
 */
const mailAddresses = optionalText.transform((value, ctx) => {
  const addresses: Array<{ address: string; topicSlug: string | null }> = [];
  for (const entry of (value ?? '').split(',').map((a) => a.trim())) {
    if (entry === '') continue;
    const [address, topicSlug, ...rest] = entry.split('=').map((part) => part.trim());
    if (!/^[^@\s]+@[^@\s]+$/.test(address!) || topicSlug === '' || rest.length > 0) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an address (with =topic-slug)` });
      return z.NEVER;
    }
    addresses.push({ address: address!.toLowerCase(), topicSlug: topicSlug ?? null });
  }
  return addresses;
});

/** IMAP_URL: `imap://user:password@host:port/Folder` or `imaps://…` (TLS). */
const imapUrl = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if ((url.protocol === 'imap:' || url.protocol === 'imaps:') && url.hostname && url.username) {
      return value;
    }
  } catch {
    // Reported below.
  }
  ctx.addIssue({
    code: 'custom',
    message: 'must be imap://user:password@host:port/Folder or imaps://…',
  });
  return z.NEVER;
});

/** DESK_TIME_ZONE: an IANA name; a typo would silently shift every report day, so it is refused. */
const timeZone = z
  .string()
  .trim()
  .default('UTC')
  .transform((value, ctx) => {
    if (isTimeZone(value)) return value;
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not an IANA time zone name (such as Europe/Berlin or UTC)`,
    });
    return z.NEVER;
  });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalText,
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  PG_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(0).default(10),
  PG_POOL_WAIT_SECONDS: z.coerce.number().min(0).default(10),
  QUEUE_REFRESH_SECONDS: z.coerce.number().min(0.1).max(300).default(30),
  REDIS_URL: optionalText,
  REDIS_PREFIX: z.string().min(1).default('switchboard:'),
  PUBLIC_URL: publicUrl,
  ALLOWED_ORIGINS: originList,
  TRUST_PROXY: flag.default(false),
  COOKIE_SECURE: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  SERVE_SOURCE_MAPS: flag.default(false),
  SESSION_IDLE_HOURS: seconds(24 * 7),
  SESSION_MAX_DAYS: seconds(30),
  SSO_SECRET: optionalText,
  SSO_AUDIENCE: z.string().default('switchboard'),
  SSO_ISSUER: optionalText,
  SSO_LINK_BY_EMAIL: flag.default(false),
  ADMIN_EMAIL: optionalText,
  ADMIN_PASSWORD: optionalText,
  ADMIN_NAME: z.string().default('Administrator'),
  AGENT_AWAY_GRACE_SECONDS: seconds(60),
  REQUEUE_AFTER_AWAY_SECONDS: z.coerce.number().min(0).default(120),
  REPLY_OVERDUE_SECONDS: seconds(120),
  HEARTBEAT_SECONDS: seconds(25),
  HOUSEKEEPING_SECONDS: seconds(10),
  ALLOW_TAKE_OVER_CAPACITY: flag.default(false),
  TRANSFER_MODE: z.enum(TRANSFER_MODES).default('direct'),
  TRANSFER_OFFER_SECONDS: z.coerce
    .number()
    .min(5)
    .max(3600)
    .default(DEFAULT_OFFER_TIMEOUT_MS / 1000),
  SHOW_AGENT_EMAIL_TO_CUSTOMERS: flag.default(false),
  SIGNIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  SIGNIN_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  SIGNIN_WINDOW_MINUTES: seconds(15),
  MESSAGE_LIMIT_PER_SECOND: rate(DEFAULT_ABUSE_LIMITS.messagesPerSecond),
  MESSAGE_LIMIT_BURST: count(DEFAULT_ABUSE_LIMITS.messageBurst),
  CHAT_LIMIT_PER_HOUR: count(DEFAULT_ABUSE_LIMITS.chatsPerHour),
  OPEN_CHAT_LIMIT_PER_CUSTOMER: count(DEFAULT_ABUSE_LIMITS.openChatsPerCustomer),
  SOCKET_LIMIT_PER_SIGNIN: count(DEFAULT_ABUSE_LIMITS.socketsPerSignIn),
  VISITOR_LIMIT_PER_ADDRESS: count(DEFAULT_ABUSE_LIMITS.visitorsPerAddressPerHour),
  GUEST_CHAT_LIMIT_PER_ADDRESS: count(DEFAULT_ABUSE_LIMITS.guestChatsPerAddressPerHour),
  CUSTOMER_SIGN_UP: z.enum(CUSTOMER_SIGN_UP_MODES).default('off'),
  SIGN_UP_LIMIT_PER_ADDRESS: count(DEFAULT_ABUSE_LIMITS.signUpsPerAddressPerHour),
  VISITOR_TOKEN_DAYS: z.coerce.number().min(1).max(3650).default(90),
  TICKET_AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_AUTO_CLOSE_DAYS),
  UNANSWERED_CHAT_TICKET_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
  ABANDONED_CHAT_TICKETS: flag.default(false),
  UPLOAD_LIMIT_PER_HOUR: count(DEFAULT_ABUSE_LIMITS.uploadsPerHour),
  TRANSCRIPT_MAIL_LIMIT_PER_HOUR: count(DEFAULT_ABUSE_LIMITS.transcriptMailsPerHour),
  FILES_DIR: optionalText,
  FILE_SIZE_LIMIT_MB: z.coerce
    .number()
    .positive()
    .max(1024)
    .default(DEFAULT_FILE_LIMITS.maxBytes / MIB),
  FILES_PER_MESSAGE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(DEFAULT_FILE_LIMITS.filesPerMessage),
  FILE_TYPES: mimeList,
  FILE_MAX_MEGAPIXELS: z.coerce
    .number()
    .positive()
    .max(1000)
    .default(DEFAULT_FILE_LIMITS.maxPixels / 1_000_000),
  CUSTOMER_UPLOADS: flag.default(true),
  IMAP_URL: imapUrl,
  IMAP_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  MAIL_ADDRESSES: mailAddresses,
  MAIL_REPLY_SECRET: optionalText,
  MAIL_LIMIT_PER_HOUR: count(30),
  MAIL_MAX_MB: z.coerce.number().positive().max(200).default(25),
  MAIL_RECEIVER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MAIL_RECEIVER_HOST: z.string().trim().min(1).default('127.0.0.1'),
  DESK_NAME: z.string().trim().min(1).max(100).default('Switchboard'),
  DESK_TIME_ZONE: timeZone,
  SMTP_URL: optionalText,
  MAIL_FROM: optionalText,
  SMTP_TLS_REJECT_UNAUTHORIZED: flag.default(true),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(DEFAULT_MAX_ATTEMPTS),
  NODE_ID: optionalText,
  SHUTDOWN_GRACE_SECONDS: seconds(10),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file used when no DATABASE_URL is set. */
  sqliteFile: string;
  databaseUrl: string | undefined;
  pgPoolSize: number;
  /** A query unanswered this long means PostgreSQL is unreachable; 0 = no deadline. */
  pgQueryTimeoutMs: number;
  /** How long a request waits for a free PostgreSQL connection before it is answered 503 BUSY. */
  pgPoolWaitMs: number;
  /** A waiting customer hears their place and estimated wait again at least this often. */
  queueRefreshMs: number;
  redisUrl: string | undefined;
  /** Prefix of this deployment's Redis channels, so several deployments can share one Redis. */
  redisPrefix: string;
  /** The origin of PUBLIC_URL, the address users reach, if set. */
  publicOrigin: string | undefined;
  /** Origins allowed to send cookie-authenticated writes and open sockets; empty = same host only. */
  allowedOrigins: string[];
  trustProxy: boolean;
  cookieSecure: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** `auto`: readable lines on a terminal, JSON otherwise. */
  logFormat: z.infer<typeof Env>['LOG_FORMAT'];
  authSessionIdleMs: number;
  authSessionMaxMs: number;
  visitorTokenIdleMs: number;
  sso: {
    secret: string;
    audience: string;
    issuer: string | undefined;
    /** The host verifies emails, so a first-time host user may sign in as the customer account with theirs. */
    linkByEmail: boolean;
  } | null;
  firstAdmin: { email: string; password: string; name: string } | null;
  agentAwayGraceMs: number;
  /** Chats of an agent set away for a lost connection go back to the queue after this; 0 = never. */
  requeueAfterAwayMs: number;
  /** A chat whose customer has waited this long for the agent's reply is highlighted. */
  replyOverdueMs: number;
  heartbeatMs: number;
  housekeepingMs: number;
  allowTakeOverCapacity: boolean;
  /** A transfer to an agent happens at once, or is an offer they accept or decline. */
  transferMode: TransferMode;
  /** An offer not answered within this long expires; the chat stays with its agent. */
  transferOfferMs: number;
  /** Customers see the email of the agents they talk to, not only their name. */
  showAgentEmailToCustomers: boolean;
  /** Customers may make their own account: off, once they follow a mailed link, or at once. */
  customerSignUp: CustomerSignUpMode;
  signInLimits: { perAccount: number; perAddress: number; windowMs: number };
  abuseLimits: AbuseLimits;
  /** Solved tickets close by themselves this many days after they were solved. */
  ticketAutoCloseDays: number;
  /** A chat waiting unassigned this long is ended and becomes a ticket; 0 never (ms). */
  unansweredChatTicketMs: number;
  /** A waiting chat its customer ends before any agent had it becomes a ticket. */
  abandonedChatTickets: boolean;
  /** Attachments: where their content lives (a directory, or the database when unset), the limits. */
  files: {
    dir: string | undefined;
    limits: FileLimits;
    /** Customers may attach files; agents always may. */
    customerUploads: boolean;
  };
  /** Mail to the desk, fetched over IMAP and made tickets (services/mail/inbound). */
  inboundMail: {
    /** The mailbox (IMAP_URL); null: no mail is fetched. */
    imapUrl: string | null;
    /** How often the mailbox is checked when the server cannot tell (no IDLE), and at least. */
    pollMs: number;
    /** The desk's addresses, and the topic whose team gets each one's new tickets. */
    addresses: Array<{ address: string; topicSlug: string | null }>;
    /** Signs the ticket's reply address (`help+1042.<signature>@…`); null: none are made. */
    replySecret: string | null;
    /** Mails imported per sender per hour; more are ignored (a loop or a flood). */
    perSenderPerHour: number;
    /** A larger mail is not imported (recorded as ignored, left on the server). */
    maxBytes: number;
    /** The built-in SMTP receiver (MAIL_RECEIVER_PORT, MAIL_RECEIVER_HOST); null: none. */
    receiver: { host: string; port: number } | null;
  };
  /** The deployment's name, as mail and pages say it (DESK_NAME). */
  deskName: string;
  /** IANA zone of the desk's wall clock: report days and the heatmap (DESK_TIME_ZONE). */
  timeZone: string;
  /** Outgoing mail, or null when SMTP_URL is not set (mail is off). */
  mail: MailConfig | null;
  nodeId: string | undefined;
  shutdownGraceMs: number;
  /** Directory of the built web app; absent in API-only test setups. */
  webRoot: string | undefined;
  /** Publish the web app's source maps (they are always built). */
  serveSourceMaps: boolean;
}

export interface MailConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://… (TLS from the start). */
  smtpUrl: string;
  /** The From of every mail: an address, or `Name <address>`. */
  from: string;
  /** The domain of our Message-IDs: MAIL_FROM's. */
  messageIdDomain: string;
  /** Refuse a server certificate that does not verify (SMTP_TLS_REJECT_UNAUTHORIZED). */
  tlsRejectUnauthorized: boolean;
  /** Attempts before a mail is dead (MAIL_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Where links in mail point: PUBLIC_URL's origin. */
  publicOrigin: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.SSO_SECRET !== undefined && e.SSO_SECRET.length < 32) {
    throw new ConfigError('Invalid configuration:\n  SSO_SECRET: must be at least 32 characters');
  }
  // An address nobody proved, on an account the host application may then sign its user in as
  // (SSO_LINK_BY_EMAIL links by address): whoever signed up first would hold that user's account.
  if (e.CUSTOMER_SIGN_UP === 'open' && e.SSO_SECRET !== undefined && e.SSO_LINK_BY_EMAIL) {
    throw new ConfigError(
      'Invalid configuration:\n  CUSTOMER_SIGN_UP: `open` cannot go with SSO_LINK_BY_EMAIL (an unproven address would be linked to the host user with it); use `verification`',
    );
  }
  if (e.MAIL_REPLY_SECRET !== undefined && e.MAIL_REPLY_SECRET.length < 32) {
    throw new ConfigError(
      'Invalid configuration:\n  MAIL_REPLY_SECRET: must be at least 32 characters',
    );
  }
  if (e.MAIL_RECEIVER_PORT !== undefined && e.MAIL_ADDRESSES.length === 0) {
    throw new ConfigError(
      'Invalid configuration:\n  MAIL_ADDRESSES: the SMTP receiver (MAIL_RECEIVER_PORT) needs the desk addresses it accepts mail for',
    );
  }
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  const publicOrigin = e.PUBLIC_URL;
  const mail = mailConfig(e, publicOrigin);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    sqliteFile: path.join(dataDir, 'switchboard.sqlite'),
    databaseUrl: e.DATABASE_URL,
    pgPoolSize: e.PG_POOL_SIZE,
    pgQueryTimeoutMs: e.PG_QUERY_TIMEOUT_SECONDS * 1000,
    pgPoolWaitMs: e.PG_POOL_WAIT_SECONDS * 1000,
    queueRefreshMs: e.QUEUE_REFRESH_SECONDS * 1000,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    publicOrigin,
    allowedOrigins: [...(publicOrigin ? [publicOrigin] : []), ...e.ALLOWED_ORIGINS],
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? publicOrigin?.startsWith('https:') ?? false,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    serveSourceMaps: e.SERVE_SOURCE_MAPS,
    authSessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    authSessionMaxMs: e.SESSION_MAX_DAYS * 86_400_000,
    visitorTokenIdleMs: e.VISITOR_TOKEN_DAYS * 86_400_000,
    sso: e.SSO_SECRET
      ? {
          secret: e.SSO_SECRET,
          audience: e.SSO_AUDIENCE,
          issuer: e.SSO_ISSUER,
          linkByEmail: e.SSO_LINK_BY_EMAIL,
        }
      : null,
    firstAdmin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME }
        : null,
    agentAwayGraceMs: e.AGENT_AWAY_GRACE_SECONDS * 1000,
    requeueAfterAwayMs: e.REQUEUE_AFTER_AWAY_SECONDS * 1000,
    replyOverdueMs: e.REPLY_OVERDUE_SECONDS * 1000,
    heartbeatMs: e.HEARTBEAT_SECONDS * 1000,
    housekeepingMs: e.HOUSEKEEPING_SECONDS * 1000,
    allowTakeOverCapacity: e.ALLOW_TAKE_OVER_CAPACITY,
    transferMode: e.TRANSFER_MODE,
    transferOfferMs: e.TRANSFER_OFFER_SECONDS * 1000,
    showAgentEmailToCustomers: e.SHOW_AGENT_EMAIL_TO_CUSTOMERS,
    customerSignUp: e.CUSTOMER_SIGN_UP,
    signInLimits: {
      perAccount: e.SIGNIN_LIMIT_PER_ACCOUNT,
      perAddress: e.SIGNIN_LIMIT_PER_ADDRESS,
      windowMs: e.SIGNIN_WINDOW_MINUTES * 60_000,
    },
    abuseLimits: {
      messagesPerSecond: e.MESSAGE_LIMIT_PER_SECOND,
      messageBurst: e.MESSAGE_LIMIT_BURST,
      chatsPerHour: e.CHAT_LIMIT_PER_HOUR,
      openChatsPerCustomer: e.OPEN_CHAT_LIMIT_PER_CUSTOMER,
      socketsPerSignIn: e.SOCKET_LIMIT_PER_SIGNIN,
      visitorsPerAddressPerHour: e.VISITOR_LIMIT_PER_ADDRESS,
      guestChatsPerAddressPerHour: e.GUEST_CHAT_LIMIT_PER_ADDRESS,
      signUpsPerAddressPerHour: e.SIGN_UP_LIMIT_PER_ADDRESS,
      uploadsPerHour: e.UPLOAD_LIMIT_PER_HOUR,
      transcriptMailsPerHour: e.TRANSCRIPT_MAIL_LIMIT_PER_HOUR,
    },
    files: {
      dir: e.FILES_DIR === undefined ? undefined : path.resolve(e.FILES_DIR),
      limits: {
        maxBytes: Math.round(e.FILE_SIZE_LIMIT_MB * MIB),
        filesPerMessage: e.FILES_PER_MESSAGE,
        allowedTypes: e.FILE_TYPES ?? DEFAULT_FILE_LIMITS.allowedTypes,
        maxPixels: Math.round(e.FILE_MAX_MEGAPIXELS * 1_000_000),
      },
      customerUploads: e.CUSTOMER_UPLOADS,
    },
    ticketAutoCloseDays: e.TICKET_AUTO_CLOSE_DAYS,
    unansweredChatTicketMs: e.UNANSWERED_CHAT_TICKET_MINUTES * 60_000,
    abandonedChatTickets: e.ABANDONED_CHAT_TICKETS,
    inboundMail: {
      imapUrl: e.IMAP_URL ?? null,
      pollMs: e.IMAP_POLL_SECONDS * 1000,
      addresses: e.MAIL_ADDRESSES.length > 0 ? e.MAIL_ADDRESSES : imapUserAddress(e.IMAP_URL),
      replySecret: e.MAIL_REPLY_SECRET ?? null,
      perSenderPerHour: e.MAIL_LIMIT_PER_HOUR,
      maxBytes: Math.round(e.MAIL_MAX_MB * MIB),
      receiver:
        e.MAIL_RECEIVER_PORT === undefined
          ? null
          : { host: e.MAIL_RECEIVER_HOST, port: e.MAIL_RECEIVER_PORT },
    },
    deskName: e.DESK_NAME,
    timeZone: e.DESK_TIME_ZONE,
    mail,
    nodeId: e.NODE_ID,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    webRoot: path.join(projectRoot, 'dist', 'web'),
  };
}

/** Without MAIL_ADDRESSES, the mailbox's user when it is an address (`helpdesk@uni.example`). */
function imapUserAddress(url: string | undefined): Array<{ address: string; topicSlug: null }> {
  if (url === undefined) return [];
  const user = decodeURIComponent(new URL(url).username).toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(user) ? [{ address: user, topicSlug: null }] : [];
}

/**
 * Mail is on when SMTP_URL is set. It then needs MAIL_FROM, and PUBLIC_URL for the links it
 * carries: a reset link built from a request's Host header would let anyone who can send that
 * header point someone's reset mail at their own site.
 */
function mailConfig(e: z.infer<typeof Env>, publicOrigin: string | undefined): MailConfig | null {
  if (e.SMTP_URL === undefined) return null;
  const problems: string[] = [];
  let protocol = '';
  try {
    protocol = new URL(e.SMTP_URL).protocol;
  } catch {
    // Reported below.
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:')
    problems.push('SMTP_URL: must be smtp://[user:pass@]host[:port] or smtps://…');
  const domain = e.MAIL_FROM === undefined ? null : domainOf(e.MAIL_FROM);
  if (domain === null)
    problems.push(
      'MAIL_FROM: must be an address (help@example.edu or "Help desk <help@example.edu>") when SMTP_URL is set',
    );
  if (publicOrigin === undefined)
    problems.push('PUBLIC_URL: must be set when SMTP_URL is, for the links in mail');
  if (problems.length > 0 || domain === null || publicOrigin === undefined)
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM!,
    messageIdDomain: domain,
    tlsRejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
    maxAttempts: e.MAIL_MAX_ATTEMPTS,
    publicOrigin,
  };
}
