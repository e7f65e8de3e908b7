// A list of removable chips with a field to add more (a chat's or ticket's tags, a ticket's
// CCs); every change saves the whole list through `onSave`, whose update brings it back to every
// screen. `problemOf` says why an entry cannot be added, before anything is sent.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/errorMessage.js';
import { IconButton } from './Button.js';

export interface ChipWords {
  /** The list's accessible name, e.g. "Tags". */
  list: string;
  none: string;
  /** The field's label and placeholder, e.g. "Add a tag". */
  add: string;
  /** The add button's label, e.g. "Add tag". */
  addButton: string;
  remove: (item: string) => string;
}

export function ChipEditor({
  items,
  editable,
  onSave,
  words,
  problemOf,
  maxLength,
  inputType = 'text',
}: {
  items: readonly string[];
  editable: boolean;
  onSave: (items: string[]) => Promise<unknown>;
  words: ChipWords;
  problemOf: (item: string, items: readonly string[]) => string | null;
  maxLength: number;
  inputType?: 'text' | 'email';
}) {
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (next: string[]) => {
    setSaving(true);
    setError(null);
    try {
      await onSave(next);
      setDraft('');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  const add = () => {
    const item = draft.trim();
    const problem = problemOf(item, items);
    if (problem) return setError(problem);
    if (item) void save([...items, item]);
  };

  return (
    <div class="tags">
      <ul class="tags__list" aria-label={words.list}>
        {items.length === 0 && <li class="tags__none">{words.none}</li>}
        {items.map((item) => (
          <li key={item} class="chip">
            {item}
            {editable && (
              <IconButton
                icon="x"
                label={words.remove(item)}
                class="chip__remove"
                disabled={saving}
                onClick={() => void save(items.filter((t) => t !== item))}
              />
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          class="tags__add"
          // Our own check says what is wrong, in the page's words.
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <input
            class="input input--sm"
            {...(inputType === 'email' ? { type: 'email' as const } : { type: 'text' as const })}
            aria-label={words.add}
            placeholder={words.add}
            maxLength={maxLength}
            value={draft}
            disabled={saving}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setError(null);
            }}
          />
          <IconButton
            icon="plus"
            label={words.addButton}
            variant="secondary"
            type="submit"
            disabled={!draft.trim() || saving}
          />
        </form>
      )}
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
