// What a failure to hand a mail to the SMTP server means: whether trying again can help, and
// what went wrong in words an administrator can act on (switchboard mail-test, the failed mail
// page). Works on the fields nodemailer sets on its errors, without importing it.

/** The parts of a sending error this module reads (nodemailer's NodemailerError has them). */
export interface SmtpFailure {
  message: string;
  /** nodemailer's code (EDNS, ESOCKET, ETLS, EAUTH…) or Node's (ECONNREFUSED…). */
  code?: string | undefined;
  /** The code before nodemailer set its own, e.g. ECONNREFUSED under ESOCKET. */
  originalCode?: string | undefined;
  /** The SMTP reply code, when the server answered. */
  responseCode?: number | undefined;
  /** The server's reply, as it said it. */
  response?: string | undefined;
}

/**
 * RFC 5321: a 5yz reply refuses for good, a 4yz one for now. 503 (bad sequence of commands)
 * says the session was in the wrong state, not that the mail is unwanted, so it may pass on a
 * new connection. Anything without a reply (a connection that failed) is worth another try.
 */
export function isPermanentFailure(failure: Pick<SmtpFailure, 'responseCode'>): boolean {
  const code = failure.responseCode;
  return code !== undefined && code >= 500 && code < 600 && code !== 503;
}

const codes = (failure: SmtpFailure) => [failure.code, failure.originalCode];

/** One sentence on what went wrong and what to look at, for a person setting mail up. */
export function describeSmtpFailure(failure: SmtpFailure, server: string): string {
  const has = (...wanted: string[]) => codes(failure).some((c) => c && wanted.includes(c));
  if (has('EDNS', 'ENOTFOUND', 'EAI_AGAIN'))
    return `The name of the mail server ${server} could not be found (DNS): check the host in SMTP_URL.`;
  if (has('ECONNREFUSED'))
    return `The mail server ${server} refused the connection: nothing listens on that port, or a firewall says no. Check the host and port in SMTP_URL.`;
  if (has('ETIMEDOUT', 'ECONNRESET') || (has('ECONNECTION') && !failure.responseCode))
    return `The mail server ${server} did not answer in time or dropped the connection: check the host and port in SMTP_URL, and that the network lets this machine reach it.`;
  if (has('ETLS') || /certificate|ssl|tls|wrong version number/i.test(failure.message))
    return `The secure (TLS) connection to ${server} failed: ${failure.message}. Use smtps:// for port 465 and smtp:// (STARTTLS) for 587; a server whose certificate this machine does not trust (self-signed, expired) needs a proper certificate, or SMTP_TLS_REJECT_UNAUTHORIZED=false.`;
  if (has('EAUTH', 'ENOAUTH') || failure.responseCode === 535 || failure.responseCode === 534)
    return `The mail server ${server} refused the user name or password in SMTP_URL${replyOf(failure)}.`;
  if (failure.responseCode !== undefined)
    return `The mail server ${server} answered ${failure.responseCode}${replyOf(failure)}${
      isPermanentFailure(failure) ? ' (a permanent refusal)' : ' (try again later)'
    }.`;
  return `Sending through ${server} failed: ${failure.message}`;
}

const replyOf = (failure: SmtpFailure) =>
  failure.response ? `: "${failure.response.slice(0, 200)}"` : '';
