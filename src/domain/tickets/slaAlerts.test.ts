import { describe, expect, it } from 'vitest';
import { alertKey, slaAlertsDue, type RunningTarget } from './slaAlerts.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes));
const resolution: RunningTarget = { target: 'resolution', atRiskAt: at(48), dueAt: at(60) };

describe('slaAlertsDue', () => {
  it('owes nothing before the target is at risk, and looks again when it is', () => {
    expect(slaAlertsDue([resolution], new Set(), at(10))).toEqual({ due: [], nextCheckAt: at(48) });
  });

  it('warns once at risk, then looks again just after the due time', () => {
    const { due, nextCheckAt } = slaAlertsDue([resolution], new Set(), at(50));
    expect(due).toEqual([{ target: 'resolution', kind: 'sla_warning', dueAt: at(60) }]);
    expect(nextCheckAt).toEqual(new Date(at(60).getTime() + 1));
    const recorded = new Set(due.map(alertKey));
    expect(slaAlertsDue([resolution], recorded, at(55)).due).toEqual([]);
  });

  it('is not breached at the due instant, only after it', () => {
    expect(slaAlertsDue([resolution], new Set(), at(60)).due.map((a) => a.kind)).toEqual([
      'sla_warning',
    ]);
  });

  it('records a breach once past due, without a late warning, and then has nothing to watch', () => {
    const first = slaAlertsDue([resolution], new Set(), at(61));
    expect(first).toEqual({
      due: [{ target: 'resolution', kind: 'sla_breach', dueAt: at(60) }],
      nextCheckAt: null,
    });
    expect(slaAlertsDue([resolution], new Set(first.due.map(alertKey)), at(90)).due).toEqual([]);
  });

  it('warns again for a due time that moved', () => {
    const recorded = new Set([
      alertKey({ target: 'resolution', kind: 'sla_warning', dueAt: at(60) }),
    ]);
    const moved: RunningTarget = { ...resolution, atRiskAt: at(70), dueAt: at(80) };
    expect(slaAlertsDue([moved], recorded, at(75)).due).toEqual([
      { target: 'resolution', kind: 'sla_warning', dueAt: at(80) },
    ]);
  });

  it('watches the sooner of several targets', () => {
    const firstResponse: RunningTarget = {
      target: 'first_response',
      atRiskAt: at(20),
      dueAt: at(30),
    };
    expect(slaAlertsDue([resolution, firstResponse], new Set(), at(0)).nextCheckAt).toEqual(at(20));
  });
});
