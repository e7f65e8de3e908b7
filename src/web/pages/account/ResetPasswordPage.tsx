// The page a reset mail's link opens (/reset-password?token=…): choose a new password. Setting
// it ends every sign-in of the account, this one too, so the next step is signing in with it.
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/vocabulary.js';
import { Link } from '../../app/router.js';
import { publicApi } from '../../app/signIn.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SignInCard } from '../../components/SignInCard.js';
import { SignInCardForm } from '../../components/SignInCardForm.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { accountProblem } from './accountProblems.js';

export function ResetPasswordPage({ token }: { token: string | null }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const { busy, problem, run } = useSubmission(accountProblem);
  const short = password.length > 0 && password.length < LIMITS.password.min;
  const differs = again.length > 0 && again !== password;

  const submit = async () => {
    if (!token || short || differs) return;
    await run(async () => {
      await publicApi.auth.confirmPasswordReset(token, password);
      setDone(true);
    });
  };

  return (
    <SignInCard title="Choose a new password" subtitle="For your Switchboard account">
      {!token ? (
        <div class="stack">
          <Alert tone="danger">
            This link is incomplete. Open the link from the mail again, or ask for a new one.
          </Alert>
          <Link href="/forgot-password">Ask for a new link</Link>
        </div>
      ) : done ? (
        <div class="stack">
          <Alert tone="info" title="Your password is set">
            Sign in with it now. Every other sign-in of your account has ended.
          </Alert>
          <Link href="/login" class="btn btn--primary btn--block">
            Sign in
          </Link>
        </div>
      ) : (
        <SignInCardForm
          onSubmit={submit}
          problem={problem}
          busy={busy}
          ready={!!password && password === again && !short}
          submitLabel="Set the new password"
          after={problem && <Link href="/forgot-password">Ask for a new link</Link>}
        >
          <TextField
            label="New password"
            type="password"
            name="new-password"
            autocomplete="new-password"
            hint={`At least ${LIMITS.password.min} characters`}
            error={short ? `At least ${LIMITS.password.min} characters` : undefined}
            required
            value={password}
            onValue={setPassword}
          />
          <TextField
            label="New password again"
            type="password"
            name="new-password-again"
            autocomplete="new-password"
            error={differs ? 'The two passwords differ' : undefined}
            required
            value={again}
            onValue={setAgain}
          />
        </SignInCardForm>
      )}
    </SignInCard>
  );
}
