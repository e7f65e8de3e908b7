import { describe, expect, it } from 'vitest';
import type { TicketField } from '../../../shared/ticketSettingsApi.js';
import { formatDateTime } from '../../format/time.js';
import { targetText } from './SlaStanding.js';
import { parseFieldInput } from './TicketFieldsSection.js';

const field = (type: TicketField['type']): TicketField => ({
  id: 'f1',
  key: 'k',
  label: 'K',
  type,
  required: false,
  maxLength: null,
  min: null,
  max: null,
  integer: false,
  options: null,
  position: 0,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
});

describe('a custom field typed into its box', () => {
  it('clears the value when emptied, and trims text', () => {
    expect(parseFieldInput(field('text'), '   ')).toBeNull();
    expect(parseFieldInput(field('text'), ' 10045821 ')).toBe('10045821');
  });

  it('sends numbers as numbers, and leaves what is no number for the server to refuse', () => {
    expect(parseFieldInput(field('number'), '42')).toBe(42);
    expect(parseFieldInput(field('number'), '-1.5')).toBe(-1.5);
    expect(parseFieldInput(field('number'), '4x')).toBe('4x');
  });
});

describe('an SLA target on the panel', () => {
  const due = '2026-12-03T14:00:00.000Z';
  it('says when a running target is due, and when a missed one was', () => {
    expect(targetText({ state: 'active', dueAt: due })).toBe(`Due ${formatDateTime(due)}`);
    expect(targetText({ state: 'breached', dueAt: due })).toBe(
      `Missed (was due ${formatDateTime(due)})`,
    );
  });

  it('names a paused, met or dateless target without a time', () => {
    expect(targetText({ state: 'paused', dueAt: null })).toBe('Paused');
    expect(targetText({ state: 'achieved', dueAt: due })).toBe('Met');
    expect(targetText({ state: 'breached', dueAt: null })).toBe('Missed');
  });
});
