import { describe, expect, it } from 'vitest';
import {
  formatTicketNumber,
  MAX_TICKET_NUMBER,
  parseSubjectTag,
  parseTicketNumber,
  withSubjectTag,
} from './ticketNumber.js';

describe('ticket numbers', () => {
  it('formats a number with a hash', () => {
    expect(formatTicketNumber(1042)).toBe('#1042');
    expect(formatTicketNumber(1)).toBe('#1');
  });

  it('refuses to format what is not a positive whole number', () => {
    for (const n of [0, -1, 1.5, Number.NaN, MAX_TICKET_NUMBER + 1]) {
      expect(() => formatTicketNumber(n)).toThrow(RangeError);
    }
  });

  it('parses with or without the hash, ignoring surrounding spaces', () => {
    expect(parseTicketNumber('#1042')).toBe(1042);
    expect(parseTicketNumber('1042')).toBe(1042);
    expect(parseTicketNumber('  #1042 ')).toBe(1042);
    expect(parseTicketNumber(`#${MAX_TICKET_NUMBER}`)).toBe(MAX_TICKET_NUMBER);
  });

  it.each([
    '',
    '#',
    '#0',
    '#01042',
    '#12a',
    '-3',
    '# 12',
    '##12',
    '1e3',
    '#1042.5',
    '#1234567890123',
  ])('does not read %j as a ticket number', (text) => {
    expect(parseTicketNumber(text)).toBeNull();
  });

  it('round-trips', () => {
    for (const n of [1, 9, 10, 1042, 99999]) {
      expect(parseTicketNumber(formatTicketNumber(n))).toBe(n);
    }
  });
});

describe('subject tags', () => {
  it('finds the tag anywhere in a subject', () => {
    expect(parseSubjectTag('[#1042] Printer jammed')).toBe(1042);
    expect(parseSubjectTag('Re: Fwd: [#1042] Printer jammed')).toBe(1042);
    expect(parseSubjectTag('Printer jammed [#7]')).toBe(7);
  });

  it('takes the first of several tags', () => {
    expect(parseSubjectTag('[#12] about [#34]')).toBe(12);
  });

  it.each([
    'Printer jammed',
    '#1042 without brackets',
    '[1042]',
    '[#]',
    '[#0]',
    '[# 1042]',
    '[#12a]',
  ])('finds no tag in %j', (subject) => {
    expect(parseSubjectTag(subject)).toBeNull();
  });

  it('adds the tag once', () => {
    expect(withSubjectTag('Printer jammed', 1042)).toBe('[#1042] Printer jammed');
    expect(withSubjectTag('Re: [#1042] Printer jammed', 1042)).toBe('Re: [#1042] Printer jammed');
    expect(withSubjectTag('[#7] Old', 1042)).toBe('[#1042] [#7] Old');
  });
});
