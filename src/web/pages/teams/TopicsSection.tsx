// The topics customers pick from on the start form: each leads to a team; one is the default (a
// chat started without a topic gets it). New topics, the default, archiving and deleting.
import { useState } from 'preact/hooks';
import type { Team, Topic } from '../../../shared/teamsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { errorMessage, fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Field, TextField } from '../../components/Field.js';
import { slugFor } from '../../format/slug.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';

export function TopicsSection({
  topics,
  teams,
  onChanged,
}: {
  topics: Topic[];
  /** The teams a topic may lead to (not archived). */
  teams: Team[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [adding, setAdding] = useState(false);
  const act = (action: () => Promise<unknown>, done: string) =>
    void action()
      .then(() => {
        showToast(done);
        onChanged();
      })
      .catch((error) => showToast(errorMessage(error), 'danger'));

  return (
    <section class="stack" aria-label="Topics">
      <div class="page-header">
        <div>
          <h2 class="section-title">
            Topics <span class="count">{topics.filter((t) => !t.archived).length}</span>
          </h2>
          <p class="muted">
            What customers choose when they start a chat. A link to <code>/?topic=slug</code> picks
            one for them.
          </p>
        </div>
        <Button icon="plus" onClick={() => setAdding(true)} disabled={teams.length === 0}>
          New topic
        </Button>
      </div>
      {topics.length === 0 ? (
        <EmptyState
          icon="list"
          title="No topics yet: the start form asks for none and chats have no team."
        />
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">Topics</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Slug</th>
                <th scope="col">Team</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {topics.map((topic) => (
                <tr key={topic.id} class={topic.archived ? 'table__row--muted' : undefined}>
                  <td>
                    {topic.name} {topic.isDefault && <span class="badge badge--ok">Default</span>}
                    {topic.archived && <span class="badge badge--off">Archived</span>}
                  </td>
                  <td>
                    <code>{topic.slug}</code>
                  </td>
                  <td>{topic.team?.name ?? '—'}</td>
                  <td class="table__actions">
                    {!topic.archived && !topic.isDefault && (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() =>
                          act(
                            () => api.topics.update(topic.id, { isDefault: true }),
                            `${topic.name} is the default topic`,
                          )
                        }
                      >
                        Make default
                      </Button>
                    )}
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() =>
                        act(
                          () => api.topics.update(topic.id, { archived: !topic.archived }),
                          `${topic.name} ${topic.archived ? 'restored' : 'archived'}`,
                        )
                      }
                    >
                      {topic.archived ? 'Restore' : 'Archive'}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      icon="trash"
                      aria-label={`Delete ${topic.name}`}
                      onClick={() =>
                        act(() => api.topics.remove(topic.id), `${topic.name} deleted`)
                      }
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <NewTopicDialog teams={teams} onClose={() => setAdding(false)} onCreated={onChanged} />
      )}
    </section>
  );
}

function NewTopicDialog({
  teams,
  onClose,
  onCreated,
}: {
  teams: Team[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const { api } = useServices();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState<string | null>(null);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const { busy, problem, run } = useSubmission(fieldProblem);
  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);
  const slugValue = slug ?? slugFor(name);

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const topic = await api.topics.create({
        name: name.trim(),
        slug: slugValue,
        teamId,
        isDefault: false,
        position: 0,
      });
      showToast(`Topic ${topic.name} added`);
      onCreated();
      onClose();
    });
  };

  return (
    <Dialog title="New topic" onClose={onClose} size="md">
      <form class="stack" onSubmit={submit}>
        <TextField
          label="Name"
          hint="As customers read it on the start form."
          error={fieldError('name')}
          required
          maxLength={LIMITS.topicName}
          placeholder="e.g. Fees and payments"
          value={name}
          onValue={setName}
        />
        <TextField
          label="Slug"
          hint="For links: lowercase letters, digits and dashes."
          error={fieldError('slug')}
          required
          maxLength={LIMITS.topicSlug}
          value={slugValue}
          onValue={setSlug}
        />
        <Field label="Team" hint="Chats on this topic belong to this team.">
          {(control) => (
            <select
              {...control}
              class="input select"
              value={teamId}
              onChange={(e) => setTeamId(e.currentTarget.value)}
            >
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
        <div class="cluster cluster--end">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={!name.trim() || !slugValue || !teamId}
          >
            Create topic
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
