// What the thread says of a mail's attachments that were not kept (the files that were kept
// show as the message's files): how many, each one's name and why, so the requester and the
// desk both know; the original mail still holds them, for agents. It stays short whatever the
// mail holds: names cleaned and cut as an upload's are, ten of them at most.
import { sanitizeFileName } from '../files/fileNames.js';

const LISTED = 10;

export interface DroppedAttachment {
  name: string;
  /** Why, as the upload rules say it (`A file may be at most 10 MiB`). */
  reason: string;
}

/** The lines appended to the message's text; '' when every attachment was kept. */
export function droppedAttachmentsNotice(dropped: readonly DroppedAttachment[]): string {
  if (dropped.length === 0) return '';
  const head =
    dropped.length === 1
      ? '1 attachment was not kept:'
      : `${dropped.length} attachments were not kept:`;
  const lines = dropped
    .slice(0, LISTED)
    .map((entry) => `- ${sanitizeFileName(entry.name)}: ${trimmed(entry.reason).slice(0, 200)}`);
  if (dropped.length > LISTED) lines.push(`- and ${dropped.length - LISTED} more`);
  return `[${[head, ...lines].join('\n')}]`;
}

const trimmed = (reason: string) => reason.replace(/[.\s]+$/, '');
