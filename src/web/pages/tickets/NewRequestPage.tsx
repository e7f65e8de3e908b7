// Customers: "New request": the topic (when the desk offers topics; the default one first), a
// subject and the message. Filed, it opens on its own page.
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { Link, navigate } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field, TextField } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';
import { ticketHref, ticketNumber } from './ticketLabels.js';

export function NewRequestPage() {
  const { api } = useServices();
  const topics = useAsync(() => api.topics.list(), []);
  const choices = topics.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const topicId = picked ?? choices.find((t) => t.isDefault)?.id ?? choices[0]?.id;
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
        {choices.length > 0 && (
          <Field label="Topic" error={fieldError('topicId')}>
            {(control) => (
              <select
                {...control}
                class="input select"
                name="topic"
                value={topicId}
                onChange={(e) => setPicked(e.currentTarget.value)}
              >
                {choices.map((topic) => (
                  <option key={topic.id} value={topic.id}>
                    {topic.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
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
