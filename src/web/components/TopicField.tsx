// The topic a customer picks when they start a chat or file a request: shown only when the desk
// offers topics. A link's `?topic=<slug>` preselects one (an unknown slug means the default), and
// with neither the default topic comes first.
import { useState } from 'preact/hooks';
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

export function useTopicChoice(preselectedSlug: string | null): TopicChoice {
  const { api } = useServices();
  const topics = useAsync(() => api.topics.list(), []);
  const choices = topics.data?.items ?? [];
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
