import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/vocabulary.js';
import { ccProblem } from './TicketCcsSection.js';

describe('a CC to add', () => {
  it('must be a new address other than the requester’s, within the limit', () => {
    expect(ccProblem('', [])).toBeNull();
    expect(ccProblem('parent@home.example', [])).toBeNull();
    expect(ccProblem('parent', [])).toMatch(/not an email/);
    expect(ccProblem('Parent@Home.example', ['parent@home.example'])).toMatch(/already/);
    expect(ccProblem('yaw@uni.example', [], 'Yaw@uni.example')).toMatch(/requester/);
    const full = Array.from({ length: LIMITS.ticketCcs }, (_, i) => `p${i}@x.example`);
    expect(ccProblem('one@more.example', full)).toMatch(/at most/);
  });
});
