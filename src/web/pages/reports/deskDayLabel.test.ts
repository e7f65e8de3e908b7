import { describe, expect, it } from 'vitest';
import { deskDayLabel, deskDayLongLabel } from './deskDayLabel.js';

describe('a desk day as the charts name it', () => {
  it('keeps the date the desk gave, whatever the browser’s time zone', () => {
    // The short day of Berlin's spring DST night, read in a browser far west of it.
    expect(deskDayLabel('2026-03-29')).toMatch(/29/);
    expect(deskDayLabel('2026-03-29')).toMatch(/Mar/);
    expect(deskDayLongLabel('2026-03-29')).toMatch(/Sun.*29.*Mar.*2026|Sun.*Mar.*29.*2026/);
    expect(deskDayLabel('2026-01-01')).toMatch(/\b1\b/);
  });
});
