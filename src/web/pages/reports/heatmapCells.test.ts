import { describe, expect, it } from 'vitest';
import { heatmapCells, hourSpan } from './heatmapCells.js';

const grid = (fill: number) => Array.from({ length: 7 }, () => new Array<number>(24).fill(fill));

describe('the heatmap cells', () => {
  it('shades by chats per real hour, so the repeated hour of a DST night is not twice as dark', () => {
    const chats = grid(0);
    const hours = grid(1);
    // Sunday 01:00 happened twice (clocks went back): 4 chats in 2 hours.
    chats[6]![1] = 4;
    hours[6]![1] = 2;
    // Monday 10:00, the busiest: 4 chats in its hour.
    chats[0]![10] = 4;
    // Tuesday 10:00: 1 chat.
    chats[1]![10] = 1;
    const cells = heatmapCells({ chats, hoursPerCell: hours });
    expect(cells[0]![10]).toMatchObject({ rate: 4, shade: 4 });
    expect(cells[6]![1]).toMatchObject({ chats: 4, rate: 2, shade: 2 });
    expect(cells[1]![10]).toMatchObject({
      shade: 1,
      title: 'Tuesday 10:00–11:00: 1 chat in 1 hour',
    });
    expect(cells[6]![1]!.title).toBe('Sunday 01:00–02:00: 4 chats in 2 hours');
    expect(cells[2]![3]).toMatchObject({ chats: 0, shade: 0 });
  });

  it('says which cells the period does not reach, such as the hour skipped when clocks go forward', () => {
    const hours = grid(1);
    hours[6]![2] = 0;
    const cells = heatmapCells({ chats: grid(0), hoursPerCell: hours });
    expect(cells[6]![2]).toMatchObject({
      rate: null,
      shade: 0,
      title: 'Sunday 02:00–03:00: not in the period',
    });
  });

  it('names the last hour of the day up to midnight', () => {
    expect(hourSpan(23)).toBe('23:00–00:00');
    expect(hourSpan(0)).toBe('00:00–01:00');
  });
});
