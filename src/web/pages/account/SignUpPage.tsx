// "Create an account", where the deployment lets customers sign up (CUSTOMER_SIGN_UP): with
// `open` the new account signs in at once; with `verification` the page says to follow the
// mailed link first, after which the sign-in page takes the address.
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/vocabulary.js';
import { Link } from '../../app/router.js';
import { publicApi, signIn } from '../../app/signIn.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SignInCard } from '../../components/SignInCard.js';
import { EmailField, SignInCardForm } from '../../components/SignInCardForm.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { accountProblem } from './accountProblems.js';

export function SignUpPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mailedTo, setMailedTo] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission(accountProblem);

  const submit = async () => {
    const address = email.trim();
    await run(async () => {
      const { account } = await publicApi.auth.signUp({
        name: name.trim(),
        email: address,
        password,
      });
      if (account === 'active') await signIn(address, password);
      else setMailedTo(address);
    });
  };

  return (
    <SignInCard title="Create an account" subtitle="Live chat with our support team">
      {mailedTo ? (
        <div class="stack">
          <Alert tone="info" title="Check your mail">
            We mailed a link to {mailedTo}. Follow it within a day to confirm the address, then sign
            in. No mail after a few minutes? Look in your spam folder.
          </Alert>
          <Link href="/login">Back to sign in</Link>
        </div>
      ) : (
        <SignInCardForm
          onSubmit={submit}
          problem={problem}
          busy={busy}
          ready={!!name.trim() && !!email && password.length >= LIMITS.password.min}
          submitLabel="Create account"
          after={<Link href="/login">I have an account</Link>}
        >
          <TextField
            label="Your name"
            name="name"
            autocomplete="name"
            required
            maxLength={LIMITS.name}
            value={name}
            onValue={setName}
          />
          <EmailField value={email} onValue={setEmail} />
          <TextField
            label="Password"
            type="password"
            name="password"
            autocomplete="new-password"
            hint={`At least ${LIMITS.password.min} characters`}
            required
            value={password}
            onValue={setPassword}
          />
        </SignInCardForm>
      )}
    </SignInCard>
  );
}
