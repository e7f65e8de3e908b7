// The list of quick responses to pick from, as an ARIA listbox whose active option is driven by
// the composer's (or the search field's) arrow keys.
import type { QuickResponse } from '../../../shared/api.js';
import { cx } from '../classNames.js';

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

interface QuickResponseListProps {
  id: string;
  responses: readonly QuickResponse[];
  activeIndex: number;
  onPick: (response: QuickResponse) => void;
  onActivate: (index: number) => void;
}

export function QuickResponseList({
  id,
  responses,
  activeIndex,
  onPick,
  onActivate,
}: QuickResponseListProps) {
  if (responses.length === 0) {
    return <p class="quick-list__empty">No quick response matches.</p>;
  }
  return (
    <ul class="quick-list" id={id} role="listbox" aria-label="Quick responses">
      {responses.map((response, index) => (
        <li
          key={response.id}
          id={optionId(id, index)}
          role="option"
          aria-selected={index === activeIndex}
          class={cx('quick-list__option', index === activeIndex && 'quick-list__option--active')}
          // Keep focus in the composer: choosing must not blur it.
          onMouseDown={(event) => event.preventDefault()}
          onMouseMove={() => onActivate(index)}
          onClick={() => onPick(response)}
        >
          <span class="quick-list__title">
            {response.title}
            {!response.shared && <span class="quick-list__mine">Personal</span>}
          </span>
          <span class="quick-list__content">{response.content}</span>
        </li>
      ))}
    </ul>
  );
}
