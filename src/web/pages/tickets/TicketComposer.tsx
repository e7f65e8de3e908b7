// The reply box of a ticket's page. Agents get the Reply / Note switch (a note goes only to
// agents) and, for a reply, "Send and set pending / solved" (the status once the reply is
// stored); the requester gets one Send. A retried send carries the same clientId, so the server
// stores it once; the box clears when the message is stored.
import { useEffect, useState } from 'preact/hooks';
import type { TicketMessage } from '../../../shared/ticketsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { ReplyNoteSwitch } from '../../components/chat/ReplyNoteSwitch.js';
import { cx } from '../../components/classNames.js';

type Status = 'pending' | 'solved';

const newClientId = () => crypto.randomUUID();

export function TicketComposer({
  ticketId,
  desk,
  onSent,
  onWriting,
}: {
  ticketId: string;
  /** An agent working the ticket: notes and statuses. */
  desk: boolean;
  onSent: (message: TicketMessage) => void;
  /** The box holds something to send, or no longer (colleagues see who is writing). */
  onWriting?: (writing: boolean) => void;
}) {
  const { api } = useServices();
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const [busy, setBusy] = useState<Status | 'send' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [clientId, setClientId] = useState(newClientId);
  const body = text.trim();
  const writing = body !== '';
  useEffect(() => onWriting?.(writing), [writing]);

  const send = async (status?: Status) => {
    if (!body || busy) return;
    setBusy(status ?? 'send');
    setProblem(null);
    try {
      const message = await api.tickets.reply(ticketId, {
        body,
        clientId,
        ...(desk && note ? { kind: 'note' as const } : {}),
        ...(status ? { status } : {}),
      });
      setText('');
      setClientId(newClientId());
      onSent(message);
    } catch (failure) {
      setProblem(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const asNote = desk && note;
  return (
    <form
      class={cx('composer', 'ticket-composer', asNote && 'composer--note')}
      aria-label={asNote ? 'Add an internal note' : 'Reply'}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {desk && <ReplyNoteSwitch note={note} onChange={setNote} />}
      {problem && <Alert tone="danger">Not sent: {problem}</Alert>}
      <textarea
        class="input composer__input ticket-composer__input"
        aria-label={asNote ? 'Internal note' : 'Your reply'}
        placeholder={
          asNote
            ? 'Write a note only agents will see…'
            : desk
              ? 'Reply to the requester…'
              : 'Write a reply…'
        }
        rows={4}
        maxLength={LIMITS.ticketMessage}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <div class="cluster cluster--end">
        {desk && !note && (
          <>
            <Button
              busy={busy === 'pending'}
              disabled={!body || busy !== null}
              onClick={() => void send('pending')}
            >
              Send and set pending
            </Button>
            <Button
              busy={busy === 'solved'}
              disabled={!body || busy !== null}
              onClick={() => void send('solved')}
            >
              Send and set solved
            </Button>
          </>
        )}
        <Button
          type="submit"
          variant="primary"
          icon="send"
          busy={busy === 'send'}
          disabled={!body || busy !== null}
        >
          {asNote ? 'Add note' : 'Send'}
        </Button>
      </div>
    </form>
  );
}
