// "Forgot password?": asks for a reset link by mail. The answer is the same whether or not the
// address has an account, and so is what this page says.
import { useState } from 'preact/hooks';
import { Link } from '../../app/router.js';
import { publicApi } from '../../app/signIn.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { TextField } from '../../components/Field.js';
import { SignInCard } from '../../components/SignInCard.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { accountProblem } from './accountProblems.js';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission(accountProblem);

  const submit = async (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    await run(async () => {
      await publicApi.auth.requestPasswordReset(address);
      setSentTo(address);
    });
  };

  return (
    <SignInCard title="Forgot your password?" subtitle="We mail you a link to choose a new one">
      {sentTo ? (
        <div class="stack">
          <Alert tone="info" title="Check your mail">
            If an account uses {sentTo}, a link to choose a new password is on its way. It works
            once, for an hour. No mail after a few minutes? Look in your spam folder.
          </Alert>
          <Link href="/login">Back to sign in</Link>
        </div>
      ) : (
        <form class="stack" onSubmit={submit} noValidate>
          <TextField
            label="Email"
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email}
            onValue={setEmail}
          />
          {problem && <Alert tone="danger">{problem}</Alert>}
          <Button type="submit" variant="primary" busy={busy} disabled={!email} class="btn--block">
            Mail me a link
          </Button>
          <Link href="/login">Back to sign in</Link>
        </form>
      )}
    </SignInCard>
  );
}
