// Which SLA alerts a ticket owes at a given instant: a warning once a running target is at risk
// (domain/tickets/slaPolicy.ts#atRiskFraction), a breach once it is past due; each once per
// target and due time (a due time that moves, say with the priority, may warn again), and the
// instant the ticket must be looked at next. Pure: the sweep records and announces what it says.

export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];

export type SlaAlertKind = 'sla_warning' | 'sla_breach';

/** A target whose clock runs now: what the alerts are about. */
export interface RunningTarget {
  target: SlaTargetName;
  atRiskAt: Date;
  dueAt: Date;
}

export interface SlaAlert {
  target: SlaTargetName;
  kind: SlaAlertKind;
  dueAt: Date;
}

export const alertKey = (alert: SlaAlert): string =>
  `${alert.kind}:${alert.target}:${alert.dueAt.getTime()}`;

/**
 * The alerts `running` owes at `now` that `recorded` (their alertKey) does not hold yet, and the
 * next instant one falls due (null: none). A target found already past due gets its breach
 * alone: a warning after the fact would say nothing.
 */
export function slaAlertsDue(
  running: readonly RunningTarget[],
  recorded: ReadonlySet<string>,
  now: Date,
): { due: SlaAlert[]; nextCheckAt: Date | null } {
  const due: SlaAlert[] = [];
  const later: number[] = [];
  const t = now.getTime();
  for (const { target, atRiskAt, dueAt } of running) {
    const breach: SlaAlert = { target, kind: 'sla_breach', dueAt };
    const warning: SlaAlert = { target, kind: 'sla_warning', dueAt };
    // Breached means past the due time, as in slaStatus: at the due instant it is still met.
    if (t > dueAt.getTime()) {
      if (!recorded.has(alertKey(breach))) due.push(breach);
      continue;
    }
    later.push(dueAt.getTime() + 1);
    if (t >= atRiskAt.getTime()) {
      if (!recorded.has(alertKey(warning))) due.push(warning);
    } else if (!recorded.has(alertKey(warning))) {
      later.push(atRiskAt.getTime());
    }
  }
  return { due, nextCheckAt: later.length > 0 ? new Date(Math.min(...later)) : null };
}
