// The help desk scenario at quick size (6 agents in 2 teams, 30 customers, two short steps):
// chats were played out end to end, every action has figures, and every acknowledged message
// reached the other side exactly once and in order (the scenario also fails on its own if not).
import { expect, it } from 'vitest';
import { QUICK_TIMEOUT_MS, runQuick } from './quickRun.js';

it('runs the help desk scenario at quick size', { timeout: QUICK_TIMEOUT_MS }, () => {
  const report = runQuick('helpdesk');
  const completed = report.byMetric('chats completed');
  expect(completed.length).toBe(2);
  for (const row of completed) expect(row.value).toBeGreaterThan(0);
  // The user-facing actions each have figures at every step.
  for (const action of [
    'send → delivered, customer to agent p99',
    'send → delivered, agent to customer p99',
    'start → assigned p99',
    'read → receipt seen by the customer p99',
    'agent list load',
    'ticket inbox load',
    'supervisor list load',
    'dashboard.watch → snapshot p99',
    'ticket reply',
    'transfer to an agent → assigned p99',
    'transfer to the team → assigned p99',
  ])
    expect(report.byMetric(action).length, action).toBeGreaterThanOrEqual(2);
  for (const metric of ['server CPU', 'server RSS, peak'])
    for (const row of report.byMetric(metric)) expect(row.value, metric).toBeGreaterThan(0);
  expect(report.byMetric('what saturates first').length).toBe(1);
  expect(report.byMetric('acknowledged messages')[0]!.value).toBeGreaterThan(0);
  for (const metric of [
    'acknowledged, never delivered',
    'delivered more than once',
    'delivered out of the order sent',
    'session events not in seq order',
    'sockets closed by the end',
  ])
    expect(report.byMetric(metric)[0], metric).toMatchObject({ value: 0, met: true });
  expect(report.byMetric('sockets connected')[0]).toMatchObject({ value: 37, met: true });
});
