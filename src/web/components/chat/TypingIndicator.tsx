// "Ama is typing…" under the conversation, announced politely to screen readers.
import type { Person } from '../../../shared/api.js';

export function TypingIndicator({ person }: { person: Person | null }) {
  return (
    <div class="typing" aria-live="polite">
      {person && (
        <>
          <span class="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span>{person.name} is typing…</span>
        </>
      )}
    </div>
  );
}
