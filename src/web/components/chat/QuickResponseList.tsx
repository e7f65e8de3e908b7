// The list of quick responses to pick from, as an ARIA listbox whose active option is driven by
// the composer's (or the search field's) arrow keys: grouped by category when there are any, each
// option showing the response as it will be inserted in this chat. Below it, the active one in
// full, with the variables this chat has no value for.
import type { RenderedTemplate } from '../../../domain/quickResponseTemplate.js';
import type { QuickResponse } from '../../../shared/api.js';
import type { QuickResponseGroup } from '../../chat/quickResponseSearch.js';
import { cx } from '../classNames.js';

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

interface QuickResponseListProps {
  id: string;
  groups: readonly QuickResponseGroup[];
  activeIndex: number;
  /** The response filled in for this chat. */
  fill: (response: QuickResponse) => RenderedTemplate;
  onPick: (response: QuickResponse) => void;
  onActivate: (index: number) => void;
}

export function QuickResponseList({
  id,
  groups,
  activeIndex,
  fill,
  onPick,
  onActivate,
}: QuickResponseListProps) {
  if (groups.length === 0) {
    return <p class="quick-list__empty">No quick response matches.</p>;
  }
  const headed = groups.some((group) => group.category !== null);
  let index = 0;
  const option = (response: QuickResponse) => {
    const at = index++;
    return (
      <li
        key={response.id}
        id={optionId(id, at)}
        role="option"
        aria-selected={at === activeIndex}
        class={cx('quick-list__option', at === activeIndex && 'quick-list__option--active')}
        // Keep focus in the composer: choosing must not blur it.
        onMouseDown={(event) => event.preventDefault()}
        onMouseMove={() => onActivate(at)}
        onClick={() => onPick(response)}
      >
        <span class="quick-list__title">
          {response.title}
          {response.shortcut && <span class="quick-list__shortcut">/{response.shortcut}</span>}
          {!response.shared && <span class="quick-list__mine">Personal</span>}
        </span>
        <span class="quick-list__content">{fill(response).text}</span>
      </li>
    );
  };
  return (
    <ul class="quick-list" id={id} role="listbox" aria-label="Quick responses">
      {headed
        ? groups.map((group, g) => (
            <li
              key={group.category ?? ''}
              role="group"
              aria-labelledby={`${id}-group-${g}`}
              class="quick-list__group"
            >
              <span class="quick-list__category" id={`${id}-group-${g}`} role="presentation">
                {group.category ?? 'Other'}
              </span>
              <ul role="presentation">{group.responses.map(option)}</ul>
            </li>
          ))
        : groups.flatMap((group) => group.responses.map(option))}
    </ul>
  );
}

/** The active response in full as it will be inserted, saying which variables stay empty. */
export function QuickResponsePreview({ filled }: { filled: RenderedTemplate }) {
  return (
    <div class="quick-preview" role="group" aria-label="Preview">
      <p class="quick-preview__label">Preview</p>
      <p class="quick-preview__text">{filled.text}</p>
      {filled.missing.length > 0 && (
        <p class="quick-preview__missing">
          Left empty, this chat has no value for{' '}
          {filled.missing.map((name) => `{{${name}}}`).join(', ')}.
        </p>
      )}
    </div>
  );
}
