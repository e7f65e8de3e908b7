// A visitor who is not signed in lands on the sign-in page, from wherever they arrive, and
// nothing goes wrong on the way: no error in the console, no failed request, no answer of 400
// or more. Signing in as a customer then reaches the start page just as quietly.
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { PASSWORD } from './support/server.js';
import { connected, visible, type SignedInPage } from './support/ui.js';

/** Everything the page reports going wrong, as one line each. */
function problemsOf(page: SignedInPage): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

describeInBrowser('a visitor who is not signed in', () => {
  const suite = useServerAndBrowser();

  for (const path of ['/', '/login', '/chat', '/console', '/login?error=INVALID_SSO_TOKEN']) {
    it(`sees the sign-in page at ${path}, without an error`, async () => {
      const page = await suite.openPage();
      const problems = problemsOf(page);
      await page.goto(path);
      await visible(page.getByRole('button', { name: 'Sign in' }));
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
      expect(page.errors).toEqual([]);
      await page.context().close();
    });
  }

  const cases = [
    { role: 'user', name: 'Yaw Asante', lands: 'Start a chat' },
    { role: 'admin', name: 'Ama Mensah', lands: 'Chat management' },
  ] as const;
  for (const { role, name, lands } of cases) {
    it(`signs in as ${role === 'user' ? 'a customer' : 'an agent'} and out again, without an error`, async () => {
      const person = await suite.server.person(name, role);
      const page = await suite.openPage();
      const problems = problemsOf(page);
      await page.goto('/');
      await page.getByLabel('Email').fill(person.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await connected(page);
      await visible(page.getByRole('heading', { name: lands }));
      await page.waitForLoadState('networkidle');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await visible(page.getByRole('button', { name: 'Sign in' }));
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
      expect(page.errors).toEqual([]);
      await page.context().close();
    });
  }
});
