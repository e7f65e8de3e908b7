// What every screen of a signed-in person uses (who they are, the API, the socket, the tab's
// conversations, an agent's quick responses), made once per sign-in and handed down through
// context.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Person } from '../../shared/api.js';
import type { Api } from '../api/endpoints.js';
import type { ConversationRegistry } from '../chat/conversationRegistry.js';
import type { QuickResponseCatalog } from '../chat/quickResponseCatalog.js';
import type { RealtimeClient } from '../realtime/realtimeClient.js';

export interface Services {
  me: Person;
  api: Api;
  realtime: RealtimeClient;
  conversations: ConversationRegistry;
  /** Null for people who have no quick responses (customers). */
  quickResponses: QuickResponseCatalog | null;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside a signed-in screen');
  return services;
}
