// "Leave a message": the offline form shown when live chat is not available on the chosen topic
// (closed, or nobody free). It says why, takes a subject and a message (and an address from a
// visitor who has left none) and files a ticket of the topic's team, whose automatic reply says
// when someone will answer. The Live Chat page and the widget both use it.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Ticket } from '../../../shared/ticketsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { TextField } from '../../components/Field.js';
import { RequestFields } from '../../components/RequestFields.js';
import { useSubmission } from '../../hooks/useSubmission.js';

export function OfflineMessageForm({
  topicId,
  notice,
  askEmail = false,
  topicField,
  onLeft,
  onWaitAnyway,
}: {
  topicId: string | undefined;
  /** Why live chat is not available (availabilityMessages.ts). */
  notice: string;
  /** Ask for an address up front (a visitor); it is asked anyway when the server wants one. */
  askEmail?: boolean;
  /** The topic picker, so the customer can try another topic. */
  topicField?: ComponentChildren;
  onLeft: (ticket: Ticket) => void;
  /** When given, a way back to the chat form (only while the team is open). */
  onWaitAnyway?: (() => void) | undefined;
}) {
  const { api } = useServices();
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [email, setEmail] = useState('');
  const { busy, problem, run } = useSubmission(fieldProblem);
  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);
  const showEmail = askEmail || problem?.field === 'email';

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () =>
      onLeft(
        await api.liveChat.leaveMessage({
          subject: subject.trim(),
          message: message.trim(),
          ...(topicId ? { topicId } : {}),
          ...(showEmail && email.trim() ? { email: email.trim() } : {}),
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        }),
      ),
    );
  };

  return (
    <form class="card start-chat stack" onSubmit={submit} aria-labelledby="offline-title">
      <div>
        <h1 class="page-title" id="offline-title">
          Leave a message
        </h1>
        <Alert tone="info">{notice}</Alert>
        <p class="muted">
          Leave us a message and we will answer it on your request’s page as soon as we can.
        </p>
      </div>
      {topicField}
      <RequestFields
        subject={subject}
        onSubject={setSubject}
        message={message}
        onMessage={setMessage}
        fieldError={fieldError}
        rows={4}
      />
      {showEmail && (
        <TextField
          label="Your email"
          hint="Where we can reach you with the answer."
          error={fieldError('email')}
          name="email"
          type="email"
          required
          maxLength={LIMITS.email}
          value={email}
          onValue={setEmail}
        />
      )}
      {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
      <div class="cluster cluster--end">
        {onWaitAnyway && <Button onClick={onWaitAnyway}>Chat instead</Button>}
        <Button
          type="submit"
          variant="primary"
          icon="send"
          busy={busy}
          disabled={!subject.trim() || !message.trim()}
        >
          Leave message
        </Button>
      </div>
    </form>
  );
}
