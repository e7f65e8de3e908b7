// Which roles answer chats: the shared list, as a check the screens can call.
import { AGENT_ROLES, type Role } from '../../shared/vocabulary.js';

export const isAgentRole = (role: Role): boolean => AGENT_ROLES.includes(role);
