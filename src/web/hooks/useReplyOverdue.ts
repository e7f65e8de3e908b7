// How long a customer may wait for the agent's reply before the chat is pointed out
// (REPLY_OVERDUE_SECONDS, from GET /agents/settings), in milliseconds; null until known. A
// deployment's setting: asked once per tab, again only after a failed try.
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/endpoints.js';
import { useServices } from '../app/services.js';

let asked: Promise<number> | null = null;

function replyOverdueMs(api: Api): Promise<number> {
  asked ??= api.agents.settings().then(
    (settings) => settings.replyOverdueSeconds * 1000,
    (error: unknown) => {
      asked = null;
      throw error;
    },
  );
  return asked;
}

export function useReplyOverdueMs(): number | null {
  const { api } = useServices();
  const [thresholdMs, setThresholdMs] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    replyOverdueMs(api).then(
      (ms) => live && setThresholdMs(ms),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  return thresholdMs;
}
