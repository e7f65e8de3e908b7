import { describe, expect, it } from 'vitest';
import { droppedAttachmentsNotice } from './mailAttachments.js';

describe('the notice of attachments not kept', () => {
  it('says nothing when every attachment was kept', () => {
    expect(droppedAttachmentsNotice([])).toBe('');
  });

  it('names one attachment and why', () => {
    expect(
      droppedAttachmentsNotice([{ name: 'scan.tiff', reason: 'A file may be at most 10 MiB.' }]),
    ).toBe('[1 attachment was not kept:\n- scan.tiff: A file may be at most 10 MiB]');
  });

  it('counts several', () => {
    const notice = droppedAttachmentsNotice([
      { name: 'a.exe', reason: 'Not accepted' },
      { name: 'b.exe', reason: 'Not accepted' },
    ]);
    expect(notice.split('\n')[0]).toBe('[2 attachments were not kept:');
    expect(notice).toContain('- b.exe: Not accepted]');
  });

  it('lists ten and counts the rest', () => {
    const dropped = Array.from({ length: 25 }, (_, i) => ({ name: `f${i}.exe`, reason: 'No' }));
    const notice = droppedAttachmentsNotice(dropped);
    expect(notice.split('\n')).toHaveLength(12);
    expect(notice).toContain('- and 15 more]');
  });
});
