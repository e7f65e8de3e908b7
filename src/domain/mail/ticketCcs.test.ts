import { describe, expect, it } from 'vitest';
import { ccsToAdd, isDeskAddress, MAX_TICKET_CCS } from './ticketCcs.js';

const own = ['help@uni.example', 'it@uni.example'];

describe('ticket CCs from a mail', () => {
  it('keeps the copied people, lowercased, once each, in order', () => {
    const cc = ['Ama@Home.example', 'kofi@uni.example', 'ama@home.example'];
    expect(ccsToAdd(cc, { existing: [], exclude: [], own })).toEqual([
      'ama@home.example',
      'kofi@uni.example',
    ]);
  });

  it('leaves out the desk (with its reply tokens), the requester, the sender and existing CCs', () => {
    const cc = ['HELP@uni.example', 'help+4.abc@uni.example', 'yaw@home.example', 'esi@x.example'];
    const ccs = ccsToAdd([...cc, 'old@x.example', 'new@x.example'], {
      existing: ['old@x.example'],
      exclude: ['yaw@home.example', 'esi@x.example'],
      own,
    });
    expect(ccs).toEqual(['new@x.example']);
  });

  it('stops at the maximum and skips what is no address', () => {
    const many = Array.from({ length: 30 }, (_, i) => `p${i}@x.example`);
    expect(ccsToAdd(many, { existing: ['a@x.example'], exclude: [], own })).toHaveLength(
      MAX_TICKET_CCS - 1,
    );
    expect(ccsToAdd(['not an address', '@x'], { existing: [], exclude: [], own })).toEqual([]);
  });

  it('knows the desk’s addresses with or without a token, and no others', () => {
    expect(isDeskAddress('It+9.ff@UNI.example', own)).toBe(true);
    expect(isDeskAddress('help@other.example', own)).toBe(false);
    expect(isDeskAddress('helpdesk@uni.example', own)).toBe(false);
  });
});
