// The deployment's settings the agents' pages follow (GET /agents/settings): when a reply is
// overdue, whether a transfer to an agent is an offer they accept. Asked once per tab, again only
// after a failed try; null until known.
import { useEffect, useState } from 'preact/hooks';
import type { DeskSettings } from '../../shared/api.js';
import type { Api } from '../api/endpoints.js';
import { useServices } from '../app/services.js';

let asked: Promise<DeskSettings> | null = null;

function deskSettings(api: Api): Promise<DeskSettings> {
  asked ??= api.agents.settings().catch((error: unknown) => {
    asked = null;
    throw error;
  });
  return asked;
}

export function useDeskSettings(): DeskSettings | null {
  const { api } = useServices();
  const [settings, setSettings] = useState<DeskSettings | null>(null);
  useEffect(() => {
    let live = true;
    deskSettings(api).then(
      (known) => live && setSettings(known),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  return settings;
}
