// The mail `switchboard mail-test --to` sends, to show that mail leaves and arrives.
import { renderMail } from '../../../domain/mail/mailLayout.js';
import type { TemplateMail } from './accountMails.js';

export function testMail(desk: { deskName: string }, props: { server: string }): TemplateMail {
  return {
    subject: `${desk.deskName}: test mail`,
    content: renderMail({
      deskName: desk.deskName,
      heading: 'Mail works',
      paragraphs: [
        `This is a test from ${desk.deskName}, sent through ${props.server} by "switchboard mail-test".`,
        'Nothing to do: if you read this, the mail settings are right.',
      ],
    }),
  };
}
