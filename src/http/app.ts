// Builds the Fastify application: plugins, API routes, real-time gateway, docs and web app.
// Everything it needs is passed in, so tests build it with their own store, clock and config.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import type { Gateway } from '../realtime/gateway.js';
import { GATEWAY_PROTOCOL } from '../domain/credentials.js';
import { authPlugin } from './auth.js';
import { handleError, registerErrorHandler } from './errorHandler.js';
import {
  answerClientError,
  answerHandshakeError,
  answerUnmetExpectation,
  requireHostHeader,
} from './malformedRequests.js';
import { refuseWhileClosing } from './closing.js';
import { registerHealthRoutes } from './routes/health.js';
import { accountMailRoutes } from './routes/accountMail.js';
import { mailRoutes } from './routes/mail.js';
import { accountRoutes } from './routes/accounts.js';
import { agentRoutes } from './routes/agents.js';
import { customerRoutes } from './routes/customers.js';
import { authRoutes } from './routes/auth.js';
import { documentSharedErrors } from './routes/common.js';
import { fileRoutes } from './routes/files.js';
import { liveChatRoutes } from './routes/liveChat.js';
import { messageRoutes } from './routes/messages.js';
import { transcriptRoutes } from './routes/transcripts.js';
import { quickResponseRoutes } from './routes/quickResponses.js';
import { teamRoutes } from './routes/teams.js';
import { chatTicketRoutes, ticketRoutes } from './routes/tickets.js';
import { calendarRoutes, slaPolicyRoutes, ticketFieldRoutes } from './routes/ticketSettings.js';
import { ticketViewRoutes } from './routes/ticketViews.js';
import { ticketCcRoutes } from './routes/ticketCcs.js';
import { ticketThreadRoutes } from './routes/ticketThread.js';
import { searchRoutes } from './routes/search.js';
import { reportRoutes } from './routes/reports.js';
import { ticketReportRoutes } from './routes/ticketReports.js';
import { topicRoutes } from './routes/topics.js';
import { transferOfferRoutes } from './routes/transferOffers.js';
import { preferenceRoutes } from './routes/preferences.js';
import { sessionRoutes } from './routes/sessions.js';
import { surveyRoutes } from './routes/surveys.js';
import { signUpRoutes } from './routes/signUp.js';
import { ticketSurveyRoutes } from './routes/ticketSurveys.js';
import { visitorRoutes } from './routes/visitors.js';
import { serializeRequest } from './requestLog.js';
import { registerSecurityHeaders } from './securityHeaders.js';
import { registerWebApp } from './webApp.js';
import { widgetSettingsRoutes } from './routes/widgetSettings.js';
import { loadWidgetSettings } from '../services/widget/widgetSettings.js';

const setBelow = (): never => {
  throw new Error('the validator and serializer compilers are set when the app is built');
};

/** JSON bodies are small (a message is at most 5,000 characters); anything bigger is refused with 413. */
const BODY_LIMIT = 64 * 1024;

export interface AppDeps {
  config: Config;
  ctx: ServiceContext;
  gateway: Gateway;
  /** True when this node can serve traffic (database reachable, not shutting down). */
  isReady: () => Promise<boolean>;
  /** Where the log goes; standard output unless a test reads it. */
  logStream?: DestinationStream | undefined;
}

export async function buildApp({
  config,
  ctx,
  gateway,
  isReady,
  logStream,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Every request's URL is logged, and an SSO landing's holds its token.
      serializers: { req: serializeRequest },
      ...(logStream ? { stream: logStream } : {}),
    },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: handleError,
    clientErrorHandler: answerClientError,
    // Refused by requireHostHeader and refuseWhileClosing instead, in the API's format.
    http: { requireHostHeader: false },
    return503OnClosing: false,
    // Both compilers are set below, before any route: without these stand-ins Fastify would
    // still load its default Ajv and fast-json-stringify compilers, which start-up paid for.
    schemaController: { compilersFactory: { buildValidator: setBelow, buildSerializer: setBelow } },
  }).withTypeProvider<ZodTypeProvider>();
  app.server.on('checkExpectation', answerUnmetExpectation);
  refuseWhileClosing(app);
  app.addHook('onRequest', requireHostHeader);
  // The API speaks JSON only; a text/plain body (a classic cross-site form trick) gets 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  // Responses are shaped by the presenters, whose return types the compiler checks against the
  // response schemas; re-validating every body at run time cost more than the query behind it.
  // The schemas still document every response in OpenAPI.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandler(app);
  registerSecurityHeaders(app, config);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Switchboard API',
        version: '1.0.0',
        description:
          'Live chat and support. Browsers authenticate with the session cookie from /auth/login; other clients send `Authorization: Bearer <token>` from /auth/tokens. Real-time events: see docs/protocol.md.',
      },
      // Relative to the document's own address, unless the deployment says where it lives.
      servers: [{ url: config.publicOrigin ?? '/' }],
      tags: [
        {
          name: 'auth',
          description:
            'Signing in and out: password, bearer tokens, SSO; password reset and address verification by mail',
        },
        { name: 'accounts', description: 'Accounts, managed by super admins' },
        { name: 'sessions', description: 'Chats: start, list, take, assign, transfer, end, rate' },
        { name: 'messages', description: 'The messages of a chat, and read receipts' },
        {
          name: 'files',
          description:
            'Attachments: upload into a chat or a ticket, then send in a message; served checked',
        },
        { name: 'agents', description: 'Agent status, capacity and statistics' },
        { name: 'customers', description: "A customer's previous chats, for agents" },
        { name: 'quick responses', description: 'Canned replies, shared or personal' },
        { name: 'preferences', description: "The caller's own notification preferences" },
        { name: 'teams', description: 'Teams (departments), their agents and team leads' },
        {
          name: 'transfers',
          description: 'Transfer offers an agent accepts or declines (TRANSFER_MODE=offer)',
        },
        {
          name: 'topics',
          description: 'What customers pick when starting a chat; each leads to a team',
        },
        {
          name: 'tickets',
          description: 'Requests tracked until solved: the inbox, the thread, the history, merges',
        },
        {
          name: 'ticket settings',
          description: 'Custom ticket fields, SLA policies and business-hours calendars',
        },
        { name: 'mail', description: 'The outgoing mail outbox: failed mail and retry' },
        { name: 'reports', description: 'Chat metrics for super admins and team leads' },
        {
          name: 'surveys',
          description: 'Questions asked after a chat, and the customers’ answers',
        },
        {
          name: 'visitors',
          description:
            'Guests without accounts, for the chat widget: a visitor token, contact details, identification',
        },
        {
          name: 'live chat',
          description: 'Opening hours: whether live chat is open on a topic, and the offline form',
        },
        {
          name: 'widget',
          description: "The chat widget's settings: its look, topics and the sites that embed it",
        },
      ],
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyWebsocket, {
    options: {
      maxPayload: BODY_LIMIT,
      // A browser offers its token as a subprotocol (domain/credentials.ts); the answer names
      // `switchboard`, never the token (ws would otherwise echo the first one offered).
      handleProtocols: (offered) => (offered.has(GATEWAY_PROTOCOL) ? GATEWAY_PROTOCOL : false),
    },
  });
  app.websocketServer.on('wsClientError', answerHandshakeError);

  await app.register(
    async (api) => {
      api.addHook('onRoute', documentSharedErrors);
      // Only the API's routes: the gateway resolves its handshakes itself, by the same rule.
      await api.register(authPlugin, { config, ctx });
      await api.register(authRoutes, { prefix: '/auth', ctx, config });
      await api.register(accountMailRoutes, { prefix: '/auth', ctx });
      await api.register(signUpRoutes, { prefix: '/sign-up', ctx });
      await api.register(accountRoutes, { prefix: '/accounts', ctx });
      await api.register(sessionRoutes, { prefix: '/sessions', ctx });
      await api.register(messageRoutes, { prefix: '/sessions', ctx });
      await api.register(transcriptRoutes, { prefix: '/sessions', ctx });
      await api.register(fileRoutes, { ctx });
      await api.register(agentRoutes, { prefix: '/agents', ctx });
      await api.register(customerRoutes, { prefix: '/customers', ctx });
      await api.register(quickResponseRoutes, { prefix: '/quick-responses', ctx });
      await api.register(preferenceRoutes, { prefix: '/preferences', ctx });
      await api.register(teamRoutes, { prefix: '/teams', ctx });
      await api.register(topicRoutes, { prefix: '/topics', ctx });
      await api.register(transferOfferRoutes, { prefix: '/transfer-offers', ctx });
      await api.register(ticketRoutes, { prefix: '/tickets', ctx });
      await api.register(ticketThreadRoutes, { prefix: '/tickets', ctx });
      await api.register(ticketCcRoutes, { prefix: '/tickets', ctx });
      await api.register(searchRoutes, { prefix: '/search', ctx });
      await api.register(reportRoutes, { prefix: '/reports', ctx });
      await api.register(ticketReportRoutes, { prefix: '/reports', ctx });
      await api.register(chatTicketRoutes, { prefix: '/sessions', ctx });
      await api.register(ticketFieldRoutes, { prefix: '/ticket-fields', ctx });
      await api.register(ticketViewRoutes, { prefix: '/ticket-views', ctx });
      await api.register(slaPolicyRoutes, { prefix: '/sla-policies', ctx });
      await api.register(calendarRoutes, { prefix: '/calendars', ctx });
      await api.register(mailRoutes, { prefix: '/mail', ctx });
      await api.register(visitorRoutes, { prefix: '/visitors', ctx });
      await api.register(liveChatRoutes, { ctx });
      await api.register(widgetSettingsRoutes, { prefix: '/widget-settings', ctx });
      await api.register(surveyRoutes, { ctx });
      await api.register(ticketSurveyRoutes, { prefix: '/ticket-surveys', ctx });
    },
    { prefix: '/api/v1' },
  );
  gateway.register(app);
  registerHealthRoutes(app, isReady);
  await registerWebApp(app, config.webRoot, {
    serveSourceMaps: config.serveSourceMaps,
    widgetAncestors: async () => (await loadWidgetSettings(ctx)).allowedOrigins,
  });
  return app;
}
