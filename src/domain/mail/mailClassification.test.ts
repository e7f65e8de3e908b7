import { describe, expect, it } from 'vitest';
import { classifyMail, type MailFacts } from './mailClassification.js';

const mail = (changes: Partial<MailFacts> = {}): MailFacts => ({
  from: 'yaw@example.edu',
  returnPath: 'yaw@example.edu',
  subject: 'Printer jammed',
  contentType: 'text/plain',
  reportType: null,
  headers: {},
  ...changes,
});
const own = ['helpdesk@uni.example'];
const reason = (changes: Partial<MailFacts>) => {
  const outcome = classifyMail(mail(changes), own);
  return outcome.accept ? 'accept' : outcome.reason;
};

describe('mail classification', () => {
  it('accepts a person’s mail', () => {
    expect(reason({})).toBe('accept');
    expect(reason({ headers: { 'auto-submitted': 'no' } })).toBe('accept');
  });

  it('ignores automatic mail by Auto-Submitted', () => {
    expect(reason({ headers: { 'auto-submitted': 'auto-replied' } })).toBe('auto_submitted');
    expect(reason({ headers: { 'auto-submitted': 'Auto-Generated' } })).toBe('auto_submitted');
  });

  it('ignores Exchange’s automatic mail, not a plain request for no receipts', () => {
    expect(reason({ headers: { 'x-auto-response-suppress': 'All' } })).toBe(
      'auto_response_suppress',
    );
    expect(reason({ headers: { 'x-auto-response-suppress': 'DR, OOF, AutoReply' } })).toBe(
      'auto_response_suppress',
    );
    expect(reason({ headers: { 'x-auto-response-suppress': 'DR, RN, NRN' } })).toBe('accept');
  });

  it('ignores bulk, junk and list mail', () => {
    for (const precedence of ['bulk', 'junk', 'list', 'BULK ']) {
      expect(reason({ headers: { precedence } })).toBe('bulk');
    }
    expect(reason({ headers: { precedence: 'first-class' } })).toBe('accept');
  });

  it('ignores bounces: a null return path, the mailer daemon, a delivery report', () => {
    expect(reason({ returnPath: '' })).toBe('bounce');
    expect(reason({ from: 'MAILER-DAEMON@mx.example.edu' })).toBe('bounce');
    expect(reason({ from: 'postmaster@example.edu' })).toBe('bounce');
    expect(reason({ contentType: 'multipart/report', reportType: 'delivery-status' })).toBe(
      'bounce',
    );
  });

  it('ignores read receipts', () => {
    expect(
      reason({ contentType: 'multipart/report', reportType: 'disposition-notification' }),
    ).toBe('receipt');
  });

  it('ignores out-of-office replies by their headers and subjects', () => {
    expect(reason({ headers: { 'x-autoreply': 'yes' } })).toBe('out_of_office');
    expect(reason({ headers: { 'x-autorespond': 'Out of office' } })).toBe('out_of_office');
    for (const subject of [
      'Out of Office: Printer jammed',
      'Automatic reply: Printer jammed',
      'Auto-Reply: your mail',
      'Autoreply: your mail',
      'Abwesenheitsnotiz: Drucker',
      'Réponse automatique : imprimante',
    ]) {
      expect(reason({ subject })).toBe('out_of_office');
    }
    expect(reason({ subject: 'Re: my out of office reply is broken' })).toBe('accept');
  });

  it('ignores mail from the desk’s own address, and mail without a sender', () => {
    expect(reason({ from: 'helpdesk@uni.example' })).toBe('own_address');
    expect(reason({ from: null })).toBe('no_sender');
  });
});
