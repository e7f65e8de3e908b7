// "Start a chat": the topic (when the desk has topics; a link's `?topic=<slug>` preselects one),
// what it is about, how pressing it is (with urgent explained, so it keeps its meaning), and the
// first message. The chat then waits in the queue for an agent. When live chat is not available
// on the topic the customer hears why: a closed team gets the offline form instead; while it is
// open but nobody is free, the customer may wait or choose to leave a message.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import type { Ticket } from '../../../shared/ticketsApi.js';
import { LIMITS, PRIORITIES, type Priority } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { cx } from '../../components/classNames.js';
import { Field, TextField } from '../../components/Field.js';
import { TopicField, useTopicChoice } from '../../components/TopicField.js';
import { PRIORITY_HINTS, PRIORITY_LABELS } from '../../format/labels.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { availabilityNotice } from './availabilityMessages.js';
import { OfflineMessageForm } from './OfflineMessageForm.js';
import { useLiveChatAvailability } from './useLiveChatAvailability.js';

export function StartChatForm({
  onStarted,
  onLeftMessage,
  preselectedTopic,
  askEmail = false,
}: {
  onStarted: (session: Session) => void;
  /** The offline form filed its ticket. */
  onLeftMessage: (ticket: Ticket) => void;
  /** The offline form asks for an address up front (a visitor). */
  askEmail?: boolean;
  /** A topic's slug from the link (`?topic=`); an unknown one means the default. */
  preselectedTopic: string | null;
}) {
  const { api } = useServices();
  const topic = useTopicChoice(preselectedTopic);
  const { topicId } = topic;
  const [subject, setSubject] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [message, setMessage] = useState('');
  const { busy, problem, run } = useSubmission(fieldProblem);
  const { availability, reload } = useLiveChatAvailability(topicId);
  // While the team is open but nobody is free, the customer may choose the offline form.
  const [leavingMessageOn, setLeavingMessageOn] = useState<string | undefined>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () =>
      onStarted(
        await api.sessions.start({
          subject: subject.trim(),
          priority,
          message: message.trim(),
          ...(topicId ? { topicId } : {}),
        }),
      ),
    );
    // A refusal may mean the team has just closed: the offline form then takes over.
    void reload();
  };

  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);
  const notice = availabilityNotice(availability, Date.now());
  const closed = availability?.state === 'closed';
  if (notice && (closed || leavingMessageOn === topicId)) {
    return (
      <OfflineMessageForm
        topicId={topicId}
        notice={notice}
        askEmail={askEmail}
        topicField={<TopicField choice={topic} error={null} />}
        onLeft={onLeftMessage}
        onWaitAnyway={closed ? undefined : () => setLeavingMessageOn(undefined)}
      />
    );
  }

  return (
    <form class="card start-chat stack" onSubmit={submit}>
      <div>
        <h1 class="page-title">Start a chat</h1>
        <p class="muted">
          Tell us what you need and an agent will join you as soon as one is free.
        </p>
      </div>
      <TopicField choice={topic} error={fieldError('topicId')} />
      {notice && (
        <Alert tone="info">
          {notice}{' '}
          <Button variant="ghost" size="sm" onClick={() => setLeavingMessageOn(topicId)}>
            Leave a message instead
          </Button>
        </Alert>
      )}
      <TextField
        label="Subject"
        error={fieldError('subject')}
        name="subject"
        required
        maxLength={LIMITS.subject}
        placeholder="e.g. I cannot register for a course"
        value={subject}
        onValue={setSubject}
      />
      <fieldset class="priority-choice" aria-describedby="priority-hint">
        <legend class="field__label">Priority</legend>
        <div class="priority-choice__options">
          {PRIORITIES.map((value) => (
            <label
              key={value}
              class={cx('priority-choice__option', `priority-choice__option--${value}`)}
            >
              <input
                type="radio"
                name="priority"
                value={value}
                checked={priority === value}
                onChange={() => setPriority(value)}
              />
              <span>{PRIORITY_LABELS[value]}</span>
            </label>
          ))}
        </div>
        <p
          id="priority-hint"
          class={cx('field__hint', priority === 'urgent' && 'field__hint--urgent')}
          aria-live="polite"
        >
          {PRIORITY_HINTS[priority]}
        </p>
      </fieldset>
      <Field label="Your message" error={fieldError('message')}>
        {(control) => (
          <textarea
            {...control}
            class="input textarea"
            name="message"
            required
            rows={4}
            maxLength={LIMITS.message}
            placeholder="Describe the problem: what you tried and what happened."
            value={message}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
        )}
      </Field>
      {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
      <div class="cluster cluster--end">
        <Button
          type="submit"
          variant="primary"
          icon="chat"
          busy={busy}
          disabled={!subject.trim() || !message.trim()}
        >
          Start chat
        </Button>
      </div>
    </form>
  );
}
