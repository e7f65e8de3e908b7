// The use cases' settings made from the configuration: the reply address of ticket mail exists
// only when mail to the desk is fetched (IMAP_URL), has an address and is signed.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { serviceSettings } from './node.js';

const SECRET = 'a-mail-secret-that-is-long-enough-0123';
const MAIL = {
  SMTP_URL: 'smtp://mail.uni.example',
  MAIL_FROM: 'Help desk <helpdesk@uni.example>',
  PUBLIC_URL: 'https://help.uni.example',
};
const IMAP_URL = 'imaps://helpdesk%40uni.example:pw@imap.uni.example/INBOX';

describe('service settings', () => {
  it('sign ticket mail’s reply address with inbound mail set up', () => {
    const settings = serviceSettings(
      loadConfig({
        ...MAIL,
        IMAP_URL,
        MAIL_REPLY_SECRET: SECRET,
        MAIL_ADDRESSES: 'it@uni.example',
      }),
    );
    expect(settings.mail?.replyAddress).toEqual({ base: 'it@uni.example', secret: SECRET });
  });

  it('give no reply address without a mailbox or a secret', () => {
    expect(serviceSettings(loadConfig({ ...MAIL, IMAP_URL })).mail?.replyAddress).toBeNull();
    const noMailbox = loadConfig({ ...MAIL, MAIL_REPLY_SECRET: SECRET });
    expect(serviceSettings(noMailbox).mail?.replyAddress).toBeNull();
    expect(serviceSettings(loadConfig({})).mail).toBeNull();
  });
});
