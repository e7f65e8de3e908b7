// The form for a quick response, new or edited: a title to find it by and its text; super admins
// creating one may share it with every agent.
import { useState } from 'preact/hooks';
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
  shared: boolean;
}

export function ResponseForm({
  heading,
  initial,
  canShare,
  onSave,
  onCancel,
}: {
  heading: string;
  initial?: QuickResponse;
  canShare: boolean;
  onSave: (draft: ResponseDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ResponseDraft>({
    title: initial?.title ?? '',
    content: initial?.content ?? '',
    shared: false,
  });
  const { busy, problem, run } = useSubmission(errorMessage);
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(() => onSave({ ...draft, title: draft.title.trim(), content: draft.content.trim() }));
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
      <Field label="Text">
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
