import { describe, expect, it } from 'vitest';
import { handoverBlock, handoverBlockReason, loadLabel, type HandoverFacts } from './handover.js';

const agent = (facts: Partial<HandoverFacts> = {}): HandoverFacts => ({
  status: 'online',
  connected: true,
  openChats: 1,
  maxConcurrentChats: 2,
  ...facts,
});

describe('handoverBlock', () => {
  it('lets a connected agent with room receive a chat, whatever their status but offline', () => {
    for (const status of ['online', 'busy', 'away'] as const) {
      expect(handoverBlock(agent({ status }), false)).toBeNull();
    }
  });

  it('refuses an offline agent, connected or not', () => {
    expect(handoverBlock(agent({ status: 'offline' }), false)).toBe('offline');
    expect(handoverBlock(agent({ status: 'offline', connected: false }), true)).toBe('offline');
  });

  it('refuses an agent no node holds a socket of, who would not see the chat arrive', () => {
    expect(handoverBlock(agent({ connected: false }), false)).toBe('not_connected');
    expect(handoverBlock(agent({ connected: false, openChats: 2 }), false)).toBe('not_connected');
  });

  it('refuses a full agent unless the deployment allows going over capacity', () => {
    expect(handoverBlock(agent({ openChats: 2 }), false)).toBe('full');
    expect(handoverBlock(agent({ openChats: 3 }), false)).toBe('full');
    expect(handoverBlock(agent({ openChats: 2 }), true)).toBeNull();
  });
});

describe('loadLabel', () => {
  it('counts open chats against the max, and says Full when there is no room', () => {
    expect(loadLabel(agent({ openChats: 0 }))).toBe('0 of 2 chats');
    expect(loadLabel(agent({ openChats: 1 }))).toBe('1 of 2 chats');
    expect(loadLabel(agent({ openChats: 2 }))).toBe('Full: 2 of 2 chats');
    expect(loadLabel(agent({ openChats: 3 }))).toBe('Full: 3 of 2 chats');
  });
});

describe('handoverBlockReason', () => {
  it('names each reason in the words the picker shows', () => {
    expect(handoverBlockReason('offline', agent())).toBe('Offline');
    expect(handoverBlockReason('not_connected', agent())).toBe('Not connected');
    expect(handoverBlockReason('full', agent({ openChats: 2 }))).toBe('Full: 2 of 2 chats');
  });
});
