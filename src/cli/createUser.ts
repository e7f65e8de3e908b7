// `switchboard create-user`: creates an account from the command line (e.g. the first super admin).
import type { Config } from '../config.js';
import { CreateAccountBody } from '../shared/api.js';
import { createAccount } from '../services/accounts/accounts.js';
import { withOfflineContext } from './offlineContext.js';

export async function createUserCommand(
  config: Config,
  options: {
    email?: string | undefined;
    name?: string | undefined;
    password?: string | undefined;
    role?: string | undefined;
  },
): Promise<number> {
  const parsed = CreateAccountBody.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const user = await withOfflineContext(config, (ctx) => createAccount(ctx, null, parsed.data));
  console.log(`Created ${user.role} ${user.name} <${user.email}> (${user.id})`);
  return 0;
}
