import { describe, expect, it } from 'vitest';
import {
  customerPolicy,
  personPolicy,
  quickResponsePolicy,
  sessionPolicy,
  reportPolicy,
  teamPolicy,
  ticketPolicy,
  transferOfferPolicy,
  type SessionFacts,
  type TicketFacts,
  type TransferOfferFacts,
  type Viewer,
} from './policies.js';

const customer: Viewer = { id: 'c', role: 'user' };
const otherCustomer: Viewer = { id: 'c2', role: 'user' };
const agent: Viewer = { id: 'a', role: 'admin' };
const otherAgent: Viewer = { id: 'a2', role: 'admin' };
const boss: Viewer = { id: 's', role: 'super_admin' };

const waiting: SessionFacts = { customerId: 'c', agentId: null, status: 'waiting' };
const active: SessionFacts = { customerId: 'c', agentId: 'a', status: 'active' };

describe('session policy', () => {
  it('lets customers see only their own sessions', () => {
    expect(sessionPolicy.view(customer, active)).toBe(true);
    expect(sessionPolicy.view(otherCustomer, active)).toBe(false);
    expect(sessionPolicy.view(otherCustomer, waiting)).toBe(false);
  });

  it('lets agents see the queue and their own chats, not colleagues’ chats', () => {
    expect(sessionPolicy.view(otherAgent, waiting)).toBe(true);
    expect(sessionPolicy.view(agent, active)).toBe(true);
    expect(sessionPolicy.view(otherAgent, active)).toBe(false);
  });

  it('lets every agent read an ended chat (the desk’s history), never a customer but its own', () => {
    const ended: SessionFacts = { ...active, status: 'ended' };
    expect(sessionPolicy.view(otherAgent, ended)).toBe(true);
    expect(sessionPolicy.view(otherCustomer, ended)).toBe(false);
    // Reading is all: a colleague's ended chat is not theirs to tag.
    expect(sessionPolicy.tag(otherAgent, ended)).toBe(false);
    expect(customerPolicy.listSessions(otherAgent)).toBe(true);
    expect(customerPolicy.listSessions(customer)).toBe(false);
  });

  it('keeps a transcript visible to an agent who handed the chat over', () => {
    expect(sessionPolicy.view(otherAgent, { ...active, pastAgentIds: ['a2'] })).toBe(true);
  });

  it('lets super admins see everything but write only in their own chats', () => {
    expect(sessionPolicy.view(boss, active)).toBe(true);
    expect(sessionPolicy.sendMessage(boss, active)).toBe(false);
    expect(sessionPolicy.end(boss, active)).toBe(true);
  });

  it('lets only the two participants write', () => {
    expect(sessionPolicy.sendMessage(customer, active)).toBe(true);
    expect(sessionPolicy.sendMessage(agent, active)).toBe(true);
    expect(sessionPolicy.sendMessage(otherAgent, active)).toBe(false);
  });

  it('lets whoever writes in a chat attach files to it, a message or a note', () => {
    expect(sessionPolicy.attachFiles(customer, active)).toBe(true);
    expect(sessionPolicy.attachFiles(agent, active)).toBe(true);
    // A super admin reading along writes notes, and so attaches to them.
    expect(sessionPolicy.attachFiles(boss, active)).toBe(true);
    expect(sessionPolicy.attachFiles(otherAgent, active)).toBe(false);
    expect(sessionPolicy.attachFiles(otherCustomer, active)).toBe(false);
  });

  it('lets only the customer rate', () => {
    expect(sessionPolicy.rate(customer, active)).toBe(true);
    expect(sessionPolicy.rate(agent, active)).toBe(false);
  });

  it('lets agents take and only super admins assign to someone else', () => {
    expect(sessionPolicy.take(agent)).toBe(true);
    expect(sessionPolicy.take(customer)).toBe(false);
    expect(sessionPolicy.assignToOther(agent, waiting)).toBe(false);
    expect(sessionPolicy.assignToOther(boss, waiting)).toBe(true);
    expect(sessionPolicy.assignsToOthers(agent)).toBe(false);
    expect(sessionPolicy.assignsToOthers(boss)).toBe(true);
  });

  it('lets the assigned agent or a super admin transfer', () => {
    expect(sessionPolicy.transfer(agent, active)).toBe(true);
    expect(sessionPolicy.transfer(otherAgent, active)).toBe(false);
    expect(sessionPolicy.transfer(boss, active)).toBe(true);
  });
});

describe('team lead rights', () => {
  const financeLead: Viewer = { id: 'l', role: 'admin', leadTeamIds: ['finance'] };
  const itLead: Viewer = { id: 'l2', role: 'admin', leadTeamIds: ['it'] };
  const financeChat: SessionFacts = { ...active, agentId: 'a', teamId: 'finance' };
  const financeQueue: SessionFacts = { ...waiting, teamId: 'finance' };
  const ended: SessionFacts = { ...financeChat, status: 'ended' };

  it('lets a lead see every chat of their teams, and no other team’s', () => {
    expect(sessionPolicy.view(financeLead, financeChat)).toBe(true);
    expect(sessionPolicy.view(financeLead, ended)).toBe(true);
    expect(sessionPolicy.view(itLead, financeChat)).toBe(false);
    expect(sessionPolicy.view(financeLead, { ...active, teamId: null })).toBe(false);
  });

  it('lets a lead reassign and transfer their teams’ chats, but not write in them', () => {
    expect(sessionPolicy.assignToOther(financeLead, financeQueue)).toBe(true);
    expect(sessionPolicy.assignToOther(itLead, financeQueue)).toBe(false);
    expect(sessionPolicy.assignsToOthers(itLead)).toBe(true);
    expect(sessionPolicy.transfer(financeLead, financeChat)).toBe(true);
    expect(sessionPolicy.transfer(itLead, financeChat)).toBe(false);
    expect(sessionPolicy.sendMessage(financeLead, financeChat)).toBe(false);
  });

  it('gives lead rights to agents only: a customer listed as lead gets none', () => {
    const odd: Viewer = { id: 'c', role: 'user', leadTeamIds: ['finance'] };
    expect(sessionPolicy.view(odd, { ...financeChat, customerId: 'x' })).toBe(false);
    expect(sessionPolicy.assignsToOthers(odd)).toBe(false);
  });

  it('shows a team’s agents and load to its leads and super admins', () => {
    expect(teamPolicy.seeAgents(financeLead, 'finance')).toBe(true);
    expect(teamPolicy.seeAgents(itLead, 'finance')).toBe(false);
    expect(teamPolicy.seeAgents(boss, 'finance')).toBe(true);
    expect(teamPolicy.manage(financeLead)).toBe(false);
  });

  it('shows reports to super admins, and to leads about their own teams only', () => {
    const agent: Viewer = { id: 'a', role: 'admin', leadTeamIds: [] };
    const odd: Viewer = { id: 'c', role: 'user', leadTeamIds: ['finance'] };
    expect(reportPolicy.view(boss)).toBe(true);
    expect(reportPolicy.view(financeLead)).toBe(true);
    expect(reportPolicy.view(agent)).toBe(false);
    expect(reportPolicy.view(odd)).toBe(false);
    expect(reportPolicy.viewTeam(financeLead, 'finance')).toBe(true);
    expect(reportPolicy.viewTeam(financeLead, 'it')).toBe(false);
    expect(reportPolicy.viewTeam(boss, 'it')).toBe(true);
    expect(reportPolicy.viewTeam(odd, 'finance')).toBe(false);
  });

  it('shows agents’ rows to super admins, a lead their teams’ agents, an agent their own', () => {
    const agent: Viewer = { id: 'a', role: 'admin', leadTeamIds: [] };
    const customerLeading: Viewer = { id: 'c', role: 'user', leadTeamIds: ['finance'] };
    const inFinance = { id: 'a2', teamIds: ['finance'] };
    const inIt = { id: 'a3', teamIds: ['it'] };
    expect(reportPolicy.viewAgents(agent)).toBe(true);
    expect(reportPolicy.viewAgents(customer)).toBe(false);
    expect(reportPolicy.viewAgentRow(boss, inIt)).toBe(true);
    expect(reportPolicy.viewAgentRow(financeLead, inFinance)).toBe(true);
    expect(reportPolicy.viewAgentRow(financeLead, inIt)).toBe(false);
    expect(reportPolicy.viewAgentRow(agent, { id: 'a', teamIds: [] })).toBe(true);
    expect(reportPolicy.viewAgentRow(agent, inFinance)).toBe(false);
    expect(reportPolicy.viewAgentRow(customerLeading, inFinance)).toBe(false);
  });
});

describe('quick response policy', () => {
  it('reserves shared responses to super admins and personal ones to their owner', () => {
    expect(quickResponsePolicy.manage(boss, { ownerId: null })).toBe(true);
    expect(quickResponsePolicy.manage(agent, { ownerId: null })).toBe(false);
    expect(quickResponsePolicy.manage(agent, { ownerId: 'a' })).toBe(true);
    expect(quickResponsePolicy.manage(otherAgent, { ownerId: 'a' })).toBe(false);
    expect(quickResponsePolicy.use(customer)).toBe(false);
  });

  it('lets a team’s leads and super admins keep its responses, and offers them to its members', () => {
    const finance = { ownerId: null, teamId: 'finance' };
    const member: Viewer = { id: 'm', role: 'admin', memberTeamIds: ['finance'] };
    const financeLead: Viewer = { ...member, id: 'l', leadTeamIds: ['finance'] };
    const itLead: Viewer = { id: 'l2', role: 'admin', leadTeamIds: ['it'], memberTeamIds: ['it'] };
    expect(quickResponsePolicy.manage(financeLead, finance)).toBe(true);
    expect(quickResponsePolicy.manage(boss, finance)).toBe(true);
    expect(quickResponsePolicy.manage(itLead, finance)).toBe(false);
    expect(quickResponsePolicy.manage(member, finance)).toBe(false);
    // A team's response is not shared: leading a team gives no say over the shared ones.
    expect(quickResponsePolicy.manage(financeLead, { ownerId: null })).toBe(false);
    expect(quickResponsePolicy.view(member, finance)).toBe(true);
    expect(quickResponsePolicy.view(financeLead, finance)).toBe(true);
    expect(quickResponsePolicy.view(boss, finance)).toBe(true);
    expect(quickResponsePolicy.view(itLead, finance)).toBe(false);
    expect(quickResponsePolicy.view(agent, finance)).toBe(false);
    expect(quickResponsePolicy.view({ ...customer, memberTeamIds: ['finance'] }, finance)).toBe(
      false,
    );
    expect(quickResponsePolicy.view(member, { ownerId: null })).toBe(true);
  });
});

describe('person policy', () => {
  it('shows a customer their own email and an agent’s only when the deployment says so', () => {
    expect(personPolicy.seeEmail(customer, customer, false)).toBe(true);
    expect(personPolicy.seeEmail(customer, agent, false)).toBe(false);
    expect(personPolicy.seeEmail(customer, boss, false)).toBe(false);
    expect(personPolicy.seeEmail(customer, agent, true)).toBe(true);
    expect(personPolicy.seeEmail(customer, otherCustomer, true)).toBe(false);
  });

  it('shows agents and super admins everyone’s email', () => {
    for (const viewer of [agent, boss]) {
      for (const person of [customer, otherAgent, boss]) {
        expect(personPolicy.seeEmail(viewer, person, false)).toBe(true);
      }
    }
  });
});

describe('internal notes', () => {
  const withPast: SessionFacts = { ...active, pastAgentIds: ['a2'] };
  const mentioned: SessionFacts = { ...active, mentionedAgentIds: ['a2'] };
  const ended: SessionFacts = { ...active, status: 'ended' };
  /** An agent wrote to the desk as a customer. */
  const agentsOwn: SessionFacts = { customerId: 'a2', agentId: 'a', status: 'active' };

  it('lets the assigned agent, past and mentioned agents and super admins add notes', () => {
    expect(sessionPolicy.addNote(agent, active)).toBe(true);
    expect(sessionPolicy.addNote(otherAgent, withPast)).toBe(true);
    expect(sessionPolicy.addNote(otherAgent, mentioned)).toBe(true);
    expect(sessionPolicy.addNote(boss, active)).toBe(true);
    expect(sessionPolicy.addNote(agent, ended)).toBe(true);
  });

  it('never lets the customer add or read notes, even a customer who is an agent', () => {
    expect(sessionPolicy.addNote(customer, active)).toBe(false);
    expect(sessionPolicy.readNotes(customer, active)).toBe(false);
    expect(sessionPolicy.addNote(otherAgent, agentsOwn)).toBe(false);
    expect(sessionPolicy.readNotes(otherAgent, agentsOwn)).toBe(false);
  });

  it('keeps notes from agents who may not see the chat', () => {
    expect(sessionPolicy.addNote(otherAgent, active)).toBe(false);
    expect(sessionPolicy.readNotes(otherAgent, active)).toBe(false);
  });

  it('lets a mentioned agent read the chat but not write to the customer', () => {
    expect(sessionPolicy.view(otherAgent, mentioned)).toBe(true);
    expect(sessionPolicy.sendMessage(otherAgent, mentioned)).toBe(false);
  });
});

describe('transfer offers', () => {
  const lead: Viewer = { id: 'l', role: 'admin', leadTeamIds: ['finance'] };
  const otherLead: Viewer = { id: 'l2', role: 'admin', leadTeamIds: ['it'] };
  // Ama (a) offers her chat to Kofi (a2) in Finance's chat; nobody else is in it.
  const offer: TransferOfferFacts = {
    toAgentId: 'a2',
    fromAgentId: 'a',
    offeredById: 'a',
    teamId: 'finance',
  };
  const bystander: Viewer = { id: 'a3', role: 'admin' };

  it('lets the receiver alone accept or decline', () => {
    expect(transferOfferPolicy.answer(otherAgent, offer)).toBe(true);
    for (const viewer of [agent, boss, lead, bystander, customer]) {
      expect(transferOfferPolicy.answer(viewer, offer), viewer.id).toBe(false);
    }
  });

  it('lets whoever may transfer the chat withdraw it, not the receiver', () => {
    for (const viewer of [agent, boss, lead]) {
      expect(transferOfferPolicy.withdraw(viewer, offer), viewer.id).toBe(true);
    }
    expect(
      transferOfferPolicy.withdraw({ id: 'x', role: 'admin' }, { ...offer, offeredById: 'x' }),
    ).toBe(true);
    for (const viewer of [otherAgent, otherLead, bystander, customer]) {
      expect(transferOfferPolicy.withdraw(viewer, offer), viewer.id).toBe(false);
    }
  });

  it('shows an offer to those it concerns and to those who oversee the chat, never a customer', () => {
    for (const viewer of [agent, otherAgent, boss, lead]) {
      expect(transferOfferPolicy.view(viewer, offer), viewer.id).toBe(true);
    }
    for (const viewer of [otherLead, bystander, customer, otherCustomer]) {
      expect(transferOfferPolicy.view(viewer, offer), viewer.id).toBe(false);
    }
    // A customer named in the facts is still no agent.
    expect(transferOfferPolicy.view(customer, { ...offer, toAgentId: 'c' })).toBe(false);
    expect(transferOfferPolicy.list(agent)).toBe(true);
    expect(transferOfferPolicy.list(customer)).toBe(false);
  });
});

describe('ticket policy', () => {
  const member: Viewer = { id: 'm', role: 'admin', memberTeamIds: ['finance'] };
  const lead: Viewer = {
    id: 'l',
    role: 'admin',
    memberTeamIds: ['finance'],
    leadTeamIds: ['finance'],
  };
  const outsider: Viewer = { id: 'o', role: 'admin', memberTeamIds: ['it'], leadTeamIds: ['it'] };
  const finance: TicketFacts = { requesterId: 'c', assigneeId: null, teamId: 'finance' };
  const noTeam: TicketFacts = { ...finance, teamId: null };

  it('shows a ticket to its requester, its team, its assignee and super admins', () => {
    expect(ticketPolicy.view(customer, finance)).toBe(true);
    expect(ticketPolicy.view(otherCustomer, finance)).toBe(false);
    expect(ticketPolicy.view(member, finance)).toBe(true);
    expect(ticketPolicy.view(lead, finance)).toBe(true);
    expect(ticketPolicy.view(outsider, finance)).toBe(false);
    expect(ticketPolicy.view(outsider, { ...finance, assigneeId: 'o' })).toBe(true);
    expect(ticketPolicy.view(boss, finance)).toBe(true);
  });

  it('shows a ticket of no team to every agent, and to no other customer', () => {
    expect(ticketPolicy.view(outsider, noTeam)).toBe(true);
    expect(ticketPolicy.view(agent, noTeam)).toBe(true);
    expect(ticketPolicy.view(otherCustomer, noTeam)).toBe(false);
  });

  it('keeps notes and the history from the requester, even an agent writing to the desk', () => {
    const own: TicketFacts = { ...noTeam, requesterId: 'a' };
    expect(ticketPolicy.view(agent, own)).toBe(true);
    expect(ticketPolicy.readNotes(agent, own)).toBe(false);
    expect(ticketPolicy.readHistory(agent, own)).toBe(false);
    expect(ticketPolicy.reply(agent, own)).toBe(true);
    expect(ticketPolicy.readNotes(customer, finance)).toBe(false);
    expect(ticketPolicy.readNotes(member, finance)).toBe(true);
    expect(ticketPolicy.addNote(outsider, finance)).toBe(false);
  });

  it('lets whoever writes in the thread upload files for it: the requester and the desk', () => {
    expect(ticketPolicy.attachFiles(customer, finance)).toBe(true);
    expect(ticketPolicy.attachFiles(member, finance)).toBe(true);
    expect(ticketPolicy.attachFiles(lead, finance)).toBe(true);
    expect(ticketPolicy.attachFiles(boss, finance)).toBe(true);
    expect(ticketPolicy.attachFiles(outsider, finance)).toBe(false);
    expect(ticketPolicy.attachFiles(otherCustomer, finance)).toBe(false);
  });

  it('lets agents take a free ticket or give up their own, and leads and super admins assign anyone', () => {
    expect(ticketPolicy.assign(member, finance, 'm')).toBe(true);
    expect(ticketPolicy.assign(member, finance, 'l')).toBe(false);
    const taken = { ...finance, assigneeId: 'l' };
    expect(ticketPolicy.assign(member, taken, 'm')).toBe(false);
    expect(ticketPolicy.assign(member, taken, null)).toBe(false);
    expect(ticketPolicy.assign(member, { ...finance, assigneeId: 'm' }, null)).toBe(true);
    expect(ticketPolicy.assign(lead, taken, 'm')).toBe(true);
    expect(ticketPolicy.assign(boss, taken, 'm')).toBe(true);
    // The lead of another team, even as the assignee, hands it on only as an agent.
    expect(ticketPolicy.assign(outsider, { ...finance, assigneeId: 'o' }, 'm')).toBe(false);
    expect(ticketPolicy.assign(customer, finance, 'm')).toBe(false);
  });
});
