import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail } from './mailLayout.js';

describe('mail layout', () => {
  it('escapes what a person typed, so it never becomes markup', () => {
    const mail = renderMail({
      deskName: 'Help <b>desk</b>',
      heading: 'Hello "Yaw"',
      paragraphs: ['<script>alert(1)</script> & <img src=x onerror=alert(2)>'],
      action: { label: 'Go" onclick="evil()', url: 'https://desk.example/reset?token=a&b=<c>' },
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>desk');
    expect(mail.html).not.toContain('onclick="');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img');
    expect(mail.html).toContain('href="https://desk.example/reset?token=a&amp;b=%3Cc%3E"');
    // The text part is text: it carries the words as they are.
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('makes no button of a link that is not http(s)', () => {
    const mail = renderMail({
      deskName: 'Desk',
      heading: 'Hi',
      paragraphs: [],
      action: { label: 'Click', url: 'javascript:alert(1)' },
    });
    expect(mail.html).not.toContain('javascript:');
    expect(mail.text).not.toContain('javascript:');
  });

  it('says the same in both parts, with the desk name and the link in the text', () => {
    const mail = renderMail({
      deskName: 'Campus IT',
      heading: 'Reset your password',
      paragraphs: ['Someone asked.'],
      action: {
        label: 'Choose a new password',
        url: 'https://desk.example/reset-password?token=t',
      },
      footer: ['You get this because you asked.'],
    });
    expect(mail.text).toContain(
      'Choose a new password: https://desk.example/reset-password?token=t',
    );
    expect(mail.text).toContain('Campus IT');
    expect(mail.html).toContain('Campus IT');
    expect(mail.html).toContain('max-width:560px');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
