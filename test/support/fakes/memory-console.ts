import type {
  ConsoleSession,
  SignInChecks,
  SignInTransaction,
} from '../../../functions/domain/console-access.js';
import type {
  AccessTokenClaims,
  AccessTokenVerifier,
  IdentityProvider,
  ProvidedIdentity,
  ProviderSignOut,
  SessionStore,
} from '../../../functions/domain/ports.js';
import { SignInFailedError, UnauthorizedError } from '../../../functions/shared/errors.js';

/** SessionStore in memory, with DynamoSessionStore's semantics: expired items are never answered, takes are once. */
export class MemorySessionStore implements SessionStore {
  readonly sessions = new Map<string, ConsoleSession>();
  readonly signIns = new Map<string, SignInTransaction>();
  renewalClaims = 0;

  async put(session: ConsoleSession): Promise<void> {
    this.sessions.set(session.sessionId, structuredClone(session));
  }

  async get(sessionId: string, now: number): Promise<ConsoleSession | undefined> {
    const session = this.sessions.get(sessionId);
    return session && session.expiresAt > now ? structuredClone(session) : undefined;
  }

  async claimRenewal(sessionId: string, seenRenewAt: number, until: number): Promise<boolean> {
    const session = this.sessions.get(sessionId);
    if (!session || session.renewAt !== seenRenewAt) return false;
    session.renewAt = until;
    this.renewalClaims += 1;
    return true;
  }

  async renew(session: ConsoleSession): Promise<boolean> {
    if (!this.sessions.has(session.sessionId)) return false;
    this.sessions.set(session.sessionId, structuredClone(session));
    return true;
  }

  async delete(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId);
  }

  async putSignIn(transaction: SignInTransaction): Promise<void> {
    this.signIns.set(transaction.transactionId, structuredClone(transaction));
  }

  async takeSignIn(transactionId: string, now: number): Promise<SignInTransaction | undefined> {
    const transaction = this.signIns.get(transactionId);
    this.signIns.delete(transactionId);
    return transaction && transaction.expiresAt > now ? transaction : undefined;
  }
}

/**
 * A provider that vouches for whoever the test says: `finishSignIn` checks the callback's state against the
 * sign-in's, as a real one (and oauth4webapi) would, and `refresh` answers or refuses as told.
 */
export class FakeIdentityProvider implements IdentityProvider, ProviderSignOut {
  claims: Record<string, unknown> = {
    sub: 'person-1',
    email: 'casey@concord.example',
    name: 'Casey',
    'cognito:groups': ['coordinator'],
  };
  refreshRefused = false;
  refreshes = 0;
  readonly begun: SignInChecks[] = [];

  async beginSignIn(): Promise<{ url: string; checks: SignInChecks }> {
    const n = this.begun.length + 1;
    const checks = { state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: `verifier-${n}` };
    this.begun.push(checks);
    return { url: `https://provider.example/authorize?state=${checks.state}`, checks };
  }

  async finishSignIn(callbackUrl: URL, checks: SignInChecks): Promise<ProvidedIdentity> {
    if (callbackUrl.searchParams.get('state') !== checks.state) {
      throw new SignInFailedError('The sign-in failed a check (state)');
    }
    return { claims: { ...this.claims }, refreshToken: 'refresh-1' };
  }

  async refresh(refreshToken: string): Promise<ProvidedIdentity> {
    this.refreshes += 1;
    if (this.refreshRefused) throw new SignInFailedError('The provider refused the sign-in (invalid_grant)');
    return { claims: { ...this.claims }, refreshToken: `${refreshToken}+` };
  }

  async endSessionUrl(postLogoutRedirect: string): Promise<string | undefined> {
    return `https://provider.example/logout?post_logout_redirect_uri=${encodeURIComponent(postLogoutRedirect)}`;
  }
}

/** Access tokens the test has issued, by value. */
export class FakeAccessTokens implements AccessTokenVerifier {
  readonly issued = new Map<string, AccessTokenClaims>();

  async verify(token: string): Promise<AccessTokenClaims> {
    const claims = this.issued.get(token);
    if (!claims) throw new UnauthorizedError('The access token is not valid here (ERR_JWS_INVALID)');
    return claims;
  }
}
