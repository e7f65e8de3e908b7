// `switchboard mail-test [--to address]`: checks the mail settings against the real servers and
// says what is wrong in plain words; exits 1 when a check fails.
import type { Config } from '../config.js';
import { mailChecks, runMailChecks, type MailTestOptions } from './mailChecks.js';

export async function mailTestCommand(config: Config, options: MailTestOptions): Promise<number> {
  const ok = await runMailChecks(mailChecks(config, options), (line) => console.log(line));
  return ok ? 0 : 1;
}
