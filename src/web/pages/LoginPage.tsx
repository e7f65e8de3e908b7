// The sign-in page: email and password, and a clear explanation when a host application's SSO
// link failed (/login?error=CODE) or the previous sign-in ended.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/http.js';
import { errorMessage } from '../api/errorMessage.js';
import { signIn } from '../app/signIn.js';
import { Alert } from '../components/Alert.js';
import { Button } from '../components/Button.js';
import { Field } from '../components/Field.js';
import { Logo } from '../components/Icon.js';
import { passwordProblem, ssoProblem } from './signInProblems.js';

export function LoginPage({
  notice,
  errorCode,
}: {
  notice: string | null;
  errorCode: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? passwordProblem(error.code, error.message)
          : errorMessage(error),
      );
      setBusy(false);
    }
  };

  return (
    <div class="login">
      <main class="login__card" id="main">
        <div class="login__brand">
          <Logo size={40} />
          <div>
            <h1 class="login__title">Sign in to Switchboard</h1>
            <p class="login__subtitle">Live chat with our support team</p>
          </div>
        </div>
        {errorCode && (
          <Alert tone="danger" title="Single sign-on failed">
            {ssoProblem(errorCode)}
          </Alert>
        )}
        {notice && <Alert tone="info">{notice}</Alert>}
        <form class="stack" onSubmit={submit} noValidate>
          <Field label="Email">
            {(control) => (
              <input
                {...control}
                class="input"
                type="email"
                name="email"
                autocomplete="username"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Password">
            {(control) => (
              <input
                {...control}
                class="input"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          {problem && <Alert tone="danger">{problem}</Alert>}
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={!email || !password}
            class="btn--block"
          >
            Sign in
          </Button>
        </form>
      </main>
    </div>
  );
}
