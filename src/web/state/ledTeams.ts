// The teams the signed-in agent leads, for the whole sign-in: the agent's desk reads them from
// the API and keeps them here, and the conversation stores ask whether a chat is one the agent
// monitors as its team's lead (rather than one transferred away from them).
import type { Team } from '../../shared/teamsApi.js';
import { Observable } from './observable.js';

export const ledTeams = new Observable<readonly Team[]>([]);
