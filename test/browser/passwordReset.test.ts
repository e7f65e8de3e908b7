// Forgot password in the browser: the sign-in page's link, the mail that arrives at a real SMTP
// server, the reset page it opens, and signing in with the new password.
import { afterAll, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtpSink.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { connected, visible } from './support/ui.js';

const sink = await SmtpSink.start();
afterAll(() => sink.stop());

describeInBrowser('forgot password', () => {
  const suite = useServerAndBrowser({
    SMTP_URL: sink.url,
    MAIL_FROM: 'Campus Help <help@desk.test>',
    PUBLIC_URL: 'http://desk.test',
    DESK_NAME: 'Campus Help',
  });

  it('mails a link whose page sets a new password, which then signs in', async () => {
    const yaw = await suite.server.person('Yaw Mensah');
    const page = await suite.openPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(yaw.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await visible(page.getByText('Check your mail'));

    const [mail] = await sink.waitForMails(1);
    expect(mail!.to).toEqual([yaw.email]);
    const link = /http:\/\/desk\.test(\/reset-password\?token=[\w-]+)/.exec(
      mail!.parsed.text ?? '',
    );
    expect(link).not.toBeNull();
    await page.goto(link![1]!);
    await page.getByLabel('New password', { exact: true }).fill('a fresh passphrase');
    await page.getByLabel('New password again').fill('a fresh passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await visible(page.getByText('Your password is set'));

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(yaw.email);
    await page.getByLabel('Password').fill('a fresh passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await connected(page);
    expect(page.errors).toEqual([]);
  });

  it('shows a super admin the mail that failed, and sends it again on Retry', async () => {
    const admin = await suite.server.person('Ada Admin', 'super_admin');
    const kofi = await suite.server.person('Kofi Boateng');
    sink.refuseNext(550, 'Mailbox unavailable');
    const before = sink.mails.length;
    const asked = await fetch(`${suite.server.url}/api/v1/auth/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: suite.server.url },
      body: JSON.stringify({ email: kofi.email }),
    });
    expect(asked.status).toBe(202);
    const page = await suite.signIn(admin);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('link', { name: 'Mail' }).click();
    const row = page.getByRole('row', { name: new RegExp(kofi.email) });
    // The refusal comes from the worker, after the answer: the page is read again until it shows.
    for (let i = 0; i < 30 && !(await row.isVisible()); i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForLoadState('networkidle');
    }
    await visible(row.getByText('Mailbox unavailable'));
    await row.getByRole('button', { name: 'Retry' }).click();
    await visible(page.getByText(`Mail to ${kofi.email} queued again`));
    const mails = await sink.waitForMails(before + 1);
    expect(mails.at(-1)!.to).toEqual([kofi.email]);
    expect(page.errors).toEqual([]);
  });
});
