// Chats per day and their median wait per day over a range, on the desk's wall clock
// (DESK_TIME_ZONE), from the hourly rollups, with the scope of the chat report: the charts over
// time on the Reports page (docs/reports.md, "Chats per day").
import type { Viewer } from '../../domain/policies.js';
import { dailySeries, type DailyPoint, type HourVolume } from '../../domain/reports/deskDays.js';
import { chatsPerHour, waitBinsPerHour } from '../../storage/repositories/reports/chatRollups.js';
import type { ServiceContext } from '../context.js';
import { chatReportScope, type ChatFilters } from './reportScope.js';

export interface ChatDailyResult {
  from: number;
  to: number;
  timeZone: string;
  teamIds: string[] | null;
  days: DailyPoint[];
}

export async function chatDaily(
  ctx: ServiceContext,
  props: { viewer: Viewer; from: number; to: number; teamId?: string | undefined } & ChatFilters,
): Promise<ChatDailyResult> {
  const db = ctx.store.reportDb;
  const { from, to, teamIds, rollups: filter } = await chatReportScope(ctx, props);
  const [volumes, bins] = await Promise.all([
    chatsPerHour(db, filter),
    waitBinsPerHour(db, filter),
  ]);
  const hours = new Map<number, HourVolume & { waitBins: Map<number, number> }>(
    volumes.map((hour) => [hour.hourStart, { ...hour, waitBins: new Map() }]),
  );
  for (const { hourStart, bin, chats } of bins) hours.get(hourStart)?.waitBins.set(bin, chats);
  const zone = ctx.settings.timeZone;
  return {
    from,
    to,
    timeZone: zone,
    teamIds,
    days: dailySeries([...hours.values()], from, to, zone),
  };
}
