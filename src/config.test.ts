// Configuration from the environment: invalid values stop the start with a message naming the
// variable, and origins are reduced to what browsers send in their Origin header.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The message loadConfig stops with for `env`. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('reads the desk’s mail addresses, defaulting to the mailbox’s user', () => {
    const url = 'imaps://Helpdesk%40uni.example:p%40ss@mail.uni.example/INBOX';
    expect(loadConfig({ IMAP_URL: url }).inboundMail).toMatchObject({
      imapUrl: url,
      pollMs: 60_000,
      addresses: [{ address: 'helpdesk@uni.example', topicSlug: null }],
      replySecret: null,
    });
    expect(
      loadConfig({ IMAP_URL: url, MAIL_ADDRESSES: 'Helpdesk@uni.example, it@uni.example=wifi' })
        .inboundMail.addresses,
    ).toEqual([
      { address: 'helpdesk@uni.example', topicSlug: null },
      { address: 'it@uni.example', topicSlug: 'wifi' },
    ]);
    expect(loadConfig({}).inboundMail).toMatchObject({
      imapUrl: null,
      addresses: [],
      receiver: null,
    });
    expect(
      loadConfig({ MAIL_RECEIVER_PORT: '2525', MAIL_ADDRESSES: 'helpdesk@uni.example' }).inboundMail
        .receiver,
    ).toEqual({ host: '127.0.0.1', port: 2525 });
  });

  it('returns stranded chats to the queue after two minutes unless turned off with 0', () => {
    expect(loadConfig({}).requeueAfterAwayMs).toBe(120_000);
    expect(loadConfig({ REQUEUE_AFTER_AWAY_SECONDS: '0' }).requeueAfterAwayMs).toBe(0);
  });

  it('files unanswered and abandoned chats as tickets only when asked to', () => {
    expect(loadConfig({})).toMatchObject({
      unansweredChatTicketMs: 0,
      abandonedChatTickets: false,
    });
    expect(
      loadConfig({ UNANSWERED_CHAT_TICKET_MINUTES: '15', ABANDONED_CHAT_TICKETS: 'true' }),
    ).toMatchObject({ unansweredChatTicketMs: 900_000, abandonedChatTickets: true });
    expect(() => loadConfig({ UNANSWERED_CHAT_TICKET_MINUTES: '-1' })).toThrow(
      /UNANSWERED_CHAT_TICKET_MINUTES/,
    );
  });

  it('names the variable of every invalid value', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PUBLIC_URL: 'chat.example.edu' }, 'PUBLIC_URL'],
      [{ PUBLIC_URL: 'ftp://chat.example.edu' }, 'PUBLIC_URL'],
      [{ ALLOWED_ORIGINS: 'https://portal.example, portal2.example' }, 'ALLOWED_ORIGINS'],
      [{ PORT: 'eighty' }, 'PORT'],
      [{ SSO_SECRET: 'short' }, 'SSO_SECRET'],
      [{ SSO_LINK_BY_EMAIL: 'sometimes' }, 'SSO_LINK_BY_EMAIL'],
      [{ IMAP_URL: 'pop3://u:p@mail.example.edu' }, 'IMAP_URL'],
      [{ IMAP_URL: 'imap://mail.example.edu/INBOX' }, 'IMAP_URL'],
      [{ MAIL_ADDRESSES: 'helpdesk@uni.example, it' }, 'MAIL_ADDRESSES'],
      [{ MAIL_ADDRESSES: 'it@uni.example=' }, 'MAIL_ADDRESSES'],
      [{ MAIL_REPLY_SECRET: 'short' }, 'MAIL_REPLY_SECRET'],
      [{ MAIL_RECEIVER_PORT: '2525' }, 'MAIL_ADDRESSES'],
      [{ MAIL_RECEIVER_PORT: '0', MAIL_ADDRESSES: 'a@b.example' }, 'MAIL_RECEIVER_PORT'],
      [{ MESSAGE_LIMIT_BURST: '0' }, 'MESSAGE_LIMIT_BURST'],
      [{ SOCKET_LIMIT_PER_SIGNIN: '2.5' }, 'SOCKET_LIMIT_PER_SIGNIN'],
      [{ REQUEUE_AFTER_AWAY_SECONDS: '-1' }, 'REQUEUE_AFTER_AWAY_SECONDS'],
    ];
    for (const [env, variable] of cases) {
      expect(refusal(env), JSON.stringify(env)).toMatch(
        new RegExp(`^Invalid configuration:\\n  ${variable}: `),
      );
    }
  });

  it('links SSO users to accounts by email only when told to', () => {
    const secret = 'a-secret-that-is-long-enough-for-sso-1234';
    expect(loadConfig({ SSO_SECRET: secret }).sso?.linkByEmail).toBe(false);
    expect(loadConfig({ SSO_SECRET: secret, SSO_LINK_BY_EMAIL: 'true' }).sso?.linkByEmail).toBe(
      true,
    );
  });

  it('lets customers sign up only when told to, never open with SSO linking by email', () => {
    const secret = 'a-secret-that-is-long-enough-for-sso-1234';
    expect(loadConfig({}).customerSignUp).toBe('off');
    expect(loadConfig({ CUSTOMER_SIGN_UP: 'verification' }).customerSignUp).toBe('verification');
    expect(loadConfig({ CUSTOMER_SIGN_UP: 'open', SSO_SECRET: secret }).customerSignUp).toBe(
      'open',
    );
    expect(() => loadConfig({ CUSTOMER_SIGN_UP: 'yes' })).toThrow('CUSTOMER_SIGN_UP');
    expect(() =>
      loadConfig({ CUSTOMER_SIGN_UP: 'open', SSO_SECRET: secret, SSO_LINK_BY_EMAIL: 'true' }),
    ).toThrow('cannot go with SSO_LINK_BY_EMAIL');
    expect(loadConfig({}).abuseLimits.signUpsPerAddressPerHour).toBe(10);
  });

  it('reads the abuse limits, with defaults no person meets', () => {
    expect(loadConfig({}).abuseLimits).toEqual({
      messagesPerSecond: 5,
      messageBurst: 20,
      chatsPerHour: 20,
      openChatsPerCustomer: 3,
      socketsPerSignIn: 20,
      visitorsPerAddressPerHour: 60,
      guestChatsPerAddressPerHour: 30,
      signUpsPerAddressPerHour: 10,
      uploadsPerHour: 60,
      transcriptMailsPerHour: 10,
    });
    expect(loadConfig({ MESSAGE_LIMIT_PER_SECOND: '0.5' }).abuseLimits.messagesPerSecond).toBe(0.5);
  });

  it('reads the attachment settings: the database keeps files unless FILES_DIR names a directory', () => {
    const defaults = loadConfig({}).files;
    expect(defaults.dir).toBeUndefined();
    expect(defaults.customerUploads).toBe(true);
    expect(defaults.limits).toMatchObject({
      maxBytes: 10 * 1024 * 1024,
      filesPerMessage: 10,
      maxPixels: 50_000_000,
    });
    expect(defaults.limits.allowedTypes).toContain('image/png');
    expect(defaults.limits.allowedTypes).not.toContain('image/svg+xml');
    const set = loadConfig({
      FILES_DIR: 'uploads',
      FILE_SIZE_LIMIT_MB: '2.5',
      FILE_TYPES: ' image/png, Application/PDF ,',
      CUSTOMER_UPLOADS: 'false',
    }).files;
    expect(set.dir).toMatch(/\/uploads$/);
    expect(set.limits.maxBytes).toBe(2.5 * 1024 * 1024);
    expect(set.limits.allowedTypes).toEqual(['image/png', 'application/pdf']);
    expect(set.customerUploads).toBe(false);
    expect(() => loadConfig({ FILE_TYPES: 'png' })).toThrow('FILE_TYPES: "png" is not a MIME type');
  });

  it('reduces PUBLIC_URL and ALLOWED_ORIGINS to origins, as browsers send them', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://chat.example.edu/support/',
      ALLOWED_ORIGINS: 'https://portal.example/, http://intranet.example:8080/app , ',
    });
    expect(config.allowedOrigins).toEqual([
      'https://chat.example.edu',
      'https://portal.example',
      'http://intranet.example:8080',
    ]);
    expect(config.cookieSecure).toBe(true);
    expect(loadConfig({}).allowedOrigins).toEqual([]);
  });

  it('takes the desk’s time zone as an IANA name, UTC by default, and refuses others', () => {
    expect(loadConfig({}).timeZone).toBe('UTC');
    expect(loadConfig({ DESK_TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
    expect(() => loadConfig({ DESK_TIME_ZONE: 'Europe/Berln' })).toThrow(
      'DESK_TIME_ZONE: "Europe/Berln" is not an IANA time zone name',
    );
    expect(() => loadConfig({ DESK_TIME_ZONE: 'CEST+2' })).toThrow(ConfigError);
  });

  it('turns mail on with SMTP_URL, which then needs MAIL_FROM and PUBLIC_URL', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(loadConfig({}).deskName).toBe('Switchboard');
    const mail = loadConfig({
      SMTP_URL: 'smtps://desk:secret@mail.example.edu',
      MAIL_FROM: 'IT help <help@Example.edu>',
      PUBLIC_URL: 'https://help.example.edu/',
      MAIL_MAX_ATTEMPTS: '4',
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    }).mail;
    expect(mail).toMatchObject({
      from: 'IT help <help@Example.edu>',
      messageIdDomain: 'example.edu',
      maxAttempts: 4,
      tlsRejectUnauthorized: false,
      publicOrigin: 'https://help.example.edu',
    });
    expect(refusal({ SMTP_URL: 'smtp://mail.example.edu' })).toMatch(/MAIL_FROM[\s\S]*PUBLIC_URL/);
    expect(
      refusal({ SMTP_URL: 'http://mail', MAIL_FROM: 'a@b.c', PUBLIC_URL: 'https://x.example' }),
    ).toContain('SMTP_URL');
  });
});
