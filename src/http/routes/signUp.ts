// Customers making their own account (CUSTOMER_SIGN_UP): whether they may, for the sign-in page,
// and the sign-up itself.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SignUpBody, SignUpDone, SignUpSettings } from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { signUpCustomer } from '../../services/accounts/customerSignUp.js';
import { errorResponses } from './common.js';

const tags = ['auth'];

export const signUpRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'signUpSettings',
        summary: 'Whether customers may make their own account here',
        description:
          'Anyone: the deployment\'s CUSTOMER_SIGN_UP, which the sign-in page reads to offer "Create an account" (`verification` or `open`) or not (`off`).',
        response: { 200: SignUpSettings },
      },
    },
    async () => ({ mode: ctx.settings.customerSignUp }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'signUp',
        summary: 'Make a customer account (when CUSTOMER_SIGN_UP allows)',
        description:
          'No sign-in needed: makes a customer account with this name, address and password. With CUSTOMER_SIGN_UP=`verification` the account gets the address (and so can sign in) only once the link mailed to it is used (`verifyEmail`, valid a day): `awaiting_verification`. With `open` it may sign in at once (`signIn`): `active`. 403 `SIGN_UP_DISABLED` when `off`; 409 `EMAIL_TAKEN` when an account has the address (it is never changed); 429 past SIGN_UP_LIMIT_PER_ADDRESS per client address per hour; 503 `MAIL_DISABLED` when verification is needed and the desk sends no mail.',
        body: SignUpBody,
        response: { 201: SignUpDone, ...errorResponses(400, 403, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const { account } = await signUpCustomer(ctx, { ...request.body, ip: request.ip ?? null });
      reply.code(201);
      return { account };
    },
  );
};
