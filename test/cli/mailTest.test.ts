// `switchboard mail-test` against real SMTP servers: what it says when the settings work, and in
// plain words when they do not (refused connection, wrong password, TLS, DNS, mail off).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailChecks, runMailChecks } from '../../src/cli/mailChecks.js';
import { loadConfig } from '../../src/config.js';
import { SmtpSink } from '../support/smtpSink.js';

const mailEnv = (smtpUrl: string, extra: Record<string, string> = {}) =>
  loadConfig({
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Campus Help <help@desk.test>',
    PUBLIC_URL: 'http://desk.test',
    DESK_NAME: 'Campus Help',
    ...extra,
  });

async function check(config: ReturnType<typeof loadConfig>, to?: string) {
  const lines: string[] = [];
  const ok = await runMailChecks(mailChecks(config, { to, timeoutMs: 5000 }), (l) => lines.push(l));
  return { ok, output: lines.join('\n') };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('switchboard mail-test', () => {
  let sink: SmtpSink;
  let tlsSink: SmtpSink;
  beforeAll(async () => {
    sink = await SmtpSink.start({ auth: { user: 'desk', pass: 's3cret' } });
    tlsSink = await SmtpSink.start({ secure: true });
  });
  afterAll(async () => {
    await sink.stop();
    await tlsSink.stop();
  });

  it('connects, signs in and sends a test mail', async () => {
    const { ok, output } = await check(mailEnv(sink.url), 'it@example.edu');
    expect(output).toMatch(
      /^OK {3}SMTP \(sending\): connected to 127\.0\.0\.1:\d+.*signed in as desk/,
    );
    expect(output).toContain('accepted a test mail to it@example.edu');
    // Receiving is optional: without IMAP_URL the run still passes, and says so.
    expect(output).toContain('OK   IMAP (receiving): not set up (IMAP_URL is not set)');
    expect(ok).toBe(true);
    const [mail] = await sink.waitForMails(1);
    expect(mail!.to).toEqual(['it@example.edu']);
    expect(mail!.parsed.subject).toBe('Campus Help: test mail');
  });

  it('says the password is wrong', async () => {
    const { ok, output } = await check(mailEnv(sink.url.replace('s3cret', 'wrong')));
    expect(ok).toBe(false);
    expect(output).toMatch(/FAIL SMTP \(sending\): .*refused the user name or password/);
  });

  it('says nothing listens on the port', async () => {
    const { ok, output } = await check(mailEnv(`smtp://127.0.0.1:${await closedPort()}`));
    expect(ok).toBe(false);
    expect(output).toContain('refused the connection');
  });

  it('says the certificate is not trusted, and passes when told to accept it', async () => {
    const refused = await check(mailEnv(tlsSink.url));
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/TLS.*SMTP_TLS_REJECT_UNAUTHORIZED=false/);
    const accepted = await check(mailEnv(tlsSink.url, { SMTP_TLS_REJECT_UNAUTHORIZED: 'false' }));
    expect(accepted.output).toMatch(/^OK/);
  });

  it('says the server name is unknown', async () => {
    const { ok, output } = await check(mailEnv('smtp://no-such-host.invalid:587'));
    expect(ok).toBe(false);
    expect(output).toMatch(/could not be found \(DNS\)|did not answer in time/);
  });

  it('says mail is off without SMTP_URL', async () => {
    const { ok, output } = await check(loadConfig({}));
    expect(ok).toBe(false);
    expect(output).toContain('SMTP_URL is not set');
  });

  it('runs as a command, exiting 1 when a check fails', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'mail-test'], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toContain('FAIL SMTP (sending): SMTP_URL is not set');
    expect(code).toBe(1);
  });
});
