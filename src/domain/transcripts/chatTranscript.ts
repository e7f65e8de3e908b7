// A chat written out for a person to keep: its messages in order, each with who sent it and
// when, as plain text and as a single-column HTML page (a download, and the body of the mail
// that sends it). Times are in UTC unless the reader asks for their own zone (a download from
// the browser), and always say which: a transcript forwarded across zones must not be read an
// hour off. Every value is escaped here.
// Which lines a reader gets (never a note for the customer) is decided before: the caller
// passes only what domain/eventVisibility.ts lets them see.
import { DateTime } from 'luxon';
import type { MessageType } from '../../shared/vocabulary.js';
import { escapeHtml } from '../mail/mailLayout.js';

export interface TranscriptLine {
  at: number;
  type: MessageType;
  /** Null for the system's lines ("Esi joined the chat"). */
  senderName: string | null;
  text: string;
  /** The names of the files the message carries. */
  fileNames: readonly string[];
}

export interface Transcript {
  deskName: string;
  subject: string;
  customerName: string;
  startedAt: number;
  endedAt: number | null;
  lines: readonly TranscriptLine[];
  /** Small print at the end, e.g. why the mail came. */
  footer?: readonly string[] | undefined;
  /** An IANA zone (`Africa/Accra`) the times are written in; UTC when absent. */
  timeZone?: string | undefined;
}

export interface RenderedTranscript {
  text: string;
  html: string;
}

/** Whether `zone` is an IANA time zone a transcript can be written in. */
export const isTranscriptZone = (zone: string): boolean => DateTime.now().setZone(zone).isValid;

/** "2026-03-04 14:05 UTC", or "2026-03-04 15:05 Europe/Berlin" in that zone. */
export function transcriptTime(ms: number, zone?: string): string {
  const named = zone && zone.toUpperCase() !== 'UTC' ? zone : undefined;
  const time = DateTime.fromMillis(ms, { zone: named ?? 'utc' }).toFormat('yyyy-MM-dd HH:mm');
  return `${time} ${named ?? 'UTC'}`;
}

/** The "Name: text" part of a line: notes are marked, so nobody takes one for a reply. */
function wording(line: TranscriptLine): { who: string; body: string } {
  const files = line.fileNames.length > 0 ? `[Files: ${line.fileNames.join(', ')}]` : '';
  const body = [line.text.trim(), files].filter((part) => part !== '').join('\n');
  if (line.type === 'system' || line.senderName === null) return { who: '', body };
  const who = line.type === 'note' ? `${line.senderName} (internal note)` : line.senderName;
  return { who, body };
}

function heading(transcript: Transcript): string[] {
  const ended =
    transcript.endedAt === null
      ? 'still going'
      : `ended ${transcriptTime(transcript.endedAt, transcript.timeZone)}`;
  return [
    `Chat with ${transcript.customerName}: ${transcript.subject}`,
    `Started ${transcriptTime(transcript.startedAt, transcript.timeZone)}, ${ended}`,
  ];
}

export function renderTranscriptText(transcript: Transcript): string {
  const lines = transcript.lines.map((line) => {
    const { who, body } = wording(line);
    const indented = body.replace(/\n/g, '\n    ');
    return who
      ? `[${transcriptTime(line.at, transcript.timeZone)}] ${who}: ${indented}`
      : `[${transcriptTime(line.at, transcript.timeZone)}] -- ${indented} --`;
  });
  return [
    transcript.deskName,
    ...heading(transcript),
    '',
    ...(lines.length > 0 ? lines : ['(no messages)']),
    '',
    ...(transcript.footer?.length ? ['-- ', ...transcript.footer, ''] : []),
  ].join('\n');
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const html = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

function htmlLine(line: TranscriptLine, zone: string | undefined): string {
  const { who, body } = wording(line);
  const time = `<span style="font-size:12px;color:#616e7c">${escapeHtml(transcriptTime(line.at, zone))}</span>`;
  if (!who)
    return `<p style="margin:0 0 12px;font-size:14px;font-style:italic;color:#52606d">${html(body)} ${time}</p>`;
  const note = line.type === 'note' ? 'background:#fff8e1;padding:8px;border-radius:6px;' : '';
  return (
    `<div style="margin:0 0 12px;${note}">` +
    `<p style="margin:0;font-size:14px;font-weight:600;color:#1f2933">${escapeHtml(who)} ${time}</p>` +
    `<p style="margin:2px 0 0;font-size:16px;line-height:1.5;color:#1f2933">${html(body)}</p></div>`
  );
}

export function renderTranscriptHtml(transcript: Transcript): string {
  const [title, when] = heading(transcript);
  const lines =
    transcript.lines.length > 0
      ? transcript.lines.map((line) => htmlLine(line, transcript.timeZone)).join('\n')
      : '<p style="margin:0;color:#616e7c">(no messages)</p>';
  const footer = (transcript.footer ?? [])
    .map(
      (line) =>
        `<p style="margin:0 0 8px;font-size:13px;line-height:1.4;color:#616e7c">${escapeHtml(line)}</p>`,
    )
    .join('');
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title!)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;${FONT}">
<div style="max-width:640px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-size:14px;font-weight:600;color:#52606d">${escapeHtml(transcript.deskName)}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px 20px">
<h1 style="margin:0 0 4px;font-size:20px;line-height:1.3;color:#1f2933">${escapeHtml(title!)}</h1>
<p style="margin:0 0 20px;font-size:13px;color:#616e7c">${escapeHtml(when!)}</p>
${lines}
</div>
<div style="padding:16px 4px">${footer}</div>
</div>
</body></html>
`;
}

export function renderTranscript(transcript: Transcript): RenderedTranscript {
  return { text: renderTranscriptText(transcript), html: renderTranscriptHtml(transcript) };
}
