// The page a verification mail's link opens (/verify-email?token=…). The address changes on a
// click, not on load: mail scanners open links by themselves, and must not spend the token.
import { useState } from 'preact/hooks';
import { Link } from '../../app/router.js';
import { publicApi } from '../../app/signIn.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { SignInCard } from '../../components/SignInCard.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { accountProblem } from './accountProblems.js';

export function VerifyEmailPage({ token }: { token: string | null }) {
  const [verified, setVerified] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission(accountProblem);

  const confirm = () =>
    run(async () => {
      if (token) setVerified((await publicApi.auth.verifyEmail(token)).email);
    });

  return (
    <SignInCard title="Confirm your new address" subtitle="For your Switchboard account">
      {!token ? (
        <Alert tone="danger">This link is incomplete. Open the link from the mail again.</Alert>
      ) : verified ? (
        <div class="stack">
          <Alert tone="info" title="Your address is changed">
            Your account now uses {verified}: sign in with it from now on.
          </Alert>
          <Link href="/">Continue</Link>
        </div>
      ) : (
        <div class="stack">
          <p>Confirm that this address is yours and that your account should use it.</p>
          {problem && <Alert tone="danger">{problem}</Alert>}
          <Button variant="primary" busy={busy} class="btn--block" onClick={() => void confirm()}>
            Confirm my new address
          </Button>
        </div>
      )}
    </SignInCard>
  );
}
