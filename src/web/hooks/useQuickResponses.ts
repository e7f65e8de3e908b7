// The agent's quick responses (shared ones, then their own), for the composer.
import type { QuickResponse } from '../../shared/api.js';
import { useServices } from '../app/services.js';
import { isAgentRole } from '../format/roles.js';
import { useAsync } from './useAsync.js';

/** Null for people who have no quick responses (customers). */
export function useQuickResponses(): readonly QuickResponse[] | null {
  const { api, me } = useServices();
  const agent = isAgentRole(me.role);
  const list = useAsync(
    async () => (agent ? (await api.quickResponses.list()).items : null),
    [agent],
  );
  return agent ? (list.data ?? []) : null;
}
