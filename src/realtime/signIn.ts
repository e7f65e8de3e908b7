// The sign-in (cookie or bearer token) a socket was opened with. A socket must not outlive it:
// signing out closes that sign-in's sockets on every node at once (a `bye` on its own topic), and
// a sign-in that expired or was revoked without a word is noticed by checking it again once its
// known expiry has passed, or after the bus may have lost the `bye`.
import type { Viewer } from '../domain/policies.js';
import { authenticate, signInTopic } from '../services/accounts/authSessions.js';
import type { ServiceContext } from '../services/context.js';

/** What became of the sign-in: the reasons are those of the `bye` frame that closes a socket. */
export type SignInState = 'valid' | 'signed_out' | 'role_changed';

export class SignIn {
  readonly topic: string;
  private checking: Promise<SignInState> | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly secret: string,
    /** As far as this socket knows; using the API may have extended it since. */
    private expiresAt: number,
    private readonly viewer: Viewer,
  ) {
    this.topic = signInTopic(secret);
  }

  /**
   * Whether the socket may stay open as `viewer`. Cheap until the known expiry: only then (or
   * when `recheck` is set) does it ask the database, which also catches a changed role.
   */
  check(recheck = false): Promise<SignInState> {
    if (!recheck && this.ctx.clock.now() < this.expiresAt) return Promise.resolve('valid');
    this.checking ??= this.lookUp().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async lookUp(): Promise<SignInState> {
    const auth = await authenticate(this.ctx, this.secret);
    if (!auth || auth.viewer.id !== this.viewer.id) return 'signed_out';
    if (auth.viewer.role !== this.viewer.role) return 'role_changed';
    this.expiresAt = auth.expiresAt;
    return 'valid';
  }
}
