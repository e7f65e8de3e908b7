// A real SMTP server for tests: smtp-server on a free loopback port that keeps every mail it
// accepts, parsed by mailparser, and can be told to refuse the next mails (4xx or 5xx) or to
// drop the connection in the middle of one. Tests wait on its mails, not on the clock.
import type net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  from: string;
  parsed: ParsedMail;
  /** A header's value as it came, unfolded (any case), e.g. header('Auto-Submitted'). */
  header(name: string): string | undefined;
}

export interface SinkOptions {
  /** Require AUTH with these credentials (allowed without TLS, for tests). */
  auth?: { user: string; pass: string };
  /** Speak TLS from the start (smtps://) with smtp-server's built-in, self-signed certificate. */
  secure?: boolean;
  /**
   * Passes each accepted mail on, as a relay does (to Dovecot over LMTP, say), before answering:
   * a mail it cannot pass on is refused with 451, so the sender keeps it and tries again.
   */
  relay?: (raw: Buffer, to: string[], from: string) => Promise<void>;
}

type Trouble = { kind: 'reply'; code: number; message: string } | { kind: 'drop' };

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private troubles: Trouble[] = [];
  private waiters: Array<() => void> = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly options: SinkOptions,
  ) {}

  static async start(options: SinkOptions = {}): Promise<SmtpSink> {
    // The server's callbacks reach the sink made once it listens.
    const made: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      logger: false,
      secure: options.secure ?? false,
      // No STARTTLS on a plain sink: the tests are about the outbox, not certificates.
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass;
        if (ok) callback(null, { user: auth.username });
        else
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData(stream, session, callback) {
        void made.sink!.receive(stream, session, callback);
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as net.AddressInfo).port;
    const sink = new SmtpSink(server, port, options);
    made.sink = sink;
    server.server.on('connection', (socket: net.Socket) => {
      sink.sockets.add(socket);
      socket.on('close', () => sink.sockets.delete(socket));
    });
    return sink;
  }

  /** SMTP_URL for this sink. */
  get url(): string {
    const scheme = this.options.secure ? 'smtps' : 'smtp';
    const auth = this.options.auth
      ? `${encodeURIComponent(this.options.auth.user)}:${encodeURIComponent(this.options.auth.pass)}@`
      : '';
    return `${scheme}://${auth}127.0.0.1:${this.port}`;
  }

  /** The next `times` mails are answered `code message` instead of being accepted. */
  refuseNext(code: number, message = 'Try again later', times = 1): void {
    for (let i = 0; i < times; i++) this.troubles.push({ kind: 'reply', code, message });
  }

  /** The connection of the next mail is cut once its data has arrived, before any reply. */
  dropNext(): void {
    this.troubles.push({ kind: 'drop' });
  }

  private async receive(
    stream: NodeJS.ReadableStream,
    session: {
      envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> };
    },
    callback: (err?: Error | null) => void,
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const trouble = this.troubles.shift();
    if (trouble?.kind === 'drop') {
      for (const socket of this.sockets) socket.destroy();
      return;
    }
    if (trouble?.kind === 'reply') {
      callback(Object.assign(new Error(trouble.message), { responseCode: trouble.code }));
      return;
    }
    const raw = Buffer.concat(chunks);
    const to = session.envelope.rcptTo.map((r) => r.address);
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    if (this.options.relay) {
      try {
        await this.options.relay(raw, to, from);
      } catch (error) {
        const message = `Relay failed: ${error instanceof Error ? error.message : String(error)}`;
        callback(Object.assign(new Error(message), { responseCode: 451 }));
        return;
      }
    }
    const parsed = await simpleParser(raw);
    this.mails.push({
      to,
      from,
      parsed,
      header: (name) => {
        const line = parsed.headerLines.find((l) => l.key === name.toLowerCase())?.line;
        return line
          ?.slice(line.indexOf(':') + 1)
          .replace(/\r?\n\s+/g, ' ')
          .trim();
      },
    });
    callback(null);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Waits until `count` mails have arrived (in all), up to `timeoutMs`. */
  async waitForMails(count: number, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} mails, got ${this.mails.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.mails.slice(0, count);
  }

  /** The mails sent to `address`. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
