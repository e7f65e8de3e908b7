// What `switchboard mail-test` checks, as a list: each check connects to one server with the
// deployment's settings and says in plain words what works or what is wrong: sending (SMTP) and
// the desk's mailbox (IMAP, services/mail/inbound/imapMailbox.ts#checkImap).
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { makeMessageId } from '../domain/mail/messageHeaders.js';
import { describeSmtpFailure, type SmtpFailure } from '../domain/mail/smtpFailures.js';
import { smtpTransport, type MailTransport, type SmtpOptions } from '../mail/transport.js';
import { checkImap } from '../services/mail/inbound/imapMailbox.js';
import { testMail } from '../services/mail/templates/testMail.js';

export type CheckResult = { ok: true; detail: string } | { ok: false; problem: string };

export interface MailCheck {
  /** What is checked, e.g. "SMTP (sending)". */
  name: string;
  run(): Promise<CheckResult>;
}

export interface MailTestOptions {
  /** Also send a test mail here. */
  to?: string | undefined;
  /** Instead of SMTP_URL's transport (tests). */
  transport?: (options: SmtpOptions) => MailTransport;
  /** How long each server may take to answer. */
  timeoutMs?: number;
}

/** The checks for `config`, in the order they run. */
export function mailChecks(config: Config, options: MailTestOptions = {}): MailCheck[] {
  return [smtpCheck(config, options), imapCheck(config)];
}

/** The desk's mailbox (IMAP_URL): signs in and opens its folder, as the importer will. */
function imapCheck(config: Config): MailCheck {
  return {
    name: 'IMAP (receiving)',
    async run() {
      const url = config.inboundMail.imapUrl;
      // Receiving is optional: a desk may send mail without taking requests by mail.
      if (!url)
        return {
          ok: true,
          detail:
            'not set up (IMAP_URL is not set), so mail to the desk does not become tickets. Set IMAP_URL to the desk’s mailbox to take requests by mail.',
        };
      return checkImap(url);
    },
  };
}

function smtpCheck(config: Config, options: MailTestOptions): MailCheck {
  return {
    name: 'SMTP (sending)',
    async run() {
      const mail = config.mail;
      if (!mail)
        return {
          ok: false,
          problem:
            'SMTP_URL is not set, so this desk sends no mail (no password reset, no notifications). Set SMTP_URL, MAIL_FROM and PUBLIC_URL.',
        };
      const transport = (options.transport ?? smtpTransport)({
        smtpUrl: mail.smtpUrl,
        tlsRejectUnauthorized: mail.tlsRejectUnauthorized,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      try {
        await transport.verify();
        const secure = mail.smtpUrl.startsWith('smtps:') ? 'over TLS' : 'STARTTLS where offered';
        const user = decodeURIComponent(new URL(mail.smtpUrl).username);
        const signIn = user ? `signed in as ${user}` : 'no sign-in (SMTP_URL names no user)';
        let detail = `connected to ${transport.server} (${secure}), ${signIn}.`;
        if (options.to) {
          const template = testMail(config, { server: transport.server });
          await transport.send({
            from: mail.from,
            to: options.to,
            subject: template.subject,
            ...template.content,
            headers: {
              'Message-ID': makeMessageId(randomUUID(), mail.messageIdDomain),
              'Auto-Submitted': 'auto-generated',
            },
          });
          detail += ` The server accepted a test mail to ${options.to}: look for "${template.subject}" there (and in its spam folder).`;
        }
        return { ok: true, detail };
      } catch (error) {
        return { ok: false, problem: describeSmtpFailure(error as SmtpFailure, transport.server) };
      } finally {
        transport.close();
      }
    },
  };
}

/** Runs every check, printing a line for each; true when all passed. */
export async function runMailChecks(
  checks: readonly MailCheck[],
  print: (line: string) => void,
): Promise<boolean> {
  let allOk = true;
  for (const check of checks) {
    const result = await check.run();
    if (result.ok) print(`OK   ${check.name}: ${result.detail}`);
    else {
      allOk = false;
      print(`FAIL ${check.name}: ${result.problem}`);
    }
  }
  return allOk;
}
