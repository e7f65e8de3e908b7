// Runs Debian's Dovecot as a process of its own (not the system service) for the mail tests:
// IMAP and LMTP on free loopback ports, its configuration, state, log and maildirs under a
// temporary directory, every mailbox with one plain password. Mail is delivered over LMTP, as a mail
// server hands it over, so what the importer fetches is what a real mailbox holds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { freePort } from '../cluster/support/ports.js';
import { ServerProcess, serverDir } from './serverProcess.js';

const DOVECOT = '/usr/sbin/dovecot';
/** Every test mailbox's password. */
const PASSWORD = 'secret';

/**
 * True when Dovecot can run here. Outside CI a missing Dovecot skips the mail tests with a line
 * saying so; in CI (CI=true) it fails the run, as a missing service does.
 */
export function dovecotAvailable(): boolean {
  const found = fs.existsSync(DOVECOT) && spawnSync(DOVECOT, ['--version']).status === 0;
  if (found) return true;
  if (process.env.CI === 'true') {
    throw new Error('CI=true requires Dovecot (apt-get install dovecot-imapd dovecot-lmtpd)');
  }
  console.warn(
    '\n  ⚠ mail tests skipped: Dovecot is not installed (apt-get install dovecot-imapd dovecot-lmtpd)\n',
  );
  return false;
}

/** The uid and gid mail is stored as: ours, or Dovecot's own user when we are root. */
function mailOwner(): { uid: number; gid: number; user: string; group: string } {
  const me = os.userInfo();
  if (me.uid !== 0) {
    const group = spawnSync('id', ['-gn']).stdout.toString().trim();
    return { uid: me.uid, gid: me.gid, user: me.username, group };
  }
  // Dovecot refuses to store mail as root; its package creates the `dovecot` user.
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('dovecot:'));
  if (!line) throw new Error('running as root needs the dovecot user (from the Debian package)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), user: 'dovecot', group: 'dovecot' };
}

export class Dovecot {
  private readonly users = new Map<string, string>();

  private constructor(
    private readonly server: ServerProcess,
    readonly imapPort: number,
    readonly lmtpPort: number,
  ) {}

  static async start(): Promise<Dovecot> {
    const dir = serverDir('dovecot');
    const owner = mailOwner();
    const mail = path.join(dir, 'mail');
    fs.mkdirSync(mail);
    fs.chownSync(mail, owner.uid, owner.gid);
    const imapPort = await freePort();
    const lmtpPort = await freePort();
    const asRoot = os.userInfo().uid === 0;
    fs.writeFileSync(
      path.join(dir, 'dovecot.conf'),
      [
        'protocols = imap lmtp',
        'listen = 127.0.0.1',
        `base_dir = ${dir}/run`,
        `state_dir = ${dir}/state`,
        `instance_name = sb-dovecot-${path.basename(dir)}`,
        `log_path = ${dir}/dovecot.log`,
        'ssl = no',
        'disable_plaintext_auth = no',
        'auth_mechanisms = plain login',
        // Without root, every Dovecot process runs as us.
        ...(asRoot
          ? []
          : [
              `default_internal_user = ${owner.user}`,
              `default_internal_group = ${owner.group}`,
              `default_login_user = ${owner.user}`,
            ]),
        'first_valid_uid = 1',
        `mail_uid = ${owner.uid}`,
        `mail_gid = ${owner.gid}`,
        `mail_location = maildir:${mail}/%u`,
        // One password for every mailbox, checked by a static passdb: a passwd-file is
        // re-read at most once a second, so a user added just after a lookup stayed unknown
        // (LMTP: "User doesn't exist") on a fast run.
        'passdb {',
        '  driver = static',
        `  args = password=${PASSWORD}`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${owner.uid} gid=${owner.gid} home=${mail}/%u allow_all_users=yes`,
        '}',
        'service imap-login {',
        `  inet_listener imap {\n    address = 127.0.0.1\n    port = ${imapPort}\n  }`,
        '  inet_listener imaps {\n    port = 0\n  }',
        '}',
        'service lmtp {',
        `  inet_listener lmtp {\n    address = 127.0.0.1\n    port = ${lmtpPort}\n  }`,
        '}',
        '',
      ].join('\n'),
    );
    const server = await ServerProcess.start({
      name: 'Dovecot',
      command: DOVECOT,
      args: ['-F', '-c', path.join(dir, 'dovecot.conf')],
      dir,
      ports: [imapPort, lmtpPort],
      timeoutMs: 15_000,
      stopSignal: 'SIGTERM',
      logFile: 'dovecot.log',
    });
    return new Dovecot(server, imapPort, lmtpPort);
  }

  /** Names a mailbox user: every one signs in with PASSWORD (see the passdb above). */
  addUser(address: string): { address: string; password: string } {
    this.users.set(address, PASSWORD);
    return { address, password: PASSWORD };
  }

  /** `imap://user:pass@127.0.0.1:port/INBOX`, the form IMAP_URL takes. */
  imapUrl(address: string, mailbox = 'INBOX'): string {
    const password = this.users.get(address);
    if (password === undefined) throw new Error(`no user ${address}`);
    const user = encodeURIComponent(address);
    return `imap://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.imapPort}/${mailbox}`;
  }

  /** Runs `use` on an IMAP connection signed in as `address`'s user, and signs out after. */
  async imap<T>(address: string, use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.imapPort,
      secure: false,
      auth: { user: address, pass: this.users.get(address) ?? PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.logout();
    }
  }

  /** Hands a raw RFC 822 message to Dovecot over LMTP for these recipients. */
  async deliver(raw: string | Buffer, to: string | string[], from = 'sender@example.test') {
    const transport = nodemailer.createTransport({
      lmtp: true,
      host: '127.0.0.1',
      port: this.lmtpPort,
    });
    try {
      await transport.sendMail({ envelope: { from, to: [to].flat() }, raw });
    } finally {
      transport.close();
    }
  }

  /** The files of a user's mailbox folder (`new` and `cur`), for checks on the server's side. */
  maildirFiles(address: string): string[] {
    const root = path.join(this.server.dir, 'mail', address);
    return ['new', 'cur'].flatMap((sub) => {
      const folder = path.join(root, sub);
      return fs.existsSync(folder) ? fs.readdirSync(folder).map((f) => `${sub}/${f}`) : [];
    });
  }

  log(): string {
    return this.server.readFile('dovecot.log');
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
