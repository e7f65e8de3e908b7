import { describe, expect, it } from 'vitest';
import type { FileAttachment } from '../../shared/api.js';
import { messagePreview, PREVIEW_LENGTH } from './messagePreview.js';

const file = (kind: 'image' | 'file', name: string) => ({ kind, name }) as FileAttachment;

describe('message preview', () => {
  it('is the text, cut to length', () => {
    expect(messagePreview({ text: 'Hello' })).toBe('Hello');
    expect(messagePreview({ text: 'a'.repeat(200) })).toBe(`${'a'.repeat(PREVIEW_LENGTH)}…`);
  });

  it('says what a message without a caption carries', () => {
    expect(messagePreview({ text: '', files: [file('image', 'image.png')] })).toBe(
      'Sent an image: image.png',
    );
    expect(messagePreview({ text: '', files: [file('file', 'form.pdf')] })).toBe(
      'Sent a file: form.pdf',
    );
    expect(
      messagePreview({ text: '', files: [file('image', 'a.png'), file('image', 'b.png')] }),
    ).toBe('Sent 2 images');
    expect(messagePreview({ text: 'See these', files: [file('file', 'a.pdf')] })).toBe('See these');
  });
});
