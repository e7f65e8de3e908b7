// A chat's transcript, to keep: a download (text, times in the browser's own zone) and a mail to
// the customer's account address, "Email me the transcript" for the customer and "Send
// transcript to customer" for the desk. Notes are never in either (GET/POST /sessions/:id/transcript).
// The download is fetched by the API client, not followed as a link, so it signs in as every
// call does: in the widget that is the visitor's bearer token, which a link would not carry.
import { useState } from 'preact/hooks';
import { errorMessage } from '../../api/errorMessage.js';
import type { DownloadedFile } from '../../api/http.js';
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

function transcriptQuery(format: 'text' | 'html'): string {
  const zone = browserZone();
  return new URLSearchParams({ format, ...(zone ? { timeZone: zone } : {}) }).toString();
}

export function transcriptUrl(sessionId: string, format: 'text' | 'html' = 'text'): string {
  return `/api/v1/sessions/${encodeURIComponent(sessionId)}/transcript?${transcriptQuery(format)}`;
}

/** Hands a fetched file to the browser's downloads, under its name. */
function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has handed the file over: revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
  const download = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      saveFile(
        await api.sessions.downloadTranscript(sessionId, transcriptQuery('text')),
        'transcript.txt',
      );
    } catch (failure) {
      setProblem(errorMessage(failure));
    }
  };
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
        <a
          class="btn btn--secondary btn--sm"
          href={transcriptUrl(sessionId)}
          download
          onClick={download}
        >
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
