// The one layout every mail Switchboard writes shares: an HTML part and a plain-text part of the
// same words. The HTML is a single column with inline styles (mail programs drop style sheets,
// phones are narrow), and every value is given as plain text and escaped here, so nothing a
// person typed (a name, a subject) can become markup in someone's inbox.

/** Text made safe to put between HTML tags or inside a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface MailContent {
  /** The deployment's name (DESK_NAME), at the top and in the footer. */
  deskName: string;
  heading: string;
  /** Plain-text paragraphs, in order. */
  paragraphs: readonly string[];
  /** One button (a link in the text part), e.g. "Choose a new password". */
  action?: { label: string; url: string } | undefined;
  /** Small print under the message: why it came, how to stop it. */
  footer?: readonly string[] | undefined;
}

export interface RenderedMail {
  html: string;
  text: string;
}

/** Only http(s) links become buttons: a `javascript:` URL in a mail would be a trap. */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function renderMail(content: MailContent): RenderedMail {
  const url = content.action ? safeUrl(content.action.url) : null;
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2933">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const button =
    url && content.action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#2456c9;color:#ffffff;font-size:16px;font-weight:600;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
        paragraph(`If the button does not work, open this address: ${url}`)
      : '';
  const footer = (content.footer ?? [])
    .map(
      (line) =>
        `<p style="margin:0 0 8px;font-size:13px;line-height:1.4;color:#616e7c">${escapeHtml(line)}</p>`,
    )
    .join('');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;${FONT}">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-size:14px;font-weight:600;color:#52606d">${escapeHtml(content.deskName)}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px 20px">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:#1f2933">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map(paragraph).join('\n')}
${button}
</div>
<div style="padding:16px 4px">${footer}</div>
</div>
</body></html>
`;
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(url && content.action ? [`${content.action.label}: ${url}`, ''] : []),
    '-- ',
    content.deskName,
    ...(content.footer ?? []),
    '',
  ].join('\n');
  return { html, text };
}
