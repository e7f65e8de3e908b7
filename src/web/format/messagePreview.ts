// A message in a line, for a notification: its text, cut to length, or what it carries when it
// has no caption ("Sent an image", "Sent 2 files").
import type { Message } from '../../shared/api.js';

export const PREVIEW_LENGTH = 140;

export function messagePreview(message: Pick<Message, 'text' | 'files'>): string {
  const text = message.text;
  if (text === '' && message.files?.length) {
    const count = message.files.length;
    const images = message.files.every((file) => file.kind === 'image');
    if (count > 1) return `Sent ${count} ${images ? 'images' : 'files'}`;
    return `Sent ${images ? 'an image' : 'a file'}: ${message.files[0]!.name}`;
  }
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}
