// The live dashboard: a super admin opens Reports → Live and, without reloading, sees a chat that
// a student starts join the queue, then leave it for the agent it is assigned to.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { until, visible } from './support/ui.js';

/** The queues table's "No team" row: waiting, longest wait, in progress. */
const noTeamRow = (page: Page) =>
  page
    .getByRole('table', { name: /per team/ })
    .locator('tbody tr', { hasText: 'No team' })
    .locator('td')
    .allTextContents();

describeInBrowser('live dashboard', () => {
  const suite = useServerAndBrowser();
  let admin: Person;
  let esi: Person;
  let yaw: Person;

  beforeAll(async () => {
    admin = await suite.server.person('Ada Admin', 'super_admin');
    esi = await suite.server.person('Esi Owusu', 'admin');
    yaw = await suite.server.person('Yaw Asante');
  });

  it('updates when a chat starts and when it is assigned', async () => {
    const { ctx } = suite.server.node;
    // On duty, taking nothing by herself: the chat waits until it is assigned.
    await suite.signIn(esi);
    await updateOwnAgentState(ctx, esi, { status: 'online', autoAssign: false });

    const page = await suite.signIn(admin);
    await page.goto('/reports');
    await page
      .getByRole('navigation', { name: 'Reports views' })
      .getByRole('link', { name: 'Live' })
      .click();
    await visible(page.getByRole('heading', { name: 'Queues' }));
    expect(await noTeamRow(page)).toEqual(['0', '—', '0']);
    await visible(
      page.getByRole('table', { name: /capacity/ }).getByRole('row', { name: /Esi Owusu/ }),
    );

    const { row } = await startSession(ctx, {
      viewer: yaw,
      subject: 'Fees',
      priority: 'medium',
      message: 'Hello?',
    });
    await until(async () => expect((await noTeamRow(page))[0]).toBe('1'));

    await assignSession(ctx, { viewer: admin, sessionId: row.id, agentId: esi.id });
    await until(async () => expect(await noTeamRow(page)).toEqual(['0', '—', '1']));
    const esiRow = page
      .getByRole('table', { name: /capacity/ })
      .getByRole('row', { name: /Esi Owusu/ });
    await until(async () => expect(await esiRow.textContent()).toContain('1 / '));
    expect(page.url()).toMatch(/\/reports\/live$/);
    expect(page.errors).toEqual([]);
  });
});
