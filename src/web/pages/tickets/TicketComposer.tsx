// The reply box of a ticket's page. Agents get the Reply / Note switch (a note goes only to
// agents) and, for a reply, "Send and set pending / solved" (the status once the reply is
// stored); the requester gets one Send. A retried send carries the same clientId, so the server
// stores it once; the box clears when the message is stored. Files attach as in a chat's composer
// (the paperclip, dropping them on the box, pasting a screenshot; components/chat/ComposerUploads),
// uploaded to the ticket at once and sent with the reply or note, whose rule they then follow.
import { useEffect, useState } from 'preact/hooks';
import type { TicketMessage } from '../../../shared/ticketsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import {
  AttachButton,
  UploadChips,
  useComposerUploads,
  useFileDropping,
} from '../../components/chat/ComposerUploads.js';
import { ReplyNoteSwitch } from '../../components/chat/ReplyNoteSwitch.js';
import { cx } from '../../components/classNames.js';
import { uploadPaths } from '../../chat/uploads.js';

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
  const { tray, limits, uploads } = useComposerUploads(uploadPaths.ticket(ticketId));
  const dropping = useFileDropping(tray, () => setProblem(null));
  const body = text.trim();
  const files = uploads.flatMap((upload) => (upload.file ? [upload.file.id] : []));
  const uploading = uploads.some((upload) => upload.status === 'uploading');
  const ready = (body !== '' || files.length > 0) && !uploading;
  const writing = body !== '' || uploads.length > 0;
  useEffect(() => onWriting?.(writing), [writing]);

  const send = async (status?: Status) => {
    if (!ready || busy) return;
    setBusy(status ?? 'send');
    setProblem(null);
    try {
      const message = await api.tickets.reply(ticketId, {
        body,
        clientId,
        ...(desk && note ? { kind: 'note' as const } : {}),
        ...(status ? { status } : {}),
        ...(files.length > 0 ? { fileIds: files } : {}),
      });
      setText('');
      setClientId(newClientId());
      tray?.clear();
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
      class={cx(
        'composer',
        'ticket-composer',
        asNote && 'composer--note',
        dropping.dragging && 'composer--dropping',
      )}
      aria-label={asNote ? 'Add an internal note' : 'Reply'}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
      {...dropping.dropTarget}
    >
      {desk && <ReplyNoteSwitch note={note} onChange={setNote} />}
      {problem && <Alert tone="danger">Not sent: {problem}</Alert>}
      {tray && <UploadChips tray={tray} uploads={uploads} />}
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
        onPaste={dropping.onPaste}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <div class="cluster cluster--end">
        {tray && limits && (
          <span class="ticket-composer__attach">
            <AttachButton limits={limits} onFiles={dropping.attach} />
          </span>
        )}
        {desk && !note && (
          <>
            <Button
              busy={busy === 'pending'}
              disabled={!ready || busy !== null}
              onClick={() => void send('pending')}
            >
              Send and set pending
            </Button>
            <Button
              busy={busy === 'solved'}
              disabled={!ready || busy !== null}
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
          disabled={!ready || busy !== null}
        >
          {asNote ? 'Add note' : 'Send'}
        </Button>
      </div>
    </form>
  );
}
