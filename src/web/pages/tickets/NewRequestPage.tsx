// Customers: "New request": the topic (when the desk offers topics; the default one first), a
// subject, the message and its files (picked, dropped on the form or pasted into the message, as
// in a composer: each uploads at once as a draft, which the request takes when it is sent). A
// link's `?topic=<slug>` preselects the topic, as on Start a chat. Filed, it opens on its own page.
import { useState } from 'preact/hooks';
import { fieldProblem } from '../../api/errorMessage.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { RequestFields } from '../../components/RequestFields.js';
import { TopicField, useTopicChoice } from '../../components/TopicField.js';
import { Icon } from '../../components/Icon.js';
import {
  AttachButton,
  UploadChips,
  useComposerUploads,
  useFileDropping,
} from '../../components/chat/ComposerUploads.js';
import { uploadPaths } from '../../chat/uploads.js';
import { cx } from '../../components/classNames.js';
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
  const { tray, limits, uploads } = useComposerUploads(uploadPaths.draft());
  const dropping = useFileDropping(tray);
  const files = uploads.flatMap((upload) => (upload.file ? [upload.file.id] : []));
  const uploading = uploads.some((upload) => upload.status === 'uploading');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (uploading) return;
    await run(async () => {
      const ticket = await api.tickets.create({
        subject: subject.trim(),
        message: message.trim(),
        ...(topicId ? { topicId } : {}),
        ...(files.length > 0 ? { fileIds: files } : {}),
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
      <form
        class={cx('card', 'stack', dropping.dragging && 'composer--dropping')}
        onSubmit={submit}
        aria-labelledby="new-request-title"
        {...dropping.dropTarget}
      >
        <div>
          <h1 class="page-title" id="new-request-title">
            New request
          </h1>
          <p class="muted">
            Tell us what you need. We answer on your request’s page, where you can reply too.
          </p>
        </div>
        <TopicField choice={topic} error={fieldError('topicId')} />
        <RequestFields
          subject={subject}
          onSubject={setSubject}
          message={message}
          onMessage={setMessage}
          fieldError={fieldError}
          rows={6}
          onPaste={dropping.onPaste}
        />
        {tray && limits && (
          <div class="stack">
            <UploadChips tray={tray} uploads={uploads} />
            {fieldError('fileIds') && <Alert tone="danger">{fieldError('fileIds')}</Alert>}
            <div class="cluster">
              <AttachButton limits={limits} onFiles={dropping.attach} />
              <span class="muted">Attach screenshots or documents</span>
            </div>
          </div>
        )}
        {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
        <div class="cluster cluster--end">
          <Button type="submit" variant="primary" busy={busy} disabled={uploading} icon="send">
            Send request
          </Button>
        </div>
      </form>
    </div>
  );
}
