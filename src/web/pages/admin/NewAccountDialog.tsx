// Creating an account: name, email, a first password and the role (user, agent, super admin).
import { useState } from 'preact/hooks';
import type { Account } from '../../../shared/api.js';
import { LIMITS, ROLES, type Role } from '../../../shared/vocabulary.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { Field, TextField } from '../../components/Field.js';
import { ROLE_LABELS } from '../../format/labels.js';
import { useSubmission } from '../../hooks/useSubmission.js';

const ROLE_HINTS: Record<Role, string> = {
  user: 'Starts chats with the support team.',
  admin: 'An agent: answers chats in Chat management.',
  super_admin: 'An agent who also manages accounts, quick responses and every chat.',
};

export function NewAccountDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (account: Account) => void;
}) {
  const { api } = useServices();
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'user' as Role });
  const { busy, problem, run } = useSubmission(fieldProblem);
  const fieldError = (field: string) => (problem?.field === field ? problem.text : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      onCreated(
        await api.accounts.create({
          name: form.name.trim(),
          email: form.email.trim(),
          password: form.password,
          role: form.role,
        }),
      );
      onClose();
    });
  };

  return (
    <Dialog title="New account" onClose={onClose} size="md">
      <form class="stack" onSubmit={submit} id="new-account">
        <TextField
          label="Name"
          error={fieldError('name')}
          required
          maxLength={LIMITS.name}
          value={form.name}
          onValue={(name) => setForm({ ...form, name })}
        />
        <TextField
          label="Email"
          error={fieldError('email')}
          type="email"
          required
          maxLength={LIMITS.email}
          value={form.email}
          onValue={(email) => setForm({ ...form, email })}
        />
        <TextField
          label="Password"
          hint={`At least ${LIMITS.password.min} characters. Share it privately.`}
          error={fieldError('password')}
          type="password"
          autocomplete="new-password"
          required
          minLength={LIMITS.password.min}
          maxLength={LIMITS.password.max}
          value={form.password}
          onValue={(password) => setForm({ ...form, password })}
        />
        <Field label="Role" hint={ROLE_HINTS[form.role]}>
          {(control) => (
            <select
              {...control}
              class="input select"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
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
            disabled={
              !form.name.trim() || !form.email.trim() || form.password.length < LIMITS.password.min
            }
          >
            Create account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
