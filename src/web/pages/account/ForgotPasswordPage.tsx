// "Forgot password?": asks for a reset link by mail. The answer is the same whether or not the
// address has an account, and so is what this page says.
import { useState } from 'preact/hooks';
import { Link } from '../../app/router.js';
import { publicApi } from '../../app/signIn.js';
import { Alert } from '../../components/Alert.js';
import { SignInCard } from '../../components/SignInCard.js';
import { EmailField, SignInCardForm } from '../../components/SignInCardForm.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { accountProblem } from './accountProblems.js';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission(accountProblem);

  const submit = async () => {
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
        <SignInCardForm
          onSubmit={submit}
          problem={problem}
          busy={busy}
          ready={!!email}
          submitLabel="Mail me a link"
          after={<Link href="/login">Back to sign in</Link>}
        >
          <EmailField value={email} onValue={setEmail} />
        </SignInCardForm>
      )}
    </SignInCard>
  );
}
