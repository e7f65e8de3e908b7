// Tags as removable chips with a field to add more; every change saves the whole set through
// `onSave` (a chat's PUT /sessions/:id/tags, a ticket's PATCH), whose update event brings it back
// to every screen.
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/vocabulary.js';
import { tagProblem } from '../../chat/tags.js';
import { errorMessage } from '../../api/errorMessage.js';
import { IconButton } from '../Button.js';

export function TagEditor({
  tags,
  editable,
  onSave,
}: {
  tags: readonly string[];
  editable: boolean;
  onSave: (tags: string[]) => Promise<unknown>;
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
    const tag = draft.trim();
    const problem = tagProblem(tag, tags);
    if (problem) return setError(problem);
    if (tag) void save([...tags, tag]);
  };

  return (
    <div class="tags">
      <ul class="tags__list" aria-label="Tags">
        {tags.length === 0 && <li class="tags__none">No tags yet</li>}
        {tags.map((tag) => (
          <li key={tag} class="chip">
            {tag}
            {editable && (
              <IconButton
                icon="x"
                label={`Remove tag ${tag}`}
                class="chip__remove"
                disabled={saving}
                onClick={() => void save(tags.filter((t) => t !== tag))}
              />
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          class="tags__add"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <input
            class="input input--sm"
            aria-label="Add a tag"
            placeholder="Add a tag"
            maxLength={LIMITS.tag}
            value={draft}
            disabled={saving}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setError(null);
            }}
          />
          <IconButton
            icon="plus"
            label="Add tag"
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
