// The form for a quick response, new or edited: a title to find it by, its text (with the
// variables it may use, filled in when inserted), a category the picker groups by and a shortcut
// typed as "/shortcut", and its scope when it is created: the agent's own, one of the teams they
// lead, or (super admins) shared with every agent.
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
  /** The team whose response it is; null for a shared or personal one. */
  teamId: string | null;
}

/** A scope a new response may be given: 'personal', 'shared', or a team's id. */
export interface ScopeChoice {
  value: string;
  label: string;
}

const draftScope = (scope: string): Pick<ResponseDraft, 'shared' | 'teamId'> =>
  scope === 'personal'
    ? { shared: false, teamId: null }
    : scope === 'shared'
      ? { shared: true, teamId: null }
      : { shared: false, teamId: scope };

export function ResponseForm({
  heading,
  initial,
  scopes = [],
  categories,
  onSave,
  onCancel,
}: {
  heading: string;
  initial?: QuickResponse;
  /** Where a new response may go besides the agent's own; none when editing. */
  scopes?: readonly ScopeChoice[];
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
    scope: 'personal',
  });
  const categoryList = useId();
  const { busy, problem, run } = useSubmission(errorMessage);
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(() =>
      onSave({
        ...draftScope(draft.scope),
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
      {scopes.length > 0 && (
        <Field label="Offered to" hint="Your own are yours alone; a team’s go to its members.">
          {(control) => (
            <select
              {...control}
              class="input select"
              value={draft.scope}
              onChange={(e) => setDraft({ ...draft, scope: e.currentTarget.value })}
            >
              <option value="personal">Personal (you)</option>
              {scopes.map((scope) => (
                <option key={scope.value} value={scope.value}>
                  {scope.label}
                </option>
              ))}
            </select>
          )}
        </Field>
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
