// A chat's transcript, to keep: a download (text, times in the browser's own zone) and a mail to
// the customer's account address, "Email me the transcript" for the customer and "Send
// transcript to customer" for the desk. Notes are never in either (GET/POST /sessions/:id/transcript).
import { useState } from 'preact/hooks';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../Alert.js';
import { Button } from '../Button.js';
import { Icon } from '../Icon.js';

/** The browser's IANA zone, so the downloaded times read as the clock on the wall. */
function browserZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function transcriptUrl(sessionId: string, format: 'text' | 'html' = 'text'): string {
  const zone = browserZone();
  const query = new URLSearchParams({ format, ...(zone ? { timeZone: zone } : {}) });
  return `/api/v1/sessions/${encodeURIComponent(sessionId)}/transcript?${query}`;
}

export function TranscriptActions({
  sessionId,
  forCustomer,
}: {
  sessionId: string;
  /** The chat's customer (mails themselves) rather than the desk (mails the customer). */
  forCustomer: boolean;
}) {
  const { api } = useServices();
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const send = async () => {
    setState('busy');
    setProblem(null);
    try {
      await api.sessions.mailTranscript(sessionId);
      setState('sent');
    } catch (failure) {
      setProblem(errorMessage(failure));
      setState('idle');
    }
  };
  return (
    <div class="transcript-actions stack">
      <div class="cluster">
        <a class="btn btn--secondary btn--sm" href={transcriptUrl(sessionId)} download>
          <Icon name="download" /> Download transcript
        </a>
        <Button
          size="sm"
          icon="mail"
          busy={state === 'busy'}
          disabled={state === 'sent'}
          onClick={send}
        >
          {forCustomer ? 'Email me the transcript' : 'Send transcript to customer'}
        </Button>
      </div>
      {state === 'sent' && (
        <p class="muted" role="status">
          {forCustomer
            ? 'On its way to your account’s email address.'
            : 'On its way to the customer’s email address.'}
        </p>
      )}
      {problem && <Alert tone="danger">{problem}</Alert>}
    </div>
  );
}
