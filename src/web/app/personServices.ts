// The services of one signed-in person (services.ts), made when they sign in and torn down when
// they leave: the tab's socket, its conversations and an agent's quick responses. Shared by the
// app (a session cookie, signIn.ts) and the chat widget (a visitor's bearer token).
import type { Person } from '../../shared/api.js';
import type { Api } from '../api/endpoints.js';
import { ConversationRegistry } from '../chat/conversationRegistry.js';
import { QuickResponseCatalog } from '../chat/quickResponseCatalog.js';
import { isAgentRole } from '../format/roles.js';
import { leadsTeamOf, ledTeams, memberTeams } from '../state/ledTeams.js';
import { tabStorage } from '../state/tabStorage.js';
import { connectRealtime } from './browserSocket.js';
import type { Services } from './services.js';

export function startServices(
  me: Person,
  api: Api,
  {
    bearer,
    onSignedOut,
  }: {
    /** The bearer token that signs the socket in; none for the session cookie. */
    bearer?: () => string | null;
    /** The socket was told the sign-in is gone. */
    onSignedOut: () => void;
  },
): { services: Services; teardown: () => void } {
  ledTeams.set([]);
  memberTeams.set([]);
  const { client: realtime, disconnect } = connectRealtime(bearer);
  const conversations = new ConversationRegistry({
    api,
    realtime,
    viewer: me,
    storage: tabStorage(),
    monitors: (session) => leadsTeamOf(ledTeams.get(), session),
  });
  const quickResponses = isAgentRole(me.role)
    ? new QuickResponseCatalog(
        async () => (await api.quickResponses.list()).items,
        (id) => api.quickResponses.use(id),
      )
    : null;
  void quickResponses?.refresh();
  const stops = [
    realtime.onState((state) => {
      if (state === 'signedOut') onSignedOut();
    }),
    // Edits made elsewhere while the link was down were missed.
    realtime.onResume(() => void quickResponses?.refresh()),
  ];
  return {
    services: { me, api, realtime, conversations, quickResponses },
    teardown() {
      for (const stop of stops) stop();
      conversations.closeAll();
      disconnect();
    },
  };
}
