// The words of the mails about tickets: to the requester (their ticket arrived, the desk's
// answer, the ticket solved) and to agents (a new ticket, one given to them, a mention, an SLA
// alert). Layout and escaping are domain/mail/mailLayout.ts's; the `[#N]` tag is added by the
// sender (ticketMailParts.ts), so a subject here is the ticket's own.
import { renderMail } from '../../../domain/mail/mailLayout.js';
import { formatTicketNumber } from '../../../domain/tickets/ticketNumber.js';
import type { TemplateMail } from '../templates/accountMails.js';

interface Desk {
  deskName: string;
}

export interface TicketRef {
  number: number;
  subject: string;
  /** Where the recipient reads it: /requests/N for the requester, /tickets/N for the desk. */
  url: string;
}

const REPLY_FOOTER = 'Reply to this mail to add to your request.';

export function ticketReceivedMail(
  desk: Desk,
  props: { name: string; ticket: TicketRef; byMail: boolean },
): TemplateMail {
  const ref = formatTicketNumber(props.ticket.number);
  return {
    subject: props.ticket.subject,
    content: renderMail({
      deskName: desk.deskName,
      heading: `We received your request ${ref}`,
      paragraphs: [
        `Hello ${props.name},`,
        `Thank you for writing to ${desk.deskName}. Your request “${props.ticket.subject}” is ${ref}; someone will answer you here.`,
      ],
      action: { label: 'See your request', url: props.ticket.url },
      footer: [props.byMail ? REPLY_FOOTER : 'You can add to it on its page, or by replying.'],
    }),
  };
}

export function ticketReplyMail(
  desk: Desk,
  props: { name: string; agentName: string; body: string; ticket: TicketRef; solved: boolean },
): TemplateMail {
  return {
    subject: props.ticket.subject,
    content: renderMail({
      deskName: desk.deskName,
      heading: `${props.agentName} answered your request`,
      paragraphs: [
        props.body,
        ...(props.solved
          ? ['We have marked your request solved. If it is not, reply and it opens again.']
          : []),
      ],
      action: { label: 'See your request', url: props.ticket.url },
      footer: [REPLY_FOOTER],
    }),
  };
}

export function ticketSolvedMail(
  desk: Desk,
  props: { name: string; ticket: TicketRef },
): TemplateMail {
  return {
    subject: props.ticket.subject,
    content: renderMail({
      deskName: desk.deskName,
      heading: `Your request ${formatTicketNumber(props.ticket.number)} is solved`,
      paragraphs: [
        `Hello ${props.name},`,
        `We have marked your request “${props.ticket.subject}” solved. If it is not, reply to this mail and it opens again.`,
      ],
      action: { label: 'See your request', url: props.ticket.url },
    }),
  };
}

/** The survey of a solved ticket: one link, no sign-in, answerable once within `days`. */
export function ticketSurveyMail(
  desk: Desk,
  props: { name: string; ticket: TicketRef; surveyUrl: string; days: number },
): TemplateMail {
  return {
    subject: props.ticket.subject,
    content: renderMail({
      deskName: desk.deskName,
      heading: `How did we do with ${formatTicketNumber(props.ticket.number)}?`,
      paragraphs: [
        `Hello ${props.name},`,
        `Your request “${props.ticket.subject}” is solved. Tell us in one click how well ${desk.deskName} helped you: a rating from 1 to 5, and a comment if you like.`,
      ],
      action: { label: 'Rate our help', url: props.surveyUrl },
      footer: [`The link works once, for ${props.days} days; it needs no sign-in.`],
    }),
  };
}

export function ticketMergedMail(
  desk: Desk,
  props: { name: string; ticket: TicketRef; into: TicketRef },
): TemplateMail {
  const from = formatTicketNumber(props.ticket.number);
  const into = formatTicketNumber(props.into.number);
  return {
    subject: props.ticket.subject,
    content: renderMail({
      deskName: desk.deskName,
      heading: `Your request ${from} was merged into ${into}`,
      paragraphs: [
        `Hello ${props.name},`,
        `Your request “${props.ticket.subject}” is about the same as your request “${props.into.subject}”, so we continue the conversation in ${into}. What you wrote in ${from} is there too.`,
      ],
      action: { label: `See ${into}`, url: props.into.url },
      footer: [`A reply to this mail is added to ${into}.`],
    }),
  };
}

/** A notice to an agent: what happened, the ticket's link, how to turn such mail off. */
export function agentNoticeMail(
  desk: Desk,
  props: {
    heading: string;
    paragraphs: readonly string[];
    ticket: TicketRef;
    settingsUrl: string;
    /** The notice's Reply-To is the ticket's note address (inbound mail is set up). */
    notesByMail: boolean;
  },
): TemplateMail {
  return {
    subject: props.ticket.subject,
    content: renderMail({
      deskName: desk.deskName,
      heading: props.heading,
      paragraphs: props.paragraphs,
      action: { label: `Open ${formatTicketNumber(props.ticket.number)}`, url: props.ticket.url },
      footer: [
        props.notesByMail
          ? 'A reply to this mail is added to the ticket as an internal note (never sent to the requester); answer the requester on the ticket’s page.'
          : 'Answer on the ticket’s page: a reply to this mail would reach the desk as a new request.',
        `You get this mail as an agent of ${desk.deskName}. Choose which of these mails you get: ${props.settingsUrl}`,
      ],
    }),
  };
}
