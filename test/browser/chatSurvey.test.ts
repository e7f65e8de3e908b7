// The survey after a chat: a super admin sets two questions on the Reports page; the student of
// an ended chat rates it, answers one question, and the answer is stored for the chat's agent.
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { surveyAnswersOf } from '../../src/storage/repositories/surveys.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { until, visible } from './support/ui.js';

describeInBrowser('chat survey', () => {
  const suite = useServerAndBrowser();
  let admin: Person;
  let esi: Person;
  let yaw: Person;

  beforeAll(async () => {
    admin = await suite.server.person('Ada Admin', 'super_admin');
    esi = await suite.server.person('Esi Owusu', 'admin');
    yaw = await suite.server.person('Yaw Asante');
  });

  it('is set by a super admin and answered by the student after the chat', async () => {
    const adminPage = await suite.signIn(admin);
    await adminPage.goto('/reports');
    await adminPage.getByLabel(/Question 1/).fill('Was it easy to get help?');
    await adminPage.getByLabel(/Question 2/).fill('Was it quick?');
    await adminPage.getByRole('button', { name: 'Save questions' }).click();
    await visible(adminPage.getByText('Survey questions saved.'));

    const { ctx } = suite.server.node;
    await suite.signIn(esi);
    await updateOwnAgentState(ctx, esi, { status: 'online', autoAssign: false });
    const { row } = await startSession(ctx, {
      viewer: yaw,
      subject: 'Fees',
      priority: 'medium',
      message: 'Hello?',
    });
    await assignSession(ctx, { viewer: admin, sessionId: row.id, agentId: esi.id });
    await endSession(ctx, { viewer: esi, sessionId: row.id });

    const page = await suite.signIn(yaw);
    await page.goto(`/chat/${row.id}`);
    await page.getByRole('radio', { name: /5 of 5/ }).check();
    await page.getByLabel(/Was it easy to get help/).selectOption({ label: '4 of 5, Good' });
    await page.getByLabel(/Anything you would like to add/).fill('Thanks');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await visible(page.getByText('Thank you for your feedback'));

    await until(async () =>
      expect(
        (await surveyAnswersOf(ctx.store.db, row.id)).map((a) => [a.value, a.agent_id]),
      ).toEqual([[4, esi.id]]),
    );
    expect(page.errors).toEqual([]);
    expect(adminPage.errors).toEqual([]);
  });
});
