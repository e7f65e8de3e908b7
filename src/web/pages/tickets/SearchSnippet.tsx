// The text a search matched under a ticket's subject in the inbox, the matched words marked.
import type { TicketSearchResult } from '../../../shared/searchApi.js';

const WHERE: Record<TicketSearchResult['match']['in'], string> = {
  subject: 'Subject',
  reply: 'Reply',
  note: 'Internal note',
};

export function SearchSnippet({ match }: { match: TicketSearchResult['match'] }) {
  // The subject is on the line above already; a match there needs no second copy.
  if (match.in === 'subject') return null;
  return (
    <p class="search-snippet">
      <span class="search-snippet__where">{WHERE[match.in]}:</span>{' '}
      {match.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
    </p>
  );
}
