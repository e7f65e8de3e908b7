// Who may do what: the permission rules as small predicates over plain facts. Every HTTP route
// and WebSocket subscription asks these; storage's visibleSessions() is the same rule as a query.
import type { Role, SessionStatus } from '../shared/vocabulary.js';
import { AGENT_ROLES } from '../shared/vocabulary.js';

export interface Viewer {
  id: string;
  role: Role;
  /**
   * The teams this viewer leads. Loaded where a rule needs it (services/teams/teamLeads.ts);
   * absent means none.
   */
  leadTeamIds?: readonly string[];
  /**
   * The (not archived) teams this viewer belongs to, leads included. Loaded where a rule needs it
   * (services/teams/teamLeads.ts withTeams); absent means none.
   */
  memberTeamIds?: readonly string[];
}

export interface SessionFacts {
  customerId: string;
  agentId: string | null;
  status: SessionStatus;
  /** Agents who took part earlier (before a transfer) keep read access to the transcript. */
  pastAgentIds?: readonly string[];
  /**
   * Agents named with `@` in one of the chat's notes: asked in by a colleague, they may read the
   * chat (and add notes) like a past agent, from then on (a `mentioned` chat_participants row).
   */
  mentionedAgentIds?: readonly string[];
  /** The team whose chat this is (from its topic), or null. */
  teamId?: string | null;
}

/** What the ticket rules look at: whose request it is, who works it, which team it belongs to. */
export interface TicketFacts {
  requesterId: string;
  assigneeId: string | null;
  teamId: string | null;
}

/** A quick response's scope: an agent's (ownerId), a team's (teamId), else shared. */
export interface QuickResponseFacts {
  ownerId: string | null;
  teamId?: string | null;
}

export const isAgent = (viewer: Viewer): boolean => AGENT_ROLES.includes(viewer.role);
export const isSuperAdmin = (viewer: Viewer): boolean => viewer.role === 'super_admin';

const isCustomer = (viewer: Viewer, session: SessionFacts) => session.customerId === viewer.id;
const isAssignedAgent = (viewer: Viewer, session: SessionFacts) =>
  session.agentId !== null && session.agentId === viewer.id;
const isPastAgent = (viewer: Viewer, session: SessionFacts) =>
  (session.pastAgentIds ?? []).includes(viewer.id);
const isMentionedAgent = (viewer: Viewer, session: SessionFacts) =>
  (session.mentionedAgentIds ?? []).includes(viewer.id);

/** An agent who leads `teamId`. */
export const leadsTeam = (viewer: Viewer, teamId: string | null | undefined): boolean =>
  isAgent(viewer) && !!teamId && (viewer.leadTeamIds ?? []).includes(teamId);

/** The chat belongs to a team the viewer leads. */
const isTeamLead = (viewer: Viewer, session: SessionFacts) => leadsTeam(viewer, session.teamId);

export const sessionPolicy = {
  /**
   * Customers see their own; super admins see all; agents see the waiting queue, the chats they
   * take or took part in, and every ended chat: the desk's history is shared, so whoever answers
   * a customer can read what the desk told them before (their previous chats). A colleague's
   * chat that is still going stays theirs, except to the lead of its team, who monitors it live.
   */
  view(viewer: Viewer, session: SessionFacts): boolean {
    if (isSuperAdmin(viewer) || isCustomer(viewer, session)) return true;
    if (!isAgent(viewer)) return false;
    return (
      session.status === 'waiting' ||
      session.status === 'ended' ||
      isAssignedAgent(viewer, session) ||
      isPastAgent(viewer, session) ||
      isMentionedAgent(viewer, session) ||
      isTeamLead(viewer, session)
    );
  },
  /**
   * Whoever sees the chat's internal notes and may add one: an agent who may view the chat (the
   * assigned agent, past and mentioned agents, the lead of its team, any agent while it waits or
   * once it has ended, super admins), never its customer, even when the customer is an agent
   * writing to the desk.
   */
  readNotes(viewer: Viewer, session: SessionFacts): boolean {
    return isAgent(viewer) && !isCustomer(viewer, session) && sessionPolicy.view(viewer, session);
  },
  addNote(viewer: Viewer, session: SessionFacts): boolean {
    return sessionPolicy.readNotes(viewer, session);
  },
  /** Only the two people in the conversation write in it: a team lead monitors, silently. */
  sendMessage(viewer: Viewer, session: SessionFacts): boolean {
    return isCustomer(viewer, session) || isAssignedAgent(viewer, session);
  },
  /** Uploading a file for the chat: whoever may write in it, a message or a note. */
  attachFiles(viewer: Viewer, session: SessionFacts): boolean {
    return sessionPolicy.sendMessage(viewer, session) || sessionPolicy.addNote(viewer, session);
  },
  end(viewer: Viewer, session: SessionFacts): boolean {
    return isCustomer(viewer, session) || isAssignedAgent(viewer, session) || isSuperAdmin(viewer);
  },
  rate(viewer: Viewer, session: SessionFacts): boolean {
    return isCustomer(viewer, session);
  },
  take(viewer: Viewer): boolean {
    return isAgent(viewer);
  },
  /** Hand a waiting chat to a named agent: super admins, and team leads for their teams' chats. */
  assignToOther(viewer: Viewer, session: SessionFacts): boolean {
    return isSuperAdmin(viewer) || isTeamLead(viewer, session);
  },
  /** Whether the viewer may assign any chat to others at all (before one is looked up). */
  assignsToOthers(viewer: Viewer): boolean {
    return isSuperAdmin(viewer) || (isAgent(viewer) && (viewer.leadTeamIds ?? []).length > 0);
  },
  /**
   * Hand an active chat on, to an agent or to a team's queue (or offer it to an agent, when the
   * deployment asks receivers to accept): its agent, super admins, and the lead of its team.
   */
  transfer(viewer: Viewer, session: SessionFacts): boolean {
    return isAssignedAgent(viewer, session) || isSuperAdmin(viewer) || isTeamLead(viewer, session);
  },
  tag(viewer: Viewer, session: SessionFacts): boolean {
    return (
      isAssignedAgent(viewer, session) ||
      isSuperAdmin(viewer) ||
      (isAgent(viewer) && isPastAgent(viewer, session))
    );
  },
};

/** Who a transfer offer concerns: its receiver, the agent whose chat it is, who made it. */
export interface TransferOfferFacts {
  toAgentId: string;
  fromAgentId: string;
  offeredById: string;
  /** The team of the offered chat, or null. */
  teamId: string | null;
}

const isOfferParty = (viewer: Viewer, offer: TransferOfferFacts) =>
  viewer.id === offer.toAgentId ||
  viewer.id === offer.fromAgentId ||
  viewer.id === offer.offeredById;

export const transferOfferPolicy = {
  /** Offers are the desk's business: agents list those that concern them. */
  list: isAgent,
  /**
   * The receiver, the agent whose chat it is, whoever made it, and those who may transfer the
   * chat anyway (super admins, the lead of its team). To anyone else it does not exist.
   */
  view(viewer: Viewer, offer: TransferOfferFacts): boolean {
    if (!isAgent(viewer)) return false;
    return isOfferParty(viewer, offer) || isSuperAdmin(viewer) || leadsTeam(viewer, offer.teamId);
  },
  /** Only the receiver accepts or declines: nobody takes a chat on someone else's behalf. */
  answer(viewer: Viewer, offer: TransferOfferFacts): boolean {
    return isAgent(viewer) && viewer.id === offer.toAgentId;
  },
  /** Whoever may still transfer the chat withdraws the offer; the receiver declines instead. */
  withdraw(viewer: Viewer, offer: TransferOfferFacts): boolean {
    if (!isAgent(viewer) || viewer.id === offer.toAgentId) return false;
    return (
      viewer.id === offer.fromAgentId ||
      viewer.id === offer.offeredById ||
      isSuperAdmin(viewer) ||
      leadsTeam(viewer, offer.teamId)
    );
  },
};

const isRequester = (viewer: Viewer, ticket: TicketFacts) => ticket.requesterId === viewer.id;
const isAssignee = (viewer: Viewer, ticket: TicketFacts) =>
  ticket.assigneeId !== null && ticket.assigneeId === viewer.id;
/** The ticket has no team (everyone's), or a team the agent belongs to or leads. */
const inTicketTeam = (viewer: Viewer, ticket: TicketFacts) =>
  ticket.teamId === null ||
  (viewer.memberTeamIds ?? []).includes(ticket.teamId) ||
  leadsTeam(viewer, ticket.teamId);

export const ticketPolicy = {
  /**
   * Requesters see their own; super admins all; agents the tickets of their teams, those of no
   * team (the whole desk's), and those assigned to them wherever they are. A team's lead is one
   * of its members, so they see its tickets too. storage's tickets visibleTo is this rule as SQL.
   */
  view(viewer: Viewer, ticket: TicketFacts): boolean {
    if (isSuperAdmin(viewer) || isRequester(viewer, ticket)) return true;
    return isAgent(viewer) && (isAssignee(viewer, ticket) || inTicketTeam(viewer, ticket));
  },
  /**
   * Works the ticket as the desk: replies for the desk, notes, changes, merges. An agent who sees
   * it, never its requester, even an agent who wrote to the desk (they act as the requester).
   */
  work(viewer: Viewer, ticket: TicketFacts): boolean {
    return isAgent(viewer) && !isRequester(viewer, ticket) && ticketPolicy.view(viewer, ticket);
  },
  /** Internal notes are the desk's: whoever works the ticket reads and writes them. */
  readNotes(viewer: Viewer, ticket: TicketFacts): boolean {
    return ticketPolicy.work(viewer, ticket);
  },
  addNote(viewer: Viewer, ticket: TicketFacts): boolean {
    return ticketPolicy.work(viewer, ticket);
  },
  /** A public reply: the requester on their own ticket, or the desk. */
  reply(viewer: Viewer, ticket: TicketFacts): boolean {
    return isRequester(viewer, ticket) || ticketPolicy.work(viewer, ticket);
  },
  /** Uploading a file for the ticket: whoever may write in its thread, a reply or a note. */
  attachFiles(viewer: Viewer, ticket: TicketFacts): boolean {
    return ticketPolicy.reply(viewer, ticket) || ticketPolicy.addNote(viewer, ticket);
  },
  /**
   * The mail a message came from, as received (headers, quoted history, every part): any agent
   * who sees the ticket; never a customer, to whom it does not exist.
   */
  readOriginalMail(viewer: Viewer, ticket: TicketFacts): boolean {
    return isAgent(viewer) && ticketPolicy.view(viewer, ticket);
  },
  /** The requester's own changes: mark it solved, reopen it. */
  changeAsRequester(viewer: Viewer, ticket: TicketFacts): boolean {
    return isRequester(viewer, ticket);
  },
  /**
   * Who may become the assignee (null: nobody). Super admins and the leads of the ticket's team
   * hand it to anyone; other agents take a ticket nobody has, or give up their own.
   */
  assign(viewer: Viewer, ticket: TicketFacts, assigneeId: string | null): boolean {
    if (!ticketPolicy.work(viewer, ticket)) return false;
    if (isSuperAdmin(viewer) || leadsTeam(viewer, ticket.teamId)) return true;
    const free = ticket.assigneeId === null || ticket.assigneeId === viewer.id;
    return free && (assigneeId === viewer.id || assigneeId === null);
  },
  /** Filing a ticket for someone else, with its team, assignee, tags or channel: agents. */
  fileForOthers: isAgent,
  /** The event history (who changed what) is the desk's. */
  readHistory(viewer: Viewer, ticket: TicketFacts): boolean {
    return ticketPolicy.work(viewer, ticket);
  },
  /** Custom fields, SLA policies and business calendars are the super admin's. */
  manageSettings: isSuperAdmin,
  /** The SLA standing of a ticket, tags and team are the desk's business, not the requester's. */
  seeDeskDetails: isAgent,
};

export const customerPolicy = {
  /** Agents look up a customer's chats (each as sessionPolicy.view lets them see it). */
  listSessions: isAgent,
};

export const personPolicy = {
  /**
   * Agents and super admins see everyone's email, and everyone sees their own; a customer sees
   * an agent by name only, unless the deployment shows agents' emails to customers
   * (SHOW_AGENT_EMAIL_TO_CUSTOMERS).
   */
  seeEmail(viewer: Viewer, person: Viewer, agentEmailsToCustomers: boolean): boolean {
    if (personPolicy.seeEveryEmail(viewer) || person.id === viewer.id) return true;
    return agentEmailsToCustomers && isAgent(person);
  },
  seeEveryEmail: isAgent,
  /** Finding customers and agents by name or email is the desk's: a customer gets a 403. */
  search: isAgent,
};

export const accountPolicy = {
  manage: isSuperAdmin,
};

export const teamPolicy = {
  /** Teams, their members and leads, and topics are the super admin's. */
  manage: isSuperAdmin,
  /** Agents see the teams (to know who is where, to transfer later). */
  list: isAgent,
  /** The team's agents with their status and load: its leads and super admins. */
  seeAgents(viewer: Viewer, teamId: string): boolean {
    return isSuperAdmin(viewer) || leadsTeam(viewer, teamId);
  },
};

export const topicPolicy = {
  manage: isSuperAdmin,
  /** Everyone signed in lists the active topics (customers pick one on the start form). */
  listArchived: isSuperAdmin,
  /** Which team a topic leads to is the desk's business, not the customer's. */
  seeTeam: isAgent,
};

export const agentPolicy = {
  /** Agents see each other's status (to transfer); super admins too. */
  list: isAgent,
  setOwnStatus: isAgent,
};

export const reportPolicy = {
  /** Reports are for super admins, and for team leads about the teams they lead. */
  view(viewer: Viewer): boolean {
    return isSuperAdmin(viewer) || (isAgent(viewer) && (viewer.leadTeamIds ?? []).length > 0);
  },
  viewTeam(viewer: Viewer, teamId: string): boolean {
    return isSuperAdmin(viewer) || leadsTeam(viewer, teamId);
  },
  /** The agent report: super admins and team leads, and every agent for their own row. */
  viewAgents: isAgent,
  /**
   * An agent's row (given the teams they belong to): super admins see every one, a team lead
   * those of the agents of the teams they lead, an agent their own.
   */
  viewAgentRow(viewer: Viewer, agent: { id: string; teamIds: readonly string[] }): boolean {
    if (!isAgent(viewer)) return false;
    if (isSuperAdmin(viewer) || agent.id === viewer.id) return true;
    return agent.teamIds.some((teamId) => leadsTeam(viewer, teamId));
  },
};

export const quickResponsePolicy = {
  use: isAgent,
  /**
   * Agents see the shared responses, their own, and those of the teams they belong to (in every
   * chat, not only their teams' chats); super admins see every one.
   */
  view(viewer: Viewer, response: QuickResponseFacts): boolean {
    if (!isAgent(viewer)) return false;
    if (isSuperAdmin(viewer)) return true;
    if (response.ownerId !== null) return response.ownerId === viewer.id;
    if (response.teamId) {
      return (
        (viewer.memberTeamIds ?? []).includes(response.teamId) || leadsTeam(viewer, response.teamId)
      );
    }
    return true;
  },
  /**
   * Shared responses are the super admin's; a team's are its leads' and the super admin's;
   * personal ones belong to their agent alone.
   */
  manage(viewer: Viewer, response: QuickResponseFacts): boolean {
    if (response.ownerId !== null) return response.ownerId === viewer.id && isAgent(viewer);
    if (response.teamId) return isSuperAdmin(viewer) || leadsTeam(viewer, response.teamId);
    return isSuperAdmin(viewer);
  },
};
