// Creating or editing a team: its name and description; an existing team also its overflow (the
// team whose agents may have its chats too once they have waited a while) and its opening hours
// (a business calendar; outside it customers get the offline form). Archiving and restoring are
// on the team's card.
import { useState } from 'preact/hooks';
import type { Team, UpdateTeamBody } from '../../../shared/teamsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { Field, TextField } from '../../components/Field.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { DELAY_UNITS, delaySeconds, splitDelay, type DelayUnit } from './overflowDelay.js';

export function TeamDialog({
  team,
  teams = [],
  onClose,
  onSaved,
}: {
  /** The team to edit; a new team when absent. */
  team?: Team;
  /** Every team, for the choice of a fallback team. */
  teams?: Team[];
  onClose: () => void;
  onSaved: (team: Team) => void;
}) {
  const { api } = useServices();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const initialDelay = splitDelay(team?.overflow?.afterSeconds ?? 120);
  const [fallbackId, setFallbackId] = useState(team?.overflow?.team.id ?? '');
  const [amount, setAmount] = useState(String(initialDelay.amount));
  const [unit, setUnit] = useState<DelayUnit>(initialDelay.unit);
  const [delayProblem, setDelayProblem] = useState<string | null>(null);
  const [calendarId, setCalendarId] = useState(team?.openingHours?.id ?? '');
  const calendars = useAsync(
    async () => (team ? (await api.calendars.list()).items : []),
    [team?.id],
  );
  const { busy, problem, run } = useSubmission(fieldProblem);
  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);
  // Another team, open; one already chosen stays listed, so the form shows what is saved.
  const fallbacks = teams.filter(
    (t) => t.id !== team?.id && (!t.archived || t.id === team?.overflow?.team.id),
  );

  /** The overflow to send: undefined when unchanged, null when removed. */
  const overflowChange = (): UpdateTeamBody['overflow'] | 'invalid' => {
    if (!team) return undefined;
    if (!fallbackId) return team.overflow ? null : undefined;
    const delay = delaySeconds(amount, unit);
    if ('problem' in delay) {
      setDelayProblem(delay.problem);
      return 'invalid';
    }
    const { overflow } = team;
    if (overflow?.team.id === fallbackId && overflow.afterSeconds === delay.seconds)
      return undefined;
    return { teamId: fallbackId, afterSeconds: delay.seconds };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setDelayProblem(null);
    const overflow = overflowChange();
    if (overflow === 'invalid') return;
    await run(async () => {
      const body = { name: name.trim(), description: description.trim() };
      onSaved(
        team
          ? await api.teams.update(team.id, {
              ...body,
              ...(overflow !== undefined ? { overflow } : {}),
              ...(calendarId !== (team.openingHours?.id ?? '')
                ? { openingHoursCalendarId: calendarId || null }
                : {}),
            })
          : await api.teams.create(body),
      );
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
        {team && (
          <>
            <Field
              label="Overflow to"
              optional
              hint="A chat that has waited the delay may also go to this team’s agents, keeping its place in the queue (not on to that team’s own overflow)."
              error={fieldError('overflow.teamId') ?? fieldError('overflow')}
            >
              {(control) => (
                <select
                  {...control}
                  class="input select"
                  value={fallbackId}
                  onChange={(e) => setFallbackId(e.currentTarget.value)}
                >
                  <option value="">No overflow: only {team.name}’s agents</option>
                  {fallbacks.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {fallbackId && (
              <Field
                label="After waiting"
                hint="From when the chat started: 10 seconds to 24 hours."
                error={delayProblem ?? fieldError('overflow.afterSeconds')}
              >
                {(control) => (
                  <div class="delay-input">
                    <input
                      {...control}
                      class="input"
                      type="number"
                      inputMode="decimal"
                      min="0"
                      step="any"
                      required
                      value={amount}
                      onInput={(e) => setAmount(e.currentTarget.value)}
                    />
                    <select
                      class="input select"
                      aria-label="Unit of the delay"
                      value={unit}
                      onChange={(e) => setUnit(e.currentTarget.value as DelayUnit)}
                    >
                      {DELAY_UNITS.map(({ unit: value }) => (
                        <option key={value} value={value}>
                          {value}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </Field>
            )}
            <Field
              label="Opening hours"
              optional
              hint="Outside these hours customers cannot start a chat on this team’s topics and are offered to leave a message. Calendars are kept under ticket settings."
              error={fieldError('openingHoursCalendarId') ?? calendars.error}
            >
              {(control) => (
                <select
                  {...control}
                  class="input select"
                  value={calendarId}
                  onChange={(e) => setCalendarId(e.currentTarget.value)}
                >
                  <option value="">Always open</option>
                  {(calendars.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.timeZone})
                    </option>
                  ))}
                  {team.openingHours && !calendars.data && (
                    <option value={team.openingHours.id}>{team.openingHours.name}</option>
                  )}
                </select>
              )}
            </Field>
          </>
        )}
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
