// The form for a quick response, new or edited: a title to find it by and its text; super admins
// creating one may share it with every agent.
import { useState } from 'preact/hooks';
import type { QuickResponse } from '../../../shared/api.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave({ ...draft, title: draft.title.trim(), content: draft.content.trim() });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  return (
    <form class="card stack" onSubmit={submit} aria-label={heading}>
      <h2 class="section-title">{heading}</h2>
      <Field label="Title" hint="A short name to find it by, e.g. “Password reset”.">
        {(control) => (
          <input
            {...control}
            class="input"
            required
            maxLength={LIMITS.quickResponseTitle}
            value={draft.title}
            onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
          />
        )}
      </Field>
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
      {error && <Alert tone="danger">{error}</Alert>}
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
