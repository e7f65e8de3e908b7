// The mails about a person's account: a password reset link, a link to verify a new address,
// and the notice to the old address that it changed. Small on purpose: the words live here,
// the layout (and the escaping of every value) in domain/mail/mailLayout.ts.
import { renderMail, type RenderedMail } from '../../../domain/mail/mailLayout.js';

export interface TemplateMail {
  subject: string;
  content: RenderedMail;
}

interface Desk {
  deskName: string;
}

export function passwordResetMail(
  desk: Desk,
  props: { name: string; url: string; validMinutes: number },
): TemplateMail {
  return {
    subject: `Reset your ${desk.deskName} password`,
    content: renderMail({
      deskName: desk.deskName,
      heading: 'Reset your password',
      paragraphs: [
        `Hello ${props.name},`,
        `Someone (we hope you) asked to reset the password of your ${desk.deskName} account. The link works once, for ${props.validMinutes} minutes.`,
      ],
      action: { label: 'Choose a new password', url: props.url },
      footer: [
        'If you did not ask, ignore this mail: your password stays as it is.',
        'This mail was sent automatically; replies are not read.',
      ],
    }),
  };
}

export function emailVerificationMail(
  desk: Desk,
  props: { name: string; url: string; validMinutes: number },
): TemplateMail {
  return {
    subject: `Confirm your new ${desk.deskName} address`,
    content: renderMail({
      deskName: desk.deskName,
      heading: 'Confirm your new address',
      paragraphs: [
        `Hello ${props.name},`,
        `Your ${desk.deskName} account is to use this address from now on. It takes effect once you confirm it, within ${props.validMinutes} minutes.`,
      ],
      action: { label: 'Confirm this address', url: props.url },
      footer: ['If you did not ask for this, ignore this mail: nothing changes.'],
    }),
  };
}

/** The link that finishes a customer's own sign-up (CUSTOMER_SIGN_UP=verification). */
export function signUpVerificationMail(
  desk: Desk,
  props: { name: string; url: string; validMinutes: number },
): TemplateMail {
  return {
    subject: `Confirm your ${desk.deskName} account`,
    content: renderMail({
      deskName: desk.deskName,
      heading: 'Confirm your address',
      paragraphs: [
        `Hello ${props.name},`,
        `Someone, we hope you, made a ${desk.deskName} account with this address. You can sign in once you confirm it, within ${props.validMinutes} minutes.`,
      ],
      action: { label: 'Confirm this address', url: props.url },
      footer: ['If you did not ask for this, ignore this mail: no account uses this address.'],
    }),
  };
}

export function emailChangedMail(
  desk: Desk,
  props: { name: string; newEmail: string },
): TemplateMail {
  return {
    subject: `Your ${desk.deskName} address was changed`,
    content: renderMail({
      deskName: desk.deskName,
      heading: 'Your address was changed',
      paragraphs: [
        `Hello ${props.name},`,
        `Your ${desk.deskName} account now uses ${props.newEmail}. Mail about it goes there from now on.`,
        'If you did not make this change, contact your help desk at once.',
      ],
    }),
  };
}
