// What keeps a conversation from working, worded the same on every chat screen: before it is
// loaded it stands in for the chat, afterwards it sits above it while live updates are down.
// Whether it is being retried decides between "trying again" and "stopped".
import type { ConversationView } from '../../chat/conversationStore.js';
import { Alert } from '../Alert.js';

export function ConversationProblem({
  view,
  class: className,
}: {
  view: ConversationView;
  class?: string;
}) {
  const { problem, retrying } = view;
  if (!problem) return null;
  if (view.conversation.session === null) {
    return retrying ? (
      <Alert tone="warning" title="This chat cannot be opened yet" class={className}>
        {problem} Trying again…
      </Alert>
    ) : (
      <Alert tone="danger" class={className}>
        {problem}
      </Alert>
    );
  }
  return (
    <Alert tone="warning" class={className}>
      {retrying
        ? `Live updates paused: ${problem} Trying again…`
        : `Live updates stopped: ${problem}`}
    </Alert>
  );
}
