import { describe, expect, it } from 'vitest';
import { renderTranscript, transcriptTime, type Transcript } from './chatTranscript.js';

const at = (time: string) => Date.parse(`2026-03-04T${time}:00Z`);

const chat: Transcript = {
  deskName: 'Campus Help',
  subject: 'Wi-Fi <down>',
  customerName: 'Ama',
  startedAt: at('14:00'),
  endedAt: at('14:30'),
  lines: [
    {
      at: at('14:00'),
      type: 'text',
      senderName: 'Ama',
      text: 'My laptop <b>will not</b> connect',
      fileNames: [],
    },
    {
      at: at('14:01'),
      type: 'system',
      senderName: null,
      text: 'Esi joined the chat',
      fileNames: [],
    },
    { at: at('14:02'), type: 'image', senderName: 'Ama', text: '', fileNames: ['screen.png'] },
    { at: at('14:03'), type: 'note', senderName: 'Esi', text: 'Known outage', fileNames: [] },
    { at: at('14:04'), type: 'text', senderName: 'Esi', text: 'Try again\nnow', fileNames: [] },
  ],
  footer: ['You asked for this transcript.'],
};

describe('chat transcripts', () => {
  it('writes times in UTC and says so', () => {
    expect(transcriptTime(at('09:05'))).toBe('2026-03-04 09:05 UTC');
  });

  it('lists every line in order with its sender and time, files by name', () => {
    const { text } = renderTranscript(chat);
    expect(text).toContain('Chat with Ama: Wi-Fi <down>');
    expect(text).toContain('Started 2026-03-04 14:00 UTC, ended 2026-03-04 14:30 UTC');
    const ama = text.indexOf('[2026-03-04 14:00 UTC] Ama: My laptop');
    const joined = text.indexOf('[2026-03-04 14:01 UTC] -- Esi joined the chat --');
    const file = text.indexOf('[2026-03-04 14:02 UTC] Ama: [Files: screen.png]');
    expect(ama).toBeGreaterThanOrEqual(0);
    expect(joined).toBeGreaterThan(ama);
    expect(file).toBeGreaterThan(joined);
    expect(text).toContain('Esi: Try again\n    now');
    expect(text).toContain('You asked for this transcript.');
  });

  it("marks a note it is given as internal (the desk's own download)", () => {
    const { text, html } = renderTranscript(chat);
    expect(text).toContain('Esi (internal note): Known outage');
    expect(html).toContain('Esi (internal note)');
  });

  it('escapes everything a person typed in the HTML', () => {
    const { html } = renderTranscript(chat);
    expect(html).not.toContain('<b>will not</b>');
    expect(html).toContain('&lt;b&gt;will not&lt;/b&gt;');
    expect(html).toContain('Wi-Fi &lt;down&gt;');
    expect(html).toContain('Try again<br>now');
  });

  it('says when there is nothing to show, and when the chat is still going', () => {
    const { text } = renderTranscript({ ...chat, endedAt: null, lines: [] });
    expect(text).toContain('(no messages)');
    expect(text).toContain('still going');
  });
});
