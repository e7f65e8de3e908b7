import { describe, expect, it } from 'vitest';
import {
  isTranscriptZone,
  renderTranscript,
  transcriptTime,
  type Transcript,
} from './chatTranscript.js';

const AT = Date.UTC(2026, 2, 4, 14, 5);

const chat: Transcript = {
  deskName: 'Campus Help',
  subject: 'Library <card>',
  customerName: 'Yaw',
  startedAt: AT,
  endedAt: AT + 600_000,
  lines: [
    { at: AT, type: 'text', senderName: 'Yaw', text: 'Hi <b>there</b>', fileNames: [] },
    { at: AT + 60_000, type: 'system', senderName: null, text: 'Ama joined', fileNames: [] },
    { at: AT + 120_000, type: 'file', senderName: 'Ama', text: '', fileNames: ['form.pdf'] },
  ],
};

describe('chat transcript', () => {
  it('writes times in UTC by default, and in the zone asked for, naming it', () => {
    expect(transcriptTime(AT)).toBe('2026-03-04 14:05 UTC');
    expect(transcriptTime(AT, 'UTC')).toBe('2026-03-04 14:05 UTC');
    expect(transcriptTime(AT, 'Asia/Tokyo')).toBe('2026-03-04 23:05 Asia/Tokyo');
    const { text } = renderTranscript({ ...chat, timeZone: 'Asia/Tokyo' });
    expect(text).toContain(
      'Started 2026-03-04 23:05 Asia/Tokyo, ended 2026-03-04 23:15 Asia/Tokyo',
    );
    expect(text).toContain('[2026-03-04 23:05 Asia/Tokyo] Yaw: Hi <b>there</b>');
  });

  it('knows a zone from a name that is none', () => {
    expect(isTranscriptZone('Africa/Accra')).toBe(true);
    expect(isTranscriptZone('Mars/Olympus')).toBe(false);
  });

  it('escapes everything in the HTML, and writes system lines and files as such', () => {
    const { text, html } = renderTranscript(chat);
    expect(html).not.toContain('<b>there');
    expect(html).toContain('Hi &lt;b&gt;there&lt;/b&gt;');
    expect(html).toContain('Library &lt;card&gt;');
    expect(text).toContain('[2026-03-04 14:06 UTC] -- Ama joined --');
    expect(text).toContain('Ama: [Files: form.pdf]');
  });
});
