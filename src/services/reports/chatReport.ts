// A chat report for a range of hours, from the rollups (whole UTC days from the daily ones, the
// edge hours from the hourly ones): the whole desk for super admins, a team lead's teams for them
// (docs/reports.md). Chats changed in the last housekeeping period may not be counted yet.
import type { Viewer } from '../../domain/policies.js';
import { chatMetrics, type ChatMetrics } from '../../domain/reports/chatRollup.js';
import { sumRollups } from '../../storage/repositories/reports/chatRollups.js';
import type { ServiceContext } from '../context.js';
import { chatReportScope, type ChatFilters } from './reportScope.js';

export interface ChatReportProps extends ChatFilters {
  viewer: Viewer;
  /** Epoch milliseconds; rounded outwards to whole UTC hours. */
  from: number;
  to: number;
  teamId?: string | undefined;
}

export interface ChatReportResult {
  from: number;
  to: number;
  /** Null: every chat, those of no team included. */
  teamIds: string[] | null;
  metrics: ChatMetrics;
}

export async function chatReport(
  ctx: ServiceContext,
  props: ChatReportProps,
): Promise<ChatReportResult> {
  const { from, to, teamIds, rollups } = await chatReportScope(ctx, props);
  const rollup = await sumRollups(ctx.store.reportDb, rollups);
  return { from, to, teamIds, metrics: chatMetrics(rollup) };
}
