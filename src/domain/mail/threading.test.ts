import { describe, expect, it } from 'vitest';
import { replyAddressFor } from './replyAddress.js';
import {
  joinsTicket,
  messageIdList,
  messageIdOf,
  normalizeMessageId,
  threadKeys,
} from './threading.js';

const secret = 'a-mail-secret-that-is-long-enough-0123';
const desk = { addresses: ['helpdesk@uni.example', 'it@uni.example'], secret };
const mail = {
  recipients: ['helpdesk@uni.example'],
  inReplyTo: [] as string[],
  references: [] as string[],
  subject: 'Printer',
};

describe('Message-IDs', () => {
  it('are compared without their brackets', () => {
    expect(normalizeMessageId(' <abc@host> ')).toBe('abc@host');
    expect(normalizeMessageId('abc@host')).toBe('abc@host');
    expect(normalizeMessageId('<>')).toBeNull();
    expect(normalizeMessageId('<a b@c>')).toBeNull();
    expect(normalizeMessageId(`<${'x'.repeat(300)}@h>`)).toBeNull();
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it('are listed from References in order, once each', () => {
    expect(messageIdList('<a@h> <b@h>\r\n <a@h> junk <c@h>')).toEqual(['a@h', 'b@h', 'c@h']);
    expect(messageIdList(['<a@h>', '<b@h>'])).toEqual(['a@h', 'b@h']);
    expect(messageIdList(undefined)).toEqual([]);
  });

  it('are made from the raw mail when it has none, the same each time', () => {
    const raw = Buffer.from('Subject: x\r\n\r\nbody');
    expect(messageIdOf('<given@h>', raw)).toBe('given@h');
    const made = messageIdOf(undefined, raw);
    expect(made).toMatch(/^[0-9a-f]{40}@no-message-id\.switchboard\.invalid$/);
    expect(messageIdOf('', Buffer.from(raw))).toBe(made);
    expect(messageIdOf(undefined, Buffer.from('Subject: y\r\n\r\nbody'))).not.toBe(made);
  });
});

describe('thread keys', () => {
  it('finds signed reply addresses of any of the desk’s addresses', () => {
    const keys = threadKeys(
      {
        ...mail,
        recipients: [
          'someone@else.example',
          replyAddressFor('it@uni.example', 1042, secret),
          'helpdesk+1043.0000000000000000@uni.example',
        ],
      },
      desk,
    );
    expect(keys.replyTokens).toEqual([1042]);
  });

  it('reads no tokens without a secret', () => {
    const recipients = [replyAddressFor('it@uni.example', 1042, secret)];
    expect(threadKeys({ ...mail, recipients }, { ...desk, secret: null }).replyTokens).toEqual([]);
  });

  it('puts In-Reply-To first, then References from the most recent', () => {
    const keys = threadKeys(
      { ...mail, inReplyTo: ['c@h'], references: ['a@h', 'b@h', 'c@h'] },
      desk,
    );
    expect(keys.answers).toEqual(['c@h', 'b@h', 'a@h']);
  });

  it('reads the subject tag', () => {
    expect(threadKeys({ ...mail, subject: 'Re: [#1042] Printer' }, desk).subjectTag).toBe(1042);
    expect(threadKeys(mail, desk).subjectTag).toBeNull();
  });
});

describe('who joins a ticket by mail', () => {
  const requester = { isRequester: true, worksTicket: false, isCc: false };
  const agent = { isRequester: false, worksTicket: true, isCc: false };
  const cc = { isRequester: false, worksTicket: false, isCc: true };
  const stranger = { isRequester: false, worksTicket: false, isCc: false };

  it('lets the requester in by any key', () => {
    for (const by of ['reply_token', 'references', 'subject_tag'] as const) {
      expect(joinsTicket(by, requester)).toBe(true);
    }
  });

  it('lets the desk in by what only its mail carried, not by a subject tag', () => {
    expect(joinsTicket('reply_token', agent)).toBe(true);
    expect(joinsTicket('references', agent)).toBe(true);
    expect(joinsTicket('subject_tag', agent)).toBe(false);
  });

  it('lets a CC in by what the desk’s copied mail carried, not by a subject tag', () => {
    expect(joinsTicket('reply_token', cc)).toBe(true);
    expect(joinsTicket('references', cc)).toBe(true);
    expect(joinsTicket('subject_tag', cc)).toBe(false);
  });

  it('never lets anyone else in', () => {
    for (const by of ['reply_token', 'references', 'subject_tag'] as const) {
      expect(joinsTicket(by, stranger)).toBe(false);
    }
  });
});
