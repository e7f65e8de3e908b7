// The sign-in page: email and password (with the way to a forgotten one), and a clear
// explanation when a host application's SSO link failed (/login?error=CODE) or the previous
// sign-in ended; "Create an account" where customers may sign up (GET /sign-up says).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/http.js';
import { errorMessage } from '../api/errorMessage.js';
import { Link } from '../app/router.js';
import { publicApi, signIn } from '../app/signIn.js';
import { Alert } from '../components/Alert.js';
import { TextField } from '../components/Field.js';
import { SignInCard } from '../components/SignInCard.js';
import { EmailField, SignInCardForm } from '../components/SignInCardForm.js';
import { useSubmission } from '../hooks/useSubmission.js';
import { passwordProblem, ssoProblem } from './signInProblems.js';

/** Why signing in failed, explained for the known refusals (wrong password, throttled…). */
function signInFailure(error: unknown): string {
  return error instanceof ApiError
    ? passwordProblem(error.code, error.message)
    : errorMessage(error);
}

export function LoginPage({
  notice,
  errorCode,
}: {
  notice: string | null;
  errorCode: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, problem, run } = useSubmission(signInFailure);

  const submit = () => run(() => signIn(email.trim(), password));
  const signUpOffered = useSignUpOffered();

  return (
    <SignInCard title="Sign in to Switchboard" subtitle="Live chat with our support team">
      {errorCode && (
        <Alert tone="danger" title="Single sign-on failed">
          {ssoProblem(errorCode)}
        </Alert>
      )}
      {notice && <Alert tone="info">{notice}</Alert>}
      <SignInCardForm
        onSubmit={submit}
        problem={problem}
        busy={busy}
        ready={!!email && !!password}
        submitLabel="Sign in"
        after={
          <div class="cluster cluster--between">
            <Link href="/forgot-password">Forgot password?</Link>
            {signUpOffered && <Link href="/sign-up">Create an account</Link>}
          </div>
        }
      >
        <EmailField value={email} onValue={setEmail} />
        <TextField
          label="Password"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
      </SignInCardForm>
    </SignInCard>
  );
}

/** Whether the deployment lets customers make their own account; false until it says so. */
function useSignUpOffered(): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    publicApi.auth.signUpSettings().then(
      ({ mode }) => live && setOffered(mode !== 'off'),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return offered;
}
