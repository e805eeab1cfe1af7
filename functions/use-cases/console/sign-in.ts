import {
  isLive,
  isRenewalDue,
  knownRoles,
  safeReturnPath,
  sessionTimes,
  type ConsoleSession,
  type Principal,
  type SessionLifetimes,
} from '../../domain/console-access.js';
import type {
  AccessTokenVerifier,
  IdentityProvider,
  ProvidedIdentity,
  ProviderSignOut,
  SessionStore,
} from '../../domain/ports.js';
import { randomToken } from '../../shared/crypto.js';
import { SignInFailedError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';

/** How long a person has between leaving for the provider and coming back to the callback. */
export const SIGN_IN_SECONDS = 10 * 60;
/** How long one request holds a session's renewal before another may try it. */
const RENEWAL_CLAIM_SECONDS = 60;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
const systemClock: Clock = { now: () => Date.now() };
const seconds = (clock: Clock) => Math.floor(clock.now() / 1000);

export interface SessionPorts {
  sessions: SessionStore;
  settings: SessionLifetimes & { rolesClaim: string };
  clock?: Clock;
}

export interface SignInPorts extends SessionPorts {
  identity: IdentityProvider;
}

/** What GET /console/sign-in leads to: back to the console (signed in, or renewed), or to the provider. */
export type SignInStep =
  | { kind: 'signed-in'; returnTo: string; renewed?: ConsoleSession }
  | { kind: 'provider'; url: string; transactionId: string; returnTo: string };

/**
 * Signs a person in, or keeps them signed in: a live session due for renewal is renewed through the
 * provider's refresh (once, however many requests ask at the same time); one not due goes back at once; any
 * other starts a new sign-in at the provider (authorization code with PKCE), its checks kept server-side.
 */
export async function signIn(
  request: { sessionId?: string; returnTo?: string },
  ports: SignInPorts,
): Promise<SignInStep> {
  const returnTo = safeReturnPath(request.returnTo);
  const now = seconds(ports.clock ?? systemClock);
  const session = request.sessionId ? await ports.sessions.get(request.sessionId, now) : undefined;
  if (session && !isRenewalDue(session, now)) return { kind: 'signed-in', returnTo };
  if (session) {
    const renewed = await renew(session, now, ports);
    if (renewed !== 'ended') return { kind: 'signed-in', returnTo, renewed };
  }
  const { url, checks } = await ports.identity.beginSignIn();
  const transactionId = randomToken();
  await ports.sessions.putSignIn({ transactionId, returnTo, expiresAt: now + SIGN_IN_SECONDS, ...checks });
  return { kind: 'provider', url, transactionId, returnTo };
}

/** Renews the session through the provider: the renewed session, undefined if another request is at it. */
async function renew(
  session: ConsoleSession & { refreshToken: string },
  now: number,
  ports: SignInPorts,
): Promise<ConsoleSession | undefined | 'ended'> {
  const claimed = await ports.sessions.claimRenewal(
    session.sessionId,
    session.renewAt,
    now + RENEWAL_CLAIM_SECONDS,
  );
  if (!claimed) return undefined;
  let person: ReturnType<typeof personOf>;
  let identity: ProvidedIdentity;
  try {
    identity = await ports.identity.refresh(session.refreshToken);
    person = personOf(identity, ports.settings.rolesClaim);
    if (person.subject !== session.subject) throw new SignInFailedError('The renewal named another subject');
  } catch (error) {
    if (!(error instanceof SignInFailedError)) throw error;
    // The provider no longer vouches for them (signed out there, disabled, refresh token expired).
    await ports.sessions.delete(session.sessionId);
    logger.info('Console session ended: its renewal was refused', { subject: session.subject });
    return 'ended';
  }
  const renewed: ConsoleSession = {
    ...session,
    ...person,
    refreshToken: identity.refreshToken,
    ...sessionTimes(now, ports.settings, session.endsAt),
  };
  return (await ports.sessions.renew(renewed)) ? renewed : 'ended';
}

/**
 * The provider's callback: takes the sign-in it answers (once; the browser's transaction cookie names it),
 * exchanges the code with its checks, and opens a session under a fresh random id.
 */
export async function finishSignIn(
  request: { transactionId?: string; callbackUrl: URL },
  ports: SignInPorts,
): Promise<{ session: ConsoleSession; returnTo: string }> {
  const now = seconds(ports.clock ?? systemClock);
  const transaction = request.transactionId
    ? await ports.sessions.takeSignIn(request.transactionId, now)
    : undefined;
  if (!transaction) throw new SignInFailedError('This sign-in has expired or was already used');
  const identity = await ports.identity.finishSignIn(request.callbackUrl, transaction);
  const session: ConsoleSession = {
    sessionId: randomToken(),
    ...personOf(identity, ports.settings.rolesClaim),
    csrfToken: randomToken(),
    refreshToken: identity.refreshToken,
    ...sessionTimes(now, ports.settings),
  };
  await ports.sessions.put(session);
  logger.info('Console sign-in', { subject: session.subject });
  return { session, returnTo: transaction.returnTo };
}

/** Who is calling: a program by its access token, or a person by session. */
export async function resolveCaller(
  credentials: { bearerToken?: string; sessionId?: string },
  ports: SessionPorts & { accessTokens: AccessTokenVerifier; apiScopePrefix: string },
): Promise<{ principal: Principal; session?: ConsoleSession } | undefined> {
  if (credentials.bearerToken !== undefined) {
    const token = await ports.accessTokens.verify(credentials.bearerToken);
    const prefix = ports.apiScopePrefix;
    const roles = token.scopes
      .filter((scope) => scope.startsWith(prefix))
      .map((scope) => scope.slice(prefix.length));
    return {
      principal: {
        kind: 'program',
        subject: token.subject,
        clientId: token.clientId,
        roles: knownRoles(roles),
      },
    };
  }
  if (!credentials.sessionId) return undefined;
  const now = seconds(ports.clock ?? systemClock);
  const session = await ports.sessions.get(credentials.sessionId, now);
  if (!session || !isLive(session, now)) return undefined;
  const { subject, email, name, roles } = session;
  return { principal: { kind: 'person', subject, email, name, roles }, session };
}

/** Ends the console session; answers where the provider ends its own, when it offers that. */
export async function signOut(
  session: Pick<ConsoleSession, 'sessionId' | 'subject'>,
  postLogoutRedirect: string,
  ports: { sessions: SessionStore; provider: ProviderSignOut },
): Promise<string | undefined> {
  await ports.sessions.delete(session.sessionId);
  logger.info('Console sign-out', { subject: session.subject });
  return ports.provider.endSessionUrl(postLogoutRedirect);
}

/** The person the provider vouches for: subject, email, name, and the roles their groups give. */
function personOf(
  identity: ProvidedIdentity,
  rolesClaim: string,
): Pick<ConsoleSession, 'subject' | 'email' | 'name' | 'roles'> {
  const { claims } = identity;
  if (typeof claims.sub !== 'string' || !claims.sub)
    throw new SignInFailedError('The ID token names no subject');
  const groups = claims[rolesClaim];
  const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[\s,]+/) : [];
  return {
    subject: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    roles: knownRoles(names),
  };
}
