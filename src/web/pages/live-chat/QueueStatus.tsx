// While a chat waits: its place in the queue and the estimated wait, updated live, and a plain
// explanation when no agent is online (the chat stays queued for the first one who comes).
import type { QueuePosition } from '../../../shared/api.js';
import { Alert } from '../../components/Alert.js';
import { queueMessages } from './queueMessages.js';

export function QueueStatus({ queue }: { queue: QueuePosition | null }) {
  const messages = queue && queueMessages(queue);
  return (
    <div class="queue" aria-live="polite">
      <div class="queue__pulse" aria-hidden="true" />
      {messages ? (
        <div class="queue__text">
          <p class="queue__position">{messages.position}</p>
          {messages.wait && <p class="queue__wait">{messages.wait}</p>}
        </div>
      ) : (
        <p class="queue__text">Finding you an agent…</p>
      )}
      {messages?.nobodyOnline && (
        <Alert tone="warning" title="No agents are online right now" class="queue__alert">
          Your chat stays in the queue and the first agent to come online will pick it up. Keep this
          page open: you will see them join here. You can add details below while you wait.
        </Alert>
      )}
    </div>
  );
}
