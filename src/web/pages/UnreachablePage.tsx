// Shown on load when Switchboard cannot say whether the person is signed in (offline, server
// restarting): not a sign-in form, since their sign-in may well be fine, but a plain "trying
// again" with a way to try at once. It checks again as soon as the network comes back.
import { useEffect } from 'preact/hooks';
import { useDocumentTitle } from '../app/documentTitle.js';
import { checkSignIn } from '../app/signIn.js';
import { Alert } from '../components/Alert.js';
import { Button } from '../components/Button.js';
import { SignInCard } from '../components/SignInCard.js';
import { Spinner } from '../components/Spinner.js';

export function UnreachablePage({ problem }: { problem: string }) {
  useDocumentTitle("Can't reach Switchboard");
  useEffect(() => {
    const online = () => void checkSignIn();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  return (
    <SignInCard title="Can't reach Switchboard" subtitle="Retrying automatically">
      <Alert tone="warning">{problem}</Alert>
      <p class="unreachable__retrying">
        <Spinner label="Trying again" />
        <span aria-hidden="true">Trying again…</span>
      </p>
      <Button variant="secondary" onClick={() => void checkSignIn()} class="btn--block">
        Try now
      </Button>
    </SignInCard>
  );
}
