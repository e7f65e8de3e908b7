// Customers: "New request": the topic (when the desk offers topics; the default one first), a
// subject and the message. A link's `?topic=<slug>` preselects the topic, as on Start a chat. Filed, it opens on its own page.
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field, TextField } from '../../components/Field.js';
import { TopicField, useTopicChoice } from '../../components/TopicField.js';
import { Icon } from '../../components/Icon.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';
import { ticketHref, ticketNumber } from './ticketLabels.js';

export function NewRequestPage() {
  const { api } = useServices();
  const { query } = useLocation();
  const topic = useTopicChoice(query.get('topic'));
  const { topicId } = topic;
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const { busy, problem, run } = useSubmission(fieldProblem);
  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const ticket = await api.tickets.create({
        subject: subject.trim(),
        message: message.trim(),
        ...(topicId ? { topicId } : {}),
      });
      showToast(`Request ${ticketNumber(ticket)} sent`);
      navigate(ticketHref(ticket, true), { replace: true });
    });
  };

  return (
    <div class="page page--narrow">
      <Link href="/requests" class="back-link">
        <Icon name="arrowLeft" /> Your requests
      </Link>
      <form class="card stack" onSubmit={submit} aria-labelledby="new-request-title">
        <div>
          <h1 class="page-title" id="new-request-title">
            New request
          </h1>
          <p class="muted">
            Tell us what you need. We answer on your request’s page, where you can reply too.
          </p>
        </div>
        <TopicField choice={topic} error={fieldError('topicId')} />
        <TextField
          label="Subject"
          error={fieldError('subject')}
          name="subject"
          required
          maxLength={LIMITS.subject}
          value={subject}
          onValue={setSubject}
        />
        <Field label="Your message" error={fieldError('message')}>
          {(control) => (
            <textarea
              {...control}
              class="input textarea"
              name="message"
              required
              rows={6}
              maxLength={LIMITS.ticketMessage}
              value={message}
              onInput={(e) => setMessage(e.currentTarget.value)}
            />
          )}
        </Field>
        {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
        <div class="cluster cluster--end">
          <Button type="submit" variant="primary" busy={busy} icon="send">
            Send request
          </Button>
        </div>
      </form>
    </div>
  );
}
