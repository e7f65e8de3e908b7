// Every REST route the web app calls, typed from the shared API schemas so the browser and the
// server cannot drift apart. Sending messages and read receipts goes over the socket instead,
// but for messages carrying files.
import type {
  Account,
  AgentDirectory,
  AgentState,
  AgentStats,
  CreateAccountBody,
  CurrentSignIn,
  DeskSettings,
  EmailVerified,
  SignUpBody,
  SignUpDone,
  SignUpSettings,
  CreateQuickResponseBody,
  ListAccountsQuery,
  ListSessionsQuery,
  Message,
  NotificationPreferences,
  Page,
  Person,
  QueuePosition,
  QuickResponse,
  Session,
  SessionCounts,
  SessionView,
  SendMessageBody,
  SignInBody,
  StartSessionBody,
  UpdateAccountBody,
  UpdateAgentStatusBody,
  UpdateQuickResponseBody,
  UploadLimits,
} from '../../shared/api.js';
import type { OfflineMessageBody, TopicAvailability } from '../../shared/liveChatApi.js';
import type {
  CreateTeamBody,
  CreateTopicBody,
  Team,
  TeamAgent,
  Topic,
  UpdateTeamBody,
  UpdateTopicBody,
} from '../../shared/teamsApi.js';
import type { TransferOffer, TransferSessionBody } from '../../shared/transfersApi.js';
import type {
  BulkTicketChange,
  BulkTicketReply,
  CreateTicketBody,
  TicketView,
  ListTicketsQuery,
  ReplyToTicketBody,
  Ticket,
  TicketEvent,
  TicketMessage,
  UpdateTicketBody,
} from '../../shared/ticketsApi.js';
import type { CreateTicketViewBody, TicketCc } from '../../shared/ticketsApi.js';
import type { z } from 'zod';
import type { BusinessCalendar, TicketField } from '../../shared/ticketSettingsApi.js';
import type { ChatSearchResult, TicketSearchResult } from '../../shared/searchApi.js';
import type { ListOutboxQuery, MailState, OutboxMail } from '../../shared/mailApi.js';
import type {
  AgentReport,
  ChatDaily,
  ChatHeatmap,
  ChatReport,
  ChatReportQuery,
} from '../../shared/reportsApi.js';
import type { TicketReport, TicketReportQuery } from '../../shared/ticketReportsApi.js';
import type { AnswerTicketSurveyBody, TicketSurvey } from '../../shared/ticketSurveysApi.js';
import type {
  CreateVisitorBody,
  IdentifyVisitorBody,
  Visitor,
  VisitorContactBody,
  VisitorIssued,
} from '../../shared/visitorsApi.js';
import type { PublicWidgetSettings, WidgetSettings } from '../../shared/widgetSettingsApi.js';
import type {
  AnswerSurveyBody,
  SetSurveyQuestionsBody,
  SurveyAnswers,
  SurveyQuestionList,
  SurveyReport,
} from '../../shared/surveysApi.js';
import type { HttpClient } from './http.js';

/** A send as the client writes it: the fields the server defaults may be left out. */
type SendMessageInput = Partial<SendMessageBody> & { fileIds: string[] };

export interface SignedIn {
  user: Person;
  expiresAt: string;
}

export type SessionsQuery = Partial<ListSessionsQuery>;
export type AccountsQuery = Partial<ListAccountsQuery>;
/** The inbox's filters; `status` is one status or several. */
export type TicketsQuery = Partial<Omit<ListTicketsQuery, 'status'>> & {
  status?: readonly Ticket['status'][];
};
export type TicketReply = Partial<ReplyToTicketBody> & Pick<ReplyToTicketBody, 'body'>;

export interface MessagePage {
  items: Message[];
  hasMore: boolean;
}

const at = (id: string) => `/sessions/${encodeURIComponent(id)}`;
const ticketAt = (id: string) => `/tickets/${encodeURIComponent(id)}`;

export function createApi(http: HttpClient) {
  return {
    auth: {
      /** Who is signed in: `user` null when nobody is (never a 401, which browsers log). */
      session: () => http.get<CurrentSignIn>('/auth/session'),
      signIn: (body: SignInBody) => http.post<SignedIn>('/auth/login', body),
      signOut: () => http.post<void>('/auth/logout'),
      /** Forgot password: the answer is the same whether or not the address has an account. */
      requestPasswordReset: (email: string) => http.post<void>('/auth/password-reset', { email }),
      confirmPasswordReset: (token: string, password: string) =>
        http.post<void>('/auth/password-reset/confirm', { token, password }),
      verifyEmail: (token: string) => http.post<EmailVerified>('/auth/verify-email', { token }),
      /** Whether customers may make their own account (CUSTOMER_SIGN_UP). */
      signUpSettings: () => http.get<SignUpSettings>('/sign-up'),
      signUp: (body: SignUpBody) => http.post<SignUpDone>('/sign-up', body),
    },
    /** A solved ticket's survey by its mailed link: no sign-in needed. */
    ticketSurveys: {
      read: (token: string) =>
        http.get<TicketSurvey>(`/ticket-surveys/${encodeURIComponent(token)}`),
      answer: (token: string, body: AnswerTicketSurveyBody) =>
        http.post<TicketSurvey>(`/ticket-surveys/${encodeURIComponent(token)}`, body),
    },
    mail: {
      state: () => http.get<MailState>('/mail/status'),
      outbox: (query: Partial<ListOutboxQuery>) =>
        http.get<Page<OutboxMail>>('/mail/outbox', { ...query }),
      retry: (id: string) => http.post<OutboxMail>(`/mail/outbox/${encodeURIComponent(id)}/retry`),
    },
    sessions: {
      list: (query: SessionsQuery) => http.get<Page<SessionView>>('/sessions', { ...query }),
      /** The sizes of the caller's Active, Waiting and History lists. */
      counts: () => http.get<SessionCounts>('/sessions/counts'),
      get: (id: string) => http.get<SessionView>(at(id)),
      start: (body: StartSessionBody) => http.post<Session>('/sessions', body),
      queue: (id: string) => http.get<QueuePosition>(`${at(id)}/queue`),
      end: (id: string) => http.post<Session>(`${at(id)}/end`),
      rate: (id: string, rating: number, feedback?: string) =>
        http.post<Session>(`${at(id)}/rating`, { rating, ...(feedback ? { feedback } : {}) }),
      take: (id: string) => http.post<Session>(`${at(id)}/take`),
      assign: (id: string, agentId: string) => http.post<Session>(`${at(id)}/assign`, { agentId }),
      /**
       * To an agent or a team's queue: the chat as it is now, or (TRANSFER_MODE=offer, to an
       * agent) the offer they accept or decline (see isTransferOffer).
       */
      transfer: (id: string, body: TransferSessionBody) =>
        http.post<Session | TransferOffer>(`${at(id)}/transfer`, body),
      setTags: (id: string, tags: string[]) => http.put<Session>(`${at(id)}/tags`, { tags }),
      /** The chat's ticket: made now, or the one it made before. */
      createTicket: (id: string) => http.post<Ticket>(`${at(id)}/ticket`),
      /** The transcript (no notes) as a file; `query` as transcriptUrl makes it. */
      downloadTranscript: (id: string, query: string) =>
        http.download(`${at(id)}/transcript?${query}`),
      /** Queues the transcript (no notes) to the customer's own address. */
      mailTranscript: (id: string) => http.post<{ queued: true }>(`${at(id)}/transcript/email`),
    },
    transferOffers: {
      /** Pending offers made to, by or for the caller. */
      list: () => http.get<{ items: TransferOffer[] }>('/transfer-offers'),
      accept: (id: string) =>
        http.post<Session>(`/transfer-offers/${encodeURIComponent(id)}/accept`),
      decline: (id: string) =>
        http.post<TransferOffer>(`/transfer-offers/${encodeURIComponent(id)}/decline`),
      withdraw: (id: string) =>
        http.post<TransferOffer>(`/transfer-offers/${encodeURIComponent(id)}/withdraw`),
    },
    messages: {
      /** A message carrying files (text and notes go over the socket). */
      send: (sessionId: string, body: SendMessageInput) =>
        http.post<Message>(`${at(sessionId)}/messages`, body),
      /** Without `beforeSeq`: the newest page. Always oldest first. */
      list: (sessionId: string, query: { beforeSeq?: number; limit?: number } = {}) =>
        http.get<MessagePage>(`${at(sessionId)}/messages`, query),
    },
    customers: {
      /** The customer's chats the caller may see, newest first. */
      sessions: (customerId: string, query: { cursor?: string; limit?: number } = {}) =>
        http.get<Page<SessionView>>(`/customers/${encodeURIComponent(customerId)}/sessions`, {
          ...query,
        }),
    },
    agents: {
      list: () => http.get<AgentDirectory>('/agents'),
      me: () => http.get<AgentState>('/agents/me'),
      settings: () => http.get<DeskSettings>('/agents/settings'),
      updateMe: (body: UpdateAgentStatusBody) => http.patch<AgentState>('/agents/me', body),
      /** Today is the caller's today: the browser's offset from UTC, east positive. */
      myStats: () =>
        http.get<AgentStats>('/agents/me/stats', {
          tzOffsetMinutes: -new Date().getTimezoneOffset(),
        }),
    },
    files: {
      limits: () => http.get<UploadLimits>('/files/limits'),
    },
    preferences: {
      get: () => http.get<NotificationPreferences>('/preferences'),
      set: (body: NotificationPreferences) =>
        http.put<NotificationPreferences>('/preferences', body),
    },
    quickResponses: {
      list: () => http.get<{ items: QuickResponse[] }>('/quick-responses'),
      create: (body: CreateQuickResponseBody) => http.post<QuickResponse>('/quick-responses', body),
      update: (id: string, body: UpdateQuickResponseBody) =>
        http.patch<QuickResponse>(`/quick-responses/${encodeURIComponent(id)}`, body),
      remove: (id: string) => http.delete(`/quick-responses/${encodeURIComponent(id)}`),
      /** The caller inserted it in a chat (their most used come first). */
      use: (id: string) =>
        http.post<QuickResponse>(`/quick-responses/${encodeURIComponent(id)}/use`),
    },
    teams: {
      list: (query: { includeArchived?: boolean } = {}) =>
        http.get<{ items: Team[] }>('/teams', { ...query }),
      create: (body: CreateTeamBody) => http.post<Team>('/teams', body),
      update: (id: string, body: UpdateTeamBody) =>
        http.patch<Team>(`/teams/${encodeURIComponent(id)}`, body),
      remove: (id: string) => http.delete(`/teams/${encodeURIComponent(id)}`),
      setMember: (id: string, agentId: string, isLead: boolean) =>
        http.put<Team>(`/teams/${encodeURIComponent(id)}/members/${encodeURIComponent(agentId)}`, {
          isLead,
        }),
      removeMember: (id: string, agentId: string) =>
        http.delete(`/teams/${encodeURIComponent(id)}/members/${encodeURIComponent(agentId)}`),
      agents: (id: string) =>
        http.get<{ items: TeamAgent[] }>(`/teams/${encodeURIComponent(id)}/agents`),
    },
    /** Business-hours calendars (super admins), e.g. for a team's opening hours. */
    calendars: {
      list: () => http.get<{ items: BusinessCalendar[] }>('/calendars'),
    },
    liveChat: {
      /** Whether live chat is open on each topic now (or only `topicId`), and when it opens. */
      availability: (query: { topicId?: string } = {}) =>
        http.get<{ items: TopicAvailability[] }>('/availability', { ...query }),
      /** The offline form: a ticket with an automatic reply saying when someone answers. */
      leaveMessage: (body: OfflineMessageBody) => http.post<Ticket>('/offline-messages', body),
    },
    topics: {
      list: (query: { includeArchived?: boolean } = {}) =>
        http.get<{ items: Topic[] }>('/topics', { ...query }),
      create: (body: CreateTopicBody) => http.post<Topic>('/topics', body),
      update: (id: string, body: UpdateTopicBody) =>
        http.patch<Topic>(`/topics/${encodeURIComponent(id)}`, body),
      remove: (id: string) => http.delete(`/topics/${encodeURIComponent(id)}`),
    },
    ticketViews: {
      list: () => http.get<{ items: TicketView[] }>('/ticket-views'),
      create: (body: z.input<typeof CreateTicketViewBody>) =>
        http.post<TicketView>('/ticket-views', body),
      remove: (id: string) => http.delete(`/ticket-views/${encodeURIComponent(id)}`),
    },
    tickets: {
      /** The inbox (agents) or the caller's requests, a page at a time. */
      list: ({ status, ...query }: TicketsQuery) =>
        http.get<Page<Ticket>>('/tickets', {
          ...query,
          ...(status && status.length > 0 ? { status: status.join(',') } : {}),
        }),
      /** Tickets found by the words of their subject or thread, best first, with the inbox's filters. */
      search: (q: string, { status, ...query }: TicketsQuery) =>
        http.get<Page<TicketSearchResult>>('/search', {
          q,
          kind: 'tickets',
          ...query,
          ...(status && status.length > 0 ? { status: status.join(',') } : {}),
        }),
      get: (id: string) => http.get<Ticket>(ticketAt(id)),
      create: (body: Partial<CreateTicketBody> & Pick<CreateTicketBody, 'subject' | 'message'>) =>
        http.post<Ticket>('/tickets', body),
      update: (id: string, body: UpdateTicketBody) => http.patch<Ticket>(ticketAt(id), body),
      /** The thread, oldest first (notes only for the desk). */
      messages: (id: string, query: { cursor?: string; limit?: number } = {}) =>
        http.get<Page<TicketMessage>>(`${ticketAt(id)}/messages`, { ...query }),
      reply: (id: string, body: TicketReply) =>
        http.post<TicketMessage>(`${ticketAt(id)}/messages`, body),
      /** The history (the desk's; 403 for the requester). */
      events: (id: string, query: { cursor?: string; limit?: number } = {}) =>
        http.get<Page<TicketEvent>>(`${ticketAt(id)}/events`, { ...query }),
      /** Merges this duplicate into `targetId`: answers the ticket merged into. */
      merge: (id: string, targetId: string) =>
        http.post<Ticket>(`${ticketAt(id)}/merge`, { targetId }),
      /** Who is copied on the desk's replies (agents who may work it). */
      ccs: (id: string) => http.get<{ items: TicketCc[] }>(`${ticketAt(id)}/ccs`),
      setCcs: (id: string, emails: string[]) =>
        http.put<{ items: TicketCc[] }>(`${ticketAt(id)}/ccs`, { emails }),
      /** One change to many tickets, each changed (or refused) as alone. */
      bulk: (ticketIds: readonly string[], change: BulkTicketChange) =>
        http.post<BulkTicketReply>('/tickets/bulk', { ticketIds, change }),
    },
    search: {
      /** Chats found by subject, messages or customer's name or email, best first. */
      chats: (q: string, query: { cursor?: string; limit?: number } = {}) =>
        http.get<Page<ChatSearchResult>>('/search', { q, kind: 'chats', ...query }),
      /** Customers and agents by name or email (the desk only). */
      people: (q: string, query: { cursor?: string; limit?: number } = {}) =>
        http.get<Page<Person>>('/search', { q, kind: 'people', ...query }),
    },
    ticketFields: {
      /** The custom fields, in the order forms show them. */
      list: () => http.get<{ items: TicketField[] }>('/ticket-fields'),
    },
    surveys: {
      /** The questions asked after a chat (anyone signed in). */
      questions: () => http.get<SurveyQuestionList>('/survey-questions'),
      /** Super admins: the questions in order, at most three. */
      setQuestions: (body: SetSurveyQuestionsBody) =>
        http.put<SurveyQuestionList>('/survey-questions', body),
      /** The customer's answers for their ended chat, once. */
      answer: (sessionId: string, body: AnswerSurveyBody) =>
        http.post<SurveyAnswers>(`/sessions/${encodeURIComponent(sessionId)}/survey`, body),
    },
    reports: {
      /** Chat metrics of the chats started in the range (super admins, team leads). */
      chats: (query: ChatReportQuery) => http.get<ChatReport>('/reports/chats', { ...query }),
      /** Per agent: chats, first response, CSAT, time in each status, utilisation (same range). */
      agents: (query: ChatReportQuery) => http.get<AgentReport>('/reports/agents', { ...query }),
      /** Chats by weekday and hour on the desk's clock (the same callers). */
      heatmap: (query: ChatReportQuery) =>
        http.get<ChatHeatmap>('/reports/chats/heatmap', { ...query }),
      /** Chats and median wait per desk day. */
      daily: (query: ChatReportQuery) => http.get<ChatDaily>('/reports/chats/daily', { ...query }),
      /** Survey answers per question and the newest rating comments. */
      surveys: (query: ChatReportQuery) => http.get<SurveyReport>('/reports/surveys', { ...query }),
      /** Ticket metrics of the range (the same callers). */
      tickets: (query: TicketReportQuery) =>
        http.get<TicketReport>('/reports/tickets', { ...query }),
    },
    visitors: {
      /** A guest customer and its token (the chat widget, before anyone signs in). */
      create: (body: CreateVisitorBody = {}) => http.post<VisitorIssued>('/visitors', body),
      update: (body: VisitorContactBody) => http.patch<Visitor>('/visitors/me', body),
      identify: (body: IdentifyVisitorBody) => http.post<VisitorIssued>('/visitors/identify', body),
    },
    widgetSettings: {
      get: () => http.get<WidgetSettings>('/widget-settings'),
      save: (body: WidgetSettings) => http.put<WidgetSettings>('/widget-settings', body),
      /** No sign-in needed: what the widget page shows before it has a visitor. */
      public: () => http.get<PublicWidgetSettings>('/widget-settings/public'),
    },
    accounts: {
      list: (query: AccountsQuery) => http.get<Page<Account>>('/accounts', { ...query }),
      create: (body: CreateAccountBody) => http.post<Account>('/accounts', body),
      update: (id: string, body: UpdateAccountBody) =>
        http.patch<Account>(`/accounts/${encodeURIComponent(id)}`, body),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** What a transfer answered: an offer (202) carries its deadline, a chat does not. */
export const isTransferOffer = (result: Session | TransferOffer): result is TransferOffer =>
  'expiresAt' in result;
