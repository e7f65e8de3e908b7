// On first start, creates the super admin named by the environment if there is none yet, so a
// fresh deployment can be signed into without the CLI.
import { countActiveSuperAdmins } from '../../storage/repositories/users.js';
import type { ServiceContext } from '../context.js';
import { AppError } from '../../domain/errors.js';
import { createAccount } from './accounts.js';

export async function ensureFirstSuperAdmin(
  ctx: ServiceContext,
  admin: { email: string; password: string; name: string } | null,
): Promise<'created' | 'exists' | 'not_configured'> {
  if ((await countActiveSuperAdmins(ctx.store.db)) > 0) return 'exists';
  if (!admin) return 'not_configured';
  try {
    await createAccount(ctx, null, { ...admin, role: 'super_admin' });
  } catch (error) {
    // Several nodes starting together race to create the same admin; one of them wins.
    if (error instanceof AppError && error.code === 'EMAIL_TAKEN') return 'exists';
    throw error;
  }
  return 'created';
}
