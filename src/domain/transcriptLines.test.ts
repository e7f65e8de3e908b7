import { describe, expect, it } from 'vitest';
import { assignmentLine, transferLine } from './transcriptLines.js';

const ada = { id: 'ada', name: 'Ada' };
const kofi = { id: 'kofi', name: 'Kofi' };
const esi = { id: 'esi', name: 'Esi' };

describe('transferLine', () => {
  it('says an agent handed on their own chat', () => {
    expect(transferLine(kofi, esi, kofi)).toBe('Kofi transferred the chat to Esi');
  });

  it('names the super admin who moved a colleague’s chat, and both agents', () => {
    expect(transferLine(kofi, esi, ada)).toBe('Ada moved the chat from Kofi to Esi');
  });
});

describe('assignmentLine', () => {
  it('says the agent joined when they took the chat or routing gave it to them', () => {
    expect(assignmentLine(esi, esi)).toBe('Esi joined the chat');
    expect(assignmentLine(esi, null)).toBe('Esi joined the chat');
  });

  it('names the super admin who assigned the chat', () => {
    expect(assignmentLine(esi, ada)).toBe('Ada assigned the chat to Esi');
  });
});
