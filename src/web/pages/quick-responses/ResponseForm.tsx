// The form for a quick response, new or edited: a title to find it by, its text (with the
// variables it may use, filled in when inserted), a category the picker groups by and a shortcut
// typed as "/shortcut"; super admins creating one may share it with every agent.
import { useId, useState } from 'preact/hooks';
import { TEMPLATE_VARIABLES } from '../../../domain/quickResponseTemplate.js';
import type { QuickResponse } from '../../../shared/api.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field, TextField } from '../../components/Field.js';
import { useSubmission } from '../../hooks/useSubmission.js';

export interface ResponseDraft {
  title: string;
  content: string;
  category: string | null;
  shortcut: string | null;
  shared: boolean;
}

export function ResponseForm({
  heading,
  initial,
  canShare,
  categories,
  onSave,
  onCancel,
}: {
  heading: string;
  initial?: QuickResponse;
  canShare: boolean;
  /** The categories in use, offered as suggestions. */
  categories: readonly string[];
  onSave: (draft: ResponseDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState({
    title: initial?.title ?? '',
    content: initial?.content ?? '',
    category: initial?.category ?? '',
    shortcut: initial?.shortcut ?? '',
    shared: false,
  });
  const categoryList = useId();
  const { busy, problem, run } = useSubmission(errorMessage);
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(() =>
      onSave({
        ...draft,
        title: draft.title.trim(),
        content: draft.content.trim(),
        category: draft.category.trim() || null,
        shortcut: draft.shortcut.trim() || null,
      }),
    );
  };
  return (
    <form class="card stack" onSubmit={submit} aria-label={heading}>
      <h2 class="section-title">{heading}</h2>
      <TextField
        label="Title"
        hint="A short name to find it by, e.g. “Password reset”."
        required
        maxLength={LIMITS.quickResponseTitle}
        value={draft.title}
        onValue={(title) => setDraft({ ...draft, title })}
      />
      <Field
        label="Text"
        hint={
          <>
            Filled in when you insert it:{' '}
            {TEMPLATE_VARIABLES.map((variable, index) => (
              <span key={variable.name}>
                {index > 0 && ', '}
                <code>{`{{${variable.name}}}`}</code> ({variable.label.toLocaleLowerCase()})
              </span>
            ))}
            .
          </>
        }
      >
        {(control) => (
          <textarea
            {...control}
            class="input textarea"
            rows={4}
            required
            maxLength={LIMITS.quickResponseContent}
            value={draft.content}
            onInput={(e) => setDraft({ ...draft, content: e.currentTarget.value })}
          />
        )}
      </Field>
      <div class="form-row">
        <TextField
          label="Category"
          optional
          hint="Groups it in the picker, e.g. “Finance”."
          maxLength={LIMITS.quickResponseCategory}
          list={categoryList}
          value={draft.category}
          onValue={(category) => setDraft({ ...draft, category })}
        />
        <datalist id={categoryList}>
          {categories.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
        <TextField
          label="Shortcut"
          optional
          hint="Type “/fees” and a space in a chat to insert it: lowercase letters, digits, dashes."
          maxLength={LIMITS.quickResponseShortcut}
          pattern="[a-z0-9][a-z0-9\-]*"
          autoCapitalize="none"
          spellcheck={false}
          value={draft.shortcut}
          onValue={(shortcut) => setDraft({ ...draft, shortcut: shortcut.replace(/^\//, '') })}
        />
      </div>
      {canShare && (
        <label class="checkbox">
          <input
            type="checkbox"
            checked={draft.shared}
            onChange={(e) => setDraft({ ...draft, shared: e.currentTarget.checked })}
          />
          Share with all agents
        </label>
      )}
      {problem && <Alert tone="danger">{problem}</Alert>}
      <div class="cluster cluster--end">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={!draft.title.trim() || !draft.content.trim()}
        >
          Save
        </Button>
      </div>
    </form>
  );
}
