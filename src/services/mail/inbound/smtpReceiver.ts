// The optional built-in SMTP receiver (MAIL_RECEIVER_PORT), for sites that pipe or relay mail to
// Switchboard instead of leaving it in a mailbox: mail for the desk's addresses (and their
// `+token` reply addresses) goes through the same import as fetched mail, and the sender hears
// 250 only once the import has committed, so a mail is never acknowledged and then lost. A
// failed import answers 451: the sending server keeps the mail and tries again, and the
// Message-ID makes a second delivery a duplicate. Every node may run one; the import is the lock.
import type net from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ServiceContext } from '../../context.js';
import { importMail, type ImportOutcome, type InboundMailSettings } from './mailImporter.js';

export interface SmtpReceiverOptions {
  ctx: ServiceContext;
  settings: InboundMailSettings & { maxBytes: number };
  host: string;
  /** 0: any free port (tests). */
  port: number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/** `help+1042.sig@uni.example` → `help@uni.example`, lower case. */
export function baseAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  const local = address.slice(0, at).split('+')[0]!;
  return `${local}@${address.slice(at + 1)}`.toLowerCase();
}

export class SmtpReceiver {
  private server: SMTPServer | null = null;
  private readonly desk: Set<string>;

  constructor(private readonly options: SmtpReceiverOptions) {
    this.desk = new Set(options.settings.addresses.map((a) => a.address.toLowerCase()));
  }

  /** Listens; resolves with the port. */
  async start(): Promise<number> {
    const { settings, log } = this.options;
    const server = new SMTPServer({
      logger: false,
      // Meant for a local relay or a pipe on a trusted network: no AUTH, no TLS of its own.
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      size: settings.maxBytes,
      onRcptTo: (address, _session, callback) => {
        if (this.desk.has(baseAddress(address.address))) callback();
        else callback(smtpError(550, `No mailbox here for ${address.address}`));
      },
      onData: (stream, session, callback) => {
        void this.receive(stream, session).then(
          () => callback(null),
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', (err) => log.warn({ err }, 'SMTP receiver error'));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    const { port } = server.server.address() as net.AddressInfo;
    log.info({ host: this.options.host, port }, 'SMTP receiver listening for mail to the desk');
    return port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError(552, 'The mail is larger than this desk accepts');
    let outcome: ImportOutcome;
    try {
      outcome = await importMail(this.options.ctx, this.options.settings, {
        mailbox: 'smtp',
        raw: Buffer.concat(chunks),
      });
    } catch (err) {
      this.options.log.warn({ err, session: session.id }, 'mail not imported; the sender retries');
      throw smtpError(451, 'Not stored this time; please try again later');
    }
    if (outcome.status === 'ignored') {
      this.options.log.info({ reason: outcome.reason }, 'mail received and ignored');
    }
  }
}
