// The new part of a reply: what the writer typed, without the history their mail client quoted
// below it, their signature or their phone's footer. The thread shows this; the original mail is
// kept beside it for the agent who needs the rest.

/** The first line of a quoted history, as clients write it (English, German, French, Spanish…). */
const ATTRIBUTION_ONE_LINE = [
  /^On .{1,300}wrote:\s*$/,
  /^Am .{1,300}schrieb.{0,200}:\s*$/,
  /^Le .{1,300}a écrit\s*:\s*$/,
  /^El .{1,300}escribió:\s*$/,
  /^Op .{1,300}schreef.{0,200}:\s*$/,
];
/** Gmail wraps a long attribution over two lines: `On Mon, 5 Jan 2026, Ama` / `<a@b> wrote:`. */
const ATTRIBUTION_START = /^(On|Am|Le|El|Op) \S/;
const ATTRIBUTION_END = /(wrote|schrieb|a écrit|escribió|schreef)\s*:\s*$/;

/** Outlook's separators before the quoted mail's headers. */
const OUTLOOK_SEPARATOR =
  /^(-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}|_{10,})\s*$/i;
/** Outlook's quoted header block: `From: …` then `Sent:` or `Date:` within the next lines. */
const OUTLOOK_FROM = /^\*?(From|Von|De)\s*:\*?\s/;
const OUTLOOK_SENT = /^\*?(Sent|Date|Gesendet|Datum|Envoyé)\s*:\*?\s/;

/** The signature separator (RFC 3676 says `-- `; many clients trim the space). */
const SIGNATURE = /^-- ?$/;

/** What phones and webmail add under a mail. */
const FOOTERS = [
  /^Sent from my (iPhone|iPad|Android|Samsung|mobile|phone|Galaxy|BlackBerry|Huawei|Xiaomi)\b.*$/i,
  /^Sent from (Mail|Outlook) for (Windows|iOS|Android|Mac)\b.*$/i,
  /^Sent from (Yahoo Mail|Proton Mail|ProtonMail|Outlook|my Samsung Galaxy smartphone)\b.*$/i,
  /^Get Outlook for (iOS|Android)\b.*$/i,
  /^Sent via .{1,60}$/i,
  /^Von meinem (iPhone|iPad|Smartphone|Samsung|Android)\b.*gesendet\.?$/i,
  /^Envoyé de mon (iPhone|iPad|smartphone|appareil)\b.*$/i,
  /^Enviado desde mi (iPhone|iPad|smartphone|Android)\b.*$/i,
];

export interface ReplyText {
  /** What the writer wrote. */
  body: string;
  /** True when something was cut (the original has more). */
  stripped: boolean;
}

/**
 * The reply without its quoted history, signature and footer. Quoted lines (`>`) in the middle,
 * between the writer's own, are kept: they are the question each part answers. A mail that is
 * nothing but a quote keeps its text, since an empty message would lose it.
 */
export function replyText(text: string): ReplyText {
  const original = text.replace(/\r\n?/g, '\n');
  const lines = original.split('\n');
  let end = historyStart(lines);
  // The signature and footers, looked for in what is left.
  for (let i = 0; i < end; i++) {
    if (SIGNATURE.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  while (
    end > 0 &&
    (isBlank(lines[end - 1]!) || isQuoted(lines[end - 1]!) || isFooter(lines[end - 1]!))
  ) {
    end--;
  }
  const body = lines.slice(0, end).join('\n').trim();
  if (body === '') return { body: original.trim(), stripped: false };
  return { body, stripped: body !== original.trim() };
}

/** Where the quoted history starts: its attribution line, or Outlook's header block. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (ATTRIBUTION_ONE_LINE.some((pattern) => pattern.test(line))) return i;
    if (ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(lines[i + 1]?.trim() ?? '')) return i;
    if (OUTLOOK_SEPARATOR.test(line)) return i;
    if (
      OUTLOOK_FROM.test(line) &&
      lines.slice(i + 1, i + 4).some((next) => OUTLOOK_SENT.test(next.trim()))
    ) {
      return i;
    }
  }
  return lines.length;
}

const isBlank = (line: string) => line.trim() === '';
const isQuoted = (line: string) => line.trimStart().startsWith('>');
const isFooter = (line: string) => FOOTERS.some((pattern) => pattern.test(line.trim()));
