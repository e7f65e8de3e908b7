import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, nextStatus } from './sessionLifecycle.js';

describe('session lifecycle', () => {
  it('moves waiting → active on assignment and → ended on end', () => {
    expect(nextStatus('waiting', 'assign')).toBe('active');
    expect(nextStatus('active', 'end')).toBe('ended');
    expect(nextStatus('waiting', 'end')).toBe('ended');
    expect(nextStatus('active', 'transfer')).toBe('active');
  });

  it('reports a second assignment as already assigned', () => {
    expect(() => assertTransition('active', 'assign')).toThrow(
      expect.objectContaining({ code: 'SESSION_ALREADY_ASSIGNED' }),
    );
  });

  it('refuses everything but rating and tagging once ended', () => {
    for (const action of [
      'assign',
      'transfer',
      'end',
      'customerMessage',
      'agentMessage',
    ] as const) {
      expect(() => assertTransition('ended', action)).toThrow(
        expect.objectContaining({ code: 'SESSION_ENDED' }),
      );
    }
    expect(canTransition('ended', 'rate')).toBe(true);
    expect(canTransition('ended', 'tag')).toBe(true);
  });

  it('lets the customer write while waiting but not the agent', () => {
    expect(canTransition('waiting', 'customerMessage')).toBe(true);
    expect(() => assertTransition('waiting', 'agentMessage')).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_ACTIVE' }),
    );
  });

  it('rates only ended chats', () => {
    expect(() => assertTransition('active', 'rate')).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_ENDED' }),
    );
  });
});
