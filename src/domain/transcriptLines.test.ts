import { describe, expect, it } from 'vitest';
import {
  assignmentLine,
  backInQueueLine,
  beingTransferredLine,
  offerEndedLine,
  offerLine,
  stillWithYouLine,
  transferLine,
} from './transcriptLines.js';

const ada = { id: 'ada', name: 'Ada' };
const kofi = { id: 'kofi', name: 'Kofi' };
const esi = { id: 'esi', name: 'Esi' };
const finance = { id: 'finance', name: 'Finance' };

describe('transferLine', () => {
  it('says an agent handed on their own chat', () => {
    expect(transferLine(kofi, esi, kofi)).toBe('Kofi transferred the chat to Esi');
  });

  it('names the super admin who moved a colleague’s chat, and both agents', () => {
    expect(transferLine(kofi, esi, ada)).toBe('Ada moved the chat from Kofi to Esi');
  });

  it('names the team a chat was moved to', () => {
    expect(transferLine(kofi, finance, ada)).toBe('Ada moved the chat from Kofi to Finance');
    expect(transferLine(kofi, finance, kofi)).toBe('Kofi transferred the chat to Finance');
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

describe('the lines of a transfer on its way', () => {
  it('tells the customer where the chat is going', () => {
    expect(beingTransferredLine(finance)).toBe("You're being transferred to Finance");
    expect(beingTransferredLine(esi)).toBe("You're being transferred to Esi");
  });

  it('tells the desk who offered the chat to whom', () => {
    expect(offerLine(kofi, esi, kofi)).toBe('Kofi offered the chat to Esi');
    expect(offerLine(kofi, esi, ada)).toBe('Ada offered the chat from Kofi to Esi');
  });

  it('tells the desk how an offer ended without a transfer', () => {
    expect(offerEndedLine('declined', esi, esi)).toBe('Esi declined the chat');
    expect(offerEndedLine('expired', esi, null)).toBe('Esi did not answer in time');
    expect(offerEndedLine('withdrawn', esi, kofi)).toBe('Kofi withdrew the offer to Esi');
  });

  it('tells the customer who is with them once it did not go through', () => {
    expect(stillWithYouLine(kofi)).toBe('Kofi is still with you');
    expect(backInQueueLine(kofi, 2)).toBe(
      'Kofi is no longer available; you are back in the queue, number 2',
    );
  });
});
