// Whether live chat is open on the chosen topic, asked again each minute while the form is shown
// (opening hours pass and agents come and go). Undefined until known, and without topics.
import { useEffect } from 'preact/hooks';
import type { TopicAvailability } from '../../../shared/liveChatApi.js';
import { useServices } from '../../app/services.js';
import { useAsync } from '../../hooks/useAsync.js';

const REFRESH_MS = 60_000;

export function useLiveChatAvailability(topicId: string | undefined): {
  availability: TopicAvailability | undefined;
  reload: () => Promise<void>;
} {
  const { api } = useServices();
  const asked = useAsync(
    async () => (topicId ? (await api.liveChat.availability({ topicId })).items[0] : undefined),
    [topicId],
  );
  useEffect(() => {
    const timer = setInterval(() => void asked.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [topicId]);
  return { availability: asked.data ?? undefined, reload: asked.reload };
}
