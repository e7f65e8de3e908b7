// Every page of the app: its path, who may open it, its name in the navigation and the tab title.
// The header's navigation and the router both read this table.
import type { ComponentChildren } from 'preact';
import { AGENT_ROLES, type Role } from '../../shared/vocabulary.js';
import type { IconName } from '../components/Icon.js';
import { AccountsPage } from '../pages/admin/AccountsPage.js';
import { AgentsPage } from '../pages/admin/AgentsPage.js';
import { AllChatsPage } from '../pages/admin/AllChatsPage.js';
import { MailPage } from '../pages/admin/MailPage.js';
import { MonitorChatPage } from '../pages/admin/MonitorChatPage.js';
import { WidgetPage } from '../pages/admin/WidgetPage.js';
import { ChatManagementPage } from '../pages/console/ChatManagementPage.js';
import { AgentTranscriptPage } from '../pages/console/TranscriptPage.js';
import { HistoryPage } from '../pages/live-chat/HistoryPage.js';
import { LiveChatPage } from '../pages/live-chat/LiveChatPage.js';
import { TranscriptPage } from '../pages/live-chat/TranscriptPage.js';
import { MailSettingsPage } from '../pages/settings/MailSettingsPage.js';
import { QuickResponsesPage } from '../pages/quick-responses/QuickResponsesPage.js';
import { LiveDashboardPage } from '../pages/reports/LiveDashboardPage.js';
import { ReportsPage } from '../pages/reports/ReportsPage.js';
import { TeamsPage } from '../pages/teams/TeamsPage.js';
import { NewRequestPage } from '../pages/tickets/NewRequestPage.js';
import { RequestsPage } from '../pages/tickets/RequestsPage.js';
import { TicketPage } from '../pages/tickets/TicketPage.js';
import { TicketsInboxPage } from '../pages/tickets/TicketsInboxPage.js';
import type { Params } from './paths.js';

export interface PageRoute {
  pattern: string;
  roles: readonly Role[];
  title: string;
  /**
   * Listed in the header's navigation under this name (`group`: under the Admin menu;
   * `leadsOnly`: of the agents, only to super admins and team leads).
   */
  nav?: { label: string; icon: IconName; group?: 'admin'; leadsOnly?: boolean };
  render: (params: Params) => ComponentChildren;
}

const ROUTES: readonly PageRoute[] = [
  {
    pattern: '/chat',
    roles: ['user'],
    title: 'Live chat',
    nav: { label: 'Live chat', icon: 'chat' },
    render: () => <LiveChatPage />,
  },
  {
    pattern: '/chat/:id',
    roles: ['user'],
    title: 'Live chat',
    render: ({ id }) => <LiveChatPage key={id} sessionId={id} />,
  },
  {
    pattern: '/history',
    roles: ['user'],
    title: 'Your chats',
    nav: { label: 'History', icon: 'list' },
    render: () => <HistoryPage />,
  },
  {
    pattern: '/history/:id',
    roles: ['user'],
    title: 'Transcript',
    render: ({ id }) => <TranscriptPage key={id} sessionId={id!} />,
  },
  {
    pattern: '/requests',
    roles: ['user'],
    title: 'Your requests',
    nav: { label: 'Requests', icon: 'inbox' },
    render: () => <RequestsPage />,
  },
  {
    pattern: '/requests/new',
    roles: ['user'],
    title: 'New request',
    render: () => <NewRequestPage />,
  },
  {
    pattern: '/requests/:ref',
    roles: ['user'],
    title: 'Request',
    render: ({ ref }) => <TicketPage key={ref} ticketRef={ref!} desk={false} />,
  },
  {
    pattern: '/console',
    roles: AGENT_ROLES,
    title: 'Chat management',
    nav: { label: 'Chat management', icon: 'inbox' },
    render: () => <ChatManagementPage />,
  },
  {
    pattern: '/transcripts/:id',
    roles: AGENT_ROLES,
    title: 'Transcript',
    render: ({ id }) => <AgentTranscriptPage key={id} sessionId={id!} />,
  },
  {
    pattern: '/tickets',
    roles: AGENT_ROLES,
    title: 'Tickets',
    nav: { label: 'Tickets', icon: 'tag' },
    render: () => <TicketsInboxPage />,
  },
  {
    pattern: '/tickets/:ref',
    roles: AGENT_ROLES,
    title: 'Ticket',
    render: ({ ref }) => <TicketPage key={ref} ticketRef={ref!} desk />,
  },
  {
    // Reached from an agent's name in the header, and from the mail it is about.
    pattern: '/settings',
    roles: AGENT_ROLES,
    title: 'Settings',
    render: () => <MailSettingsPage />,
  },
  {
    pattern: '/quick-responses',
    roles: AGENT_ROLES,
    title: 'Quick responses',
    nav: { label: 'Quick responses', icon: 'bolt' },
    render: () => <QuickResponsesPage />,
  },
  {
    pattern: '/admin/chats',
    roles: ['super_admin'],
    title: 'All chats',
    nav: { label: 'All chats', icon: 'list' },
    render: () => <AllChatsPage />,
  },
  {
    pattern: '/admin/chats/:id',
    roles: ['super_admin'],
    title: 'Chat',
    render: ({ id }) => <MonitorChatPage key={id} sessionId={id!} />,
  },
  {
    // Open to every agent, so that a team lead's link works before their teams are read; the
    // page tells an agent who leads no team that it is not theirs.
    pattern: '/reports',
    roles: AGENT_ROLES,
    title: 'Reports',
    nav: { label: 'Reports', icon: 'chart', group: 'admin', leadsOnly: true },
    render: () => <ReportsPage />,
  },
  {
    // Like Reports: the server refuses whoever leads no team, and the page says so.
    pattern: '/reports/live',
    roles: AGENT_ROLES,
    title: 'Live dashboard',
    render: () => <LiveDashboardPage />,
  },
  {
    pattern: '/admin/agents',
    roles: ['super_admin'],
    title: 'Agents',
    nav: { label: 'Agents', icon: 'users', group: 'admin' },
    render: () => <AgentsPage />,
  },
  {
    pattern: '/admin/accounts',
    roles: ['super_admin'],
    title: 'Accounts',
    nav: { label: 'Accounts', icon: 'userPlus', group: 'admin' },
    render: () => <AccountsPage />,
  },
  {
    pattern: '/admin/teams',
    roles: ['super_admin'],
    title: 'Teams',
    nav: { label: 'Teams', icon: 'users', group: 'admin' },
    render: () => <TeamsPage />,
  },
  {
    pattern: '/admin/mail',
    roles: ['super_admin'],
    title: 'Mail',
    nav: { label: 'Mail', icon: 'mail', group: 'admin' },
    render: () => <MailPage />,
  },
  {
    pattern: '/admin/widget',
    roles: ['super_admin'],
    title: 'Widget',
    nav: { label: 'Widget', icon: 'chat', group: 'admin' },
    render: () => <WidgetPage />,
  },
];

/** Where a person lands after signing in, and for any path they cannot open. */
export const homeFor = (role: Role): string => (role === 'user' ? '/chat' : '/console');

export const routesFor = (role: Role) => ROUTES.filter((route) => route.roles.includes(role));
