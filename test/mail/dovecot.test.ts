// The test mail server itself: Dovecot starts on its own ports, takes mail over LMTP and serves
// it over IMAP (with IDLE, which the importer uses), and stops without leaving a process.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dovecot, dovecotAvailable } from '../support/dovecot.js';

describe.skipIf(!dovecotAvailable())('the test Dovecot', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await Dovecot.start();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('delivers over LMTP what IMAP then serves', async () => {
    const { address, password } = dovecot.addUser('helpdesk@example.test');
    await dovecot.deliver(
      'From: yaw@example.test\r\nTo: helpdesk@example.test\r\nSubject: Printer\r\nMessage-ID: <p1@example.test>\r\n\r\nIt jammed.\r\n',
      address,
    );
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.imapPort,
      secure: false,
      auth: { user: address, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      expect(client.capabilities.has('IDLE')).toBe(true);
      const lock = await client.getMailboxLock('INBOX');
      try {
        const message = await client.fetchOne('*', { envelope: true, source: true });
        expect(message && message.envelope?.messageId).toBe('<p1@example.test>');
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });
});
