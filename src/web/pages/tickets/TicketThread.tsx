// A ticket's thread, oldest first: public replies as messages with their author, internal notes
// set apart as chat notes are (styles/notes.css, "Note · only agents see this"), each with what
// it carries as a chat message shows it (thumbnails that open in the viewer, file cards), and for
// agents, on a message that came by mail, a link to the mail as received.
import type { Person } from '../../../shared/api.js';
import type { TicketMessage } from '../../../shared/ticketsApi.js';
import { Avatar } from '../../components/Avatar.js';
import { Attachments } from '../../components/chat/Attachments.js';
import { MessageText } from '../../components/chat/MessageText.js';
import { cx } from '../../components/classNames.js';
import { formatDateTime } from '../../format/time.js';

export function TicketThread({
  messages,
  viewer,
  requesterId,
}: {
  messages: readonly TicketMessage[];
  viewer: Person;
  requesterId: string;
}) {
  return (
    <ol class="ticket-thread" aria-label="Conversation">
      {messages.map((message) => {
        const author =
          message.author === null
            ? 'Switchboard'
            : message.author.id === viewer.id
              ? 'You'
              : message.author.name;
        const time = (
          <time class="ticket-message__time" dateTime={message.createdAt}>
            {formatDateTime(message.createdAt)}
          </time>
        );
        if (message.kind === 'note') {
          return (
            <li key={message.id} class="msg-note ticket-note" data-kind="note">
              <p class="msg-note__label">
                <span class="msg-note__author">{author}</span>
                <span>Note · only agents see this</span>
                {time}
              </p>
              {message.body && <MessageText text={message.body} />}
              <Attachments files={message.files} />
            </li>
          );
        }
        const fromRequester = message.author?.id === requesterId;
        return (
          <li
            key={message.id}
            class={cx('ticket-message', fromRequester && 'ticket-message--requester')}
            data-kind="reply"
          >
            {message.author && (
              <Avatar id={message.author.id} name={message.author.name} size="sm" />
            )}
            <div class="ticket-message__body">
              <p class="ticket-message__head">
                <span class="ticket-message__author">{author}</span>
                {time}
                {message.originalMail && (
                  <a
                    class="ticket-message__original"
                    href={`/api/v1/tickets/${message.ticketId}/messages/${message.id}/original`}
                    download
                  >
                    View original mail
                  </a>
                )}
              </p>
              {message.body && <MessageText text={message.body} />}
              <Attachments files={message.files} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
