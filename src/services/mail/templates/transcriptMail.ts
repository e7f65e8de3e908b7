// The mail that carries a chat's transcript: the transcript itself as both parts (its HTML is
// the same single column as domain/mail/mailLayout.ts, escaped the same way), with a footer
// saying why it came.
import { renderTranscript, type Transcript } from '../../../domain/transcripts/chatTranscript.js';
import type { TemplateMail } from './accountMails.js';

export function transcriptMail(
  transcript: Transcript,
  props: { sentBy: 'customer' | { agentName: string } },
): TemplateMail {
  const why =
    props.sentBy === 'customer'
      ? `You asked ${transcript.deskName} to mail you this transcript.`
      : `${props.sentBy.agentName} of ${transcript.deskName} sent you this transcript of your chat.`;
  return {
    subject: `Your chat with ${transcript.deskName}: ${transcript.subject}`,
    content: renderTranscript({
      ...transcript,
      footer: [why, 'This mail was sent automatically; replies are not read.'],
    }),
  };
}
