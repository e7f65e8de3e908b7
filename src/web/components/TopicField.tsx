// The topic a customer picks when they start a chat or file a request: shown only when the desk
// offers topics. A link's `?topic=<slug>` preselects one (an unknown slug means the default), and
// with neither the default topic comes first. The chat widget may offer only some of them.
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { Topic } from '../../shared/teamsApi.js';
import { useServices } from '../app/services.js';
import { useAsync } from '../hooks/useAsync.js';
import { Field } from './Field.js';

export interface TopicChoice {
  choices: readonly Topic[];
  /** The topic that will be sent: the one picked, else the preselected, else the default. */
  topicId: string | undefined;
  pick(id: string): void;
}

/**
 * The ids of the topics offered where this renders (the chat widget's settings); null or empty
 * offers every active topic.
 */
export const OfferedTopicsContext = createContext<readonly string[] | null>(null);

export function useTopicChoice(preselectedSlug: string | null): TopicChoice {
  const { api } = useServices();
  const offered = useContext(OfferedTopicsContext);
  const topics = useAsync(() => api.topics.list(), []);
  const all = topics.data?.items ?? [];
  const narrowed = offered?.length ? all.filter((t) => offered.includes(t.id)) : all;
  // Settings naming no topic that still exists offer them all, rather than none.
  const choices = narrowed.length > 0 ? narrowed : all;
  const [picked, setPicked] = useState<string | null>(null);
  const topicId =
    picked ??
    (
      choices.find((t) => t.slug === preselectedSlug) ??
      choices.find((t) => t.isDefault) ??
      choices[0]
    )?.id;
  return { choices, topicId, pick: setPicked };
}

export function TopicField({ choice, error }: { choice: TopicChoice; error: string | null }) {
  if (choice.choices.length === 0) return null;
  return (
    <Field label="Topic" error={error}>
      {(control) => (
        <select
          {...control}
          class="input select"
          name="topic"
          value={choice.topicId}
          onChange={(e) => choice.pick(e.currentTarget.value)}
        >
          {choice.choices.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
