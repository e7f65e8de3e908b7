// Chat volume by weekday and hour on the desk's wall clock (DESK_TIME_ZONE), from the hourly
// rollups: each UTC hour's chats go to the local cell its start falls in, which is exact for
// zones whose offset is a whole number of hours (docs/reports.md, "The heatmap").
import type { Viewer } from '../../domain/policies.js';
import {
  emptyHeatmap,
  hourCells,
  hoursPerCell,
  type Heatmap,
} from '../../domain/reports/heatmap.js';
import { chatsPerHour } from '../../storage/repositories/reports/chatRollups.js';
import type { ServiceContext } from '../context.js';
import { chatReportScope, type ChatFilters } from './reportScope.js';

export interface ChatHeatmapProps extends ChatFilters {
  viewer: Viewer;
  /** Epoch milliseconds; rounded outwards to whole UTC hours. */
  from: number;
  to: number;
  teamId?: string | undefined;
}

export interface ChatHeatmapResult {
  from: number;
  to: number;
  timeZone: string;
  teamIds: string[] | null;
  /** Chats started, 7 rows (Monday first) of 24 local hours. */
  chats: Heatmap;
  /** Real hours of the range in each cell, for a fair rate per hour across DST nights. */
  hoursPerCell: Heatmap;
}

export async function chatHeatmap(
  ctx: ServiceContext,
  props: ChatHeatmapProps,
): Promise<ChatHeatmapResult> {
  const db = ctx.store.reportDb;
  const { from, to, teamIds, rollups } = await chatReportScope(ctx, props);
  const zone = ctx.settings.timeZone;
  const chats = emptyHeatmap();
  const cellOf = hourCells(zone, from, to);
  for (const hour of await chatsPerHour(db, rollups)) {
    const { weekday, hour: local } = cellOf(hour.hourStart);
    chats[weekday - 1]![local]! += hour.chats;
  }
  return { from, to, timeZone: zone, teamIds, chats, hoursPerCell: hoursPerCell(from, to, zone) };
}
