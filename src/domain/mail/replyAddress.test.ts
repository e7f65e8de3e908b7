import { describe, expect, it } from 'vitest';
import { parseReplyAddress, replyAddressFor } from './replyAddress.js';

const secret = 'a-mail-secret-that-is-long-enough-0123';
const desk = 'helpdesk@uni.example';

describe('reply addresses', () => {
  it('carries the ticket’s number, signed, after a plus', () => {
    const address = replyAddressFor(desk, 1042, secret);
    expect(address).toMatch(/^helpdesk\+1042\.[0-9a-f]{16}@uni\.example$/);
    expect(parseReplyAddress(address, desk, secret)).toBe(1042);
  });

  it('reads the address back whatever the case of its letters', () => {
    const address = replyAddressFor(desk, 7, secret);
    expect(parseReplyAddress(address.toUpperCase(), desk, secret)).toBe(7);
  });

  it('refuses another number with the same signature, a damaged or missing one', () => {
    const address = replyAddressFor(desk, 1042, secret);
    const signature = address.split('.')[1]!.split('@')[0]!;
    expect(parseReplyAddress(`helpdesk+1043.${signature}@uni.example`, desk, secret)).toBeNull();
    expect(parseReplyAddress(address.replace(/[0-9a-f]@/, 'x@'), desk, secret)).toBeNull();
    expect(parseReplyAddress('helpdesk+1042@uni.example', desk, secret)).toBeNull();
    expect(
      parseReplyAddress(`helpdesk+1042.${signature.slice(1)}@uni.example`, desk, secret),
    ).toBeNull();
  });

  it('refuses a token signed with another secret, or for another desk or domain', () => {
    const address = replyAddressFor(desk, 1042, secret);
    expect(parseReplyAddress(address, desk, `${secret}x`)).toBeNull();
    expect(parseReplyAddress(address, 'it@uni.example', secret)).toBeNull();
    expect(
      parseReplyAddress(address.replace('uni.example', 'evil.example'), desk, secret),
    ).toBeNull();
  });

  it('is not the desk’s plain address', () => {
    expect(parseReplyAddress(desk, desk, secret)).toBeNull();
    expect(parseReplyAddress('not an address', desk, secret)).toBeNull();
  });

  it('refuses what is no ticket number', () => {
    expect(() => replyAddressFor(desk, 0, secret)).toThrow(RangeError);
    expect(() => replyAddressFor('nobody', 1, secret)).toThrow(RangeError);
  });

  it('signs a notice’s note address for notes alone, and a reply address for replies alone', () => {
    const note = replyAddressFor(desk, 1042, secret, 'note');
    expect(note).toMatch(/^helpdesk\+note1042\.[0-9a-f]{16}@uni\.example$/);
    expect(parseReplyAddress(note, desk, secret, 'note')).toBe(1042);
    expect(parseReplyAddress(note, desk, secret)).toBeNull();
    const reply = replyAddressFor(desk, 1042, secret);
    expect(parseReplyAddress(reply, desk, secret, 'note')).toBeNull();
    // The reply's signature under a note's prefix is no note address.
    const forged = reply.replace('+1042.', '+note1042.');
    expect(parseReplyAddress(forged, desk, secret, 'note')).toBeNull();
  });
});
