// The heatmap's cells as the Reports page shows them: each cell's chats, its rate per real hour
// (chats ÷ hoursPerCell, so the hour that repeats when clocks go back is not twice as dark), and
// a shade from 0 (no chats) to 4 (the busiest rate of the range), with the words a pointer's
// tooltip gives it.
import type { ChatHeatmap } from '../../../shared/reportsApi.js';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export const SHADES = 4;

export interface HeatmapCell {
  chats: number;
  /** Real hours of the range in the cell; 0 when the range does not reach it. */
  hours: number;
  /** Chats per real hour; null when the cell has no hours. */
  rate: number | null;
  /** 0 (none) to SHADES (the busiest rate). */
  shade: number;
  /** "Monday 10:00–11:00: 5 chats in 2 hours". */
  title: string;
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "10:00–11:00": the local hour a column stands for. */
export const hourSpan = (hour: number) => `${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}`;

/** The 7 rows (Monday first) of 24 cells of a heatmap. */
export function heatmapCells(
  heatmap: Pick<ChatHeatmap, 'chats' | 'hoursPerCell'>,
): HeatmapCell[][] {
  const rates = heatmap.chats.map((row, day) =>
    row.map((chats, hour) => {
      const hours = heatmap.hoursPerCell[day]![hour]!;
      return hours === 0 ? null : chats / hours;
    }),
  );
  const busiest = Math.max(0, ...rates.flat().map((rate) => rate ?? 0));
  return heatmap.chats.map((row, day) =>
    row.map((chats, hour) => {
      const hours = heatmap.hoursPerCell[day]![hour]!;
      const rate = rates[day]![hour]!;
      const shade =
        rate === null || rate === 0 || busiest === 0
          ? 0
          : Math.max(1, Math.ceil((rate / busiest) * SHADES));
      const when = `${WEEKDAYS[day]} ${hourSpan(hour)}`;
      const title =
        hours === 0
          ? `${when}: not in the period`
          : `${when}: ${chats} ${chats === 1 ? 'chat' : 'chats'} in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
      return { chats, hours, rate, shade, title };
    }),
  );
}
