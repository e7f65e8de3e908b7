import { describe, expect, it } from 'vitest';
import { domainOf, makeMessageId, threadHeaders } from './messageHeaders.js';

describe('message headers', () => {
  it('finds the domain of a bare or named address', () => {
    expect(domainOf('help@Example.EDU')).toBe('example.edu');
    expect(domainOf('Help desk <help@example.edu>')).toBe('example.edu');
    expect(domainOf('nobody')).toBeNull();
  });

  it('makes a Message-ID of our domain from the mail id', () => {
    expect(makeMessageId('0192-abc', 'example.edu')).toBe('<0192-abc@example.edu>');
  });

  it('puts the parent last in References and trims a long thread to its first and latest', () => {
    expect(threadHeaders({})).toEqual({});
    expect(threadHeaders({ inReplyTo: '<b@x>', references: ['<a@x>'] })).toEqual({
      'In-Reply-To': '<b@x>',
      References: '<a@x> <b@x>',
    });
    const long = Array.from({ length: 30 }, (_, i) => `<${i}@x>`);
    const refs = threadHeaders({ inReplyTo: '<29@x>', references: long }).References!.split(' ');
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<0@x>');
    expect(refs.at(-1)).toBe('<29@x>');
  });
});
