// A request's subject and message, as New request and the offline form ask for them: the same
// labels, limits and error placement on both. `onPaste` lets New request take pasted files.
import { LIMITS } from '../../shared/vocabulary.js';
import { Field, TextField } from './Field.js';

export function RequestFields(props: {
  subject: string;
  onSubject: (subject: string) => void;
  message: string;
  onMessage: (message: string) => void;
  fieldError: (field: 'subject' | 'message') => string | null;
  rows: number;
  onPaste?: (event: ClipboardEvent) => void;
}) {
  return (
    <>
      <TextField
        label="Subject"
        error={props.fieldError('subject')}
        name="subject"
        required
        maxLength={LIMITS.subject}
        value={props.subject}
        onValue={props.onSubject}
      />
      <Field label="Your message" error={props.fieldError('message')}>
        {(control) => (
          <textarea
            {...control}
            class="input textarea"
            name="message"
            required
            rows={props.rows}
            maxLength={LIMITS.ticketMessage}
            value={props.message}
            onInput={(e) => props.onMessage(e.currentTarget.value)}
            onPaste={props.onPaste}
          />
        )}
      </Field>
    </>
  );
}
