// The mail templates: both parts, the desk's name, and no markup from what a person typed.
import { describe, expect, it } from 'vitest';
import {
  emailChangedMail,
  emailVerificationMail,
  passwordResetMail,
} from '../../../src/services/mail/templates/accountMails.js';
import {
  agentNoticeMail,
  ticketReceivedMail,
  ticketReplyMail,
  ticketSolvedMail,
} from '../../../src/services/mail/ticketMail/ticketMailTemplates.js';

const desk = { deskName: 'Campus <IT> Help' };
const evilName = '<img src=x onerror="alert(1)">Yaw';

describe('account mails', () => {
  it('carry the desk name and the link in both parts', () => {
    const mail = passwordResetMail(desk, {
      name: 'Yaw',
      url: 'https://help.example.edu/reset-password?token=abc',
      validMinutes: 60,
    });
    expect(mail.subject).toBe('Reset your Campus <IT> Help password');
    expect(mail.content.text).toContain('https://help.example.edu/reset-password?token=abc');
    expect(mail.content.html).toContain('href="https://help.example.edu/reset-password?token=abc"');
    expect(mail.content.html).toContain('Campus &lt;IT&gt; Help');
    expect(mail.content.text).toContain('60 minutes');
  });

  it('never let a name or address become markup', () => {
    for (const mail of [
      passwordResetMail(desk, { name: evilName, url: 'https://x.example/r', validMinutes: 60 }),
      emailVerificationMail(desk, { name: evilName, url: 'https://x.example/v', validMinutes: 60 }),
      emailChangedMail(desk, { name: evilName, newEmail: '"><script>x()</script>@evil.example' }),
    ]) {
      expect(mail.content.html).not.toMatch(/<img|<script|<IT>/);
      expect(mail.content.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Yaw');
    }
  });
});

describe('ticket mails', () => {
  const ticket = { number: 1042, subject: '<b>Refund</b>', url: 'https://x.example/requests/1042' };

  it('quote the reply in both parts, the ticket’s link with it', () => {
    const mail = ticketReplyMail(desk, {
      name: 'Yaw',
      agentName: 'Esi',
      body: 'We refunded you.\nIt takes 3 days.',
      ticket,
      solved: false,
    });
    expect(mail.subject).toBe('<b>Refund</b>');
    expect(mail.content.text).toContain('We refunded you.\nIt takes 3 days.');
    expect(mail.content.html).toContain('We refunded you.<br>It takes 3 days.');
    expect(mail.content.html).toContain('href="https://x.example/requests/1042"');
    expect(mail.content.text).not.toContain('marked your request solved');
  });

  it('never let a subject, name or message become markup', () => {
    const evil = '<script>x()</script>';
    for (const mail of [
      ticketReceivedMail(desk, { name: evilName, ticket, byMail: true }),
      ticketReplyMail(desk, { name: 'Yaw', agentName: evilName, body: evil, ticket, solved: true }),
      ticketSolvedMail(desk, { name: evilName, ticket }),
      agentNoticeMail(desk, {
        heading: evilName,
        paragraphs: [evil],
        ticket,
        settingsUrl: 'https://x.example/settings#mail',
        notesByMail: true,
      }),
    ]) {
      expect(mail.content.html).not.toMatch(/<script|<img|<b>/);
      expect(mail.content.html).toMatch(/&lt;(script|img)/);
    }
  });
});
