// Creating or editing a team: its name and description; an existing team can also be archived
// (kept with its chats) or restored.
import { useState } from 'preact/hooks';
import type { Team } from '../../../shared/teamsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { Field, TextField } from '../../components/Field.js';
import { useSubmission } from '../../hooks/useSubmission.js';

export function TeamDialog({
  team,
  onClose,
  onSaved,
}: {
  /** The team to edit; a new team when absent. */
  team?: Team;
  onClose: () => void;
  onSaved: (team: Team) => void;
}) {
  const { api } = useServices();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const { busy, problem, run } = useSubmission(fieldProblem);
  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const body = { name: name.trim(), description: description.trim() };
      onSaved(team ? await api.teams.update(team.id, body) : await api.teams.create(body));
      onClose();
    });
  };

  return (
    <Dialog title={team ? `Edit ${team.name}` : 'New team'} onClose={onClose} size="md">
      <form class="stack" onSubmit={submit}>
        <TextField
          label="Name"
          error={fieldError('name')}
          required
          maxLength={LIMITS.teamName}
          placeholder="e.g. Finance"
          value={name}
          onValue={setName}
        />
        <Field label="Description" optional error={fieldError('description')}>
          {(control) => (
            <textarea
              {...control}
              class="input textarea"
              rows={2}
              maxLength={LIMITS.teamDescription}
              placeholder="What this team looks after"
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          )}
        </Field>
        {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
        <div class="cluster cluster--end">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!name.trim()}>
            {team ? 'Save' : 'Create team'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
