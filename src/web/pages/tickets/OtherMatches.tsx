// Under the inbox's ticket results while searching: the first chats and people the same words
// find (GET /search, kind=chats and kind=people), each chat linked to its transcript.
import type { Page, Person } from '../../../shared/api.js';
import type { ChatSearchResult } from '../../../shared/searchApi.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { transcriptPath } from '../../components/chat/PreviousChats.js';
import { useAsync } from '../../hooks/useAsync.js';
import { ROLE_LABELS } from '../../format/labels.js';

/** How many of each kind the inbox shows; the rest is for a narrower search. */
const FIRST = 5;

const WHERE: Record<ChatSearchResult['match']['in'], string> = {
  subject: 'Subject',
  customer: 'Customer',
  text: 'Message',
  file: 'File',
  image: 'Image',
  system: 'Event',
  note: 'Internal note',
};

function ChatMatch({ item }: { item: ChatSearchResult }) {
  const { chat, match } = item;
  return (
    <li>
      <Link href={transcriptPath(chat.id)} class="table__link">
        {chat.subject}
      </Link>{' '}
      <span class="muted">{chat.customer.name}</span>
      {match.in !== 'subject' && (
        <p class="search-snippet">
          <span class="search-snippet__where">{WHERE[match.in]}:</span>{' '}
          {match.snippet.map((part, i) =>
            part.match ? <mark key={i}>{part.text}</mark> : part.text,
          )}
        </p>
      )}
    </li>
  );
}

export function OtherMatches({ q }: { q: string }) {
  const { api } = useServices();
  const found = useAsync(async (): Promise<{
    chats: Page<ChatSearchResult>;
    people: Page<Person>;
  }> => {
    const [chats, people] = await Promise.all([
      api.search.chats(q, { limit: FIRST }),
      api.search.people(q, { limit: FIRST }),
    ]);
    return { chats, people };
  }, [q]);
  if (found.error) return <Alert tone="danger">{found.error}</Alert>;
  if (!found.data) return null;
  const { chats, people } = found.data;
  return (
    <div class="stack">
      <section aria-label="Chats matching">
        <h2 class="section-title">Chats</h2>
        {chats.items.length === 0 ? (
          <p class="muted">No chats match</p>
        ) : (
          <ul class="search-results">
            {chats.items.map((item) => (
              <ChatMatch key={item.chat.id} item={item} />
            ))}
          </ul>
        )}
      </section>
      <section aria-label="People matching">
        <h2 class="section-title">People</h2>
        {people.items.length === 0 ? (
          <p class="muted">Nobody matches</p>
        ) : (
          <ul class="search-results">
            {people.items.map((person) => (
              <li key={person.id}>
                {person.name} <span class="muted">{person.email}</span>{' '}
                <span class="muted">({ROLE_LABELS[person.role]})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
