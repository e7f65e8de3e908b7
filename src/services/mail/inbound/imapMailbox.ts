// The mailbox IMAP_URL names: how to reach it with imapflow, the name its mail is recorded under,
// and `checkImap`, which tries it and says what is wrong in plain words (for `switchboard
// mail-test` and the log at start).
import { ImapFlow } from 'imapflow';

export interface ImapMailbox {
  host: string;
  port: number;
  /** TLS from the start (imaps://); imap:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  /** What its mail is recorded under: `imap:<user>@<host>/<folder>`. */
  key: string;
}

/** `imap://user:password@host:port/Folder` (port 143, or 993 for imaps://; folder INBOX). */
export function imapMailbox(url: string): ImapMailbox {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  const user = decodeURIComponent(parsed.username);
  const host = parsed.hostname;
  const folder = decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user,
    password: decodeURIComponent(parsed.password),
    folder,
    key: `imap:${user}@${host}/${folder}`,
  };
}

/** A client for the mailbox; its errors are the caller's to listen to. */
export function imapClient(mailbox: ImapMailbox): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth: { user: mailbox.user, pass: mailbox.password },
    logger: false,
    // The importer idles itself, as soon as a batch is done.
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 5 * 60_000,
  });
}

export type ImapCheck = { ok: true; detail: string } | { ok: false; problem: string };

/** Signs in to the mailbox and opens its folder; what went wrong, in words, otherwise. */
export async function checkImap(url: string): Promise<ImapCheck> {
  let mailbox: ImapMailbox;
  try {
    mailbox = imapMailbox(url);
  } catch {
    return { ok: false, problem: 'IMAP_URL is not a URL (imap://user:password@host:port/Folder)' };
  }
  const where = `${mailbox.host}:${mailbox.port}`;
  const client = imapClient(mailbox);
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    return { ok: false, problem: connectProblem(error, mailbox, where) };
  }
  try {
    const status = await client.status(mailbox.folder, { messages: true, unseen: true });
    if (!status) return { ok: false, problem: `${where} has no folder "${mailbox.folder}"` };
    return {
      ok: true,
      detail: `signed in to ${where} as ${mailbox.user}; "${mailbox.folder}" holds ${status.messages ?? 0} mails, ${status.unseen ?? 0} not yet imported${client.capabilities.has('IDLE') ? '' : ' (no IDLE: checked every IMAP_POLL_SECONDS)'}`,
    };
  } catch {
    return { ok: false, problem: `${where} has no folder "${mailbox.folder}"` };
  } finally {
    await client.logout().catch(() => {});
  }
}

function connectProblem(error: unknown, mailbox: ImapMailbox, where: string): string {
  const e = error as { code?: string; authenticationFailed?: boolean; message?: string };
  if (e.authenticationFailed) {
    return `${where} refused the password of ${mailbox.user}`;
  }
  switch (e.code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${where} (is the IMAP server running, is the port right?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${mailbox.host} is not known (DNS)`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return `${where} did not answer in time (a firewall, or the wrong port?)`;
  }
  if (/certificate|self[- ]signed|TLS|SSL|wrong version/i.test(e.message ?? '')) {
    return `the TLS connection to ${where} failed: ${e.message} (imaps:// for port 993, imap:// for 143)`;
  }
  return `${where}: ${e.message ?? String(error)}`;
}
