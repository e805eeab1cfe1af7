/**
 * Who may use the coordinator console, and how a sign-in's session ages: pure rules, no I/O, no HTTP.
 * People sign in with OpenID Connect (a session); programs present an OAuth 2 access token (Bearer).
 */

/** The console's roles: a coordinator runs cases; an admin keeps the directory. */
export const ROLES = ['coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whoever is calling: a signed-in person, or a program with a client-credentials token. */
export interface Principal {
  kind: 'person' | 'program';
  /** The identity provider's subject: a person's account, or (for programs) the client. */
  subject: string;
  email?: string;
  name?: string;
  /** Programs: the OAuth 2 client the token was issued to. */
  clientId?: string;
  roles: Role[];
}

/** The roles named in a claim or scope list, unknown names left out (a provider may carry other groups). */
export function knownRoles(names: readonly unknown[]): Role[] {
  return ROLES.filter((role) => names.includes(role));
}

export const hasRole = (principal: Principal, role: Role): boolean => principal.roles.includes(role);

/**
 * Who did a console action, as the timeline and a decision name them: a person by email (or name) and subject,
 * a program by its client id. Staff identities, never a patient's.
 */
export function actorOf(principal: Principal): string {
  if (principal.kind === 'program') return `program ${principal.clientId ?? principal.subject}`;
  return `${principal.email ?? principal.name ?? 'coordinator'} (subject ${principal.subject})`;
}

/** Where the console starts, and where a sign-in lands when it was asked for nothing else. */
export const CONSOLE_HOME = '/console';

/**
 * A place to return to after sign-in: a path of the console on this origin, nothing else (no scheme, no
 * `//host`, no backslash, no control characters), so a crafted link cannot send a person elsewhere.
 */
export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || candidate.length > 2048) return CONSOLE_HOME;
  if (!/^\/console(?:[/?]|$)/.test(candidate)) return CONSOLE_HOME;
  // Printable ASCII only (a path as sent is percent-encoded), no backslash (some browsers read it as a slash).
  if (!/^[!-~]+$/.test(candidate) || candidate.includes('\\') || candidate.includes('//'))
    return CONSOLE_HOME;
  return candidate;
}

/** A session's clock, in epoch seconds. */
export interface SessionTimes {
  /** Past this, the session is over (its cookie too): a short life, renewed through the provider's refresh. */
  expiresAt: number;
  /** Past this, a page view renews the session first (half its life gone). */
  renewAt: number;
  /** The sign-in's own end: no renewal goes past it. */
  endsAt: number;
}

export interface SessionLifetimes {
  /** How long a session stands between renewals. */
  sessionSeconds: number;
  /** How long a sign-in lasts, renewals included. */
  maxSeconds: number;
}

/** The times of a session signed in, or renewed, at `now` (`endsAt`: the sign-in's end, when renewing). */
export function sessionTimes(now: number, lifetimes: SessionLifetimes, endsAt?: number): SessionTimes {
  const end = endsAt ?? now + lifetimes.maxSeconds;
  const expiresAt = Math.min(now + lifetimes.sessionSeconds, end);
  return { expiresAt, renewAt: now + Math.floor((expiresAt - now) / 2), endsAt: end };
}

export const isLive = (times: Pick<SessionTimes, 'expiresAt'>, now: number): boolean => now < times.expiresAt;
/**
 * Due for renewal: half its life gone, a refresh token to renew it with, and a renewal would lengthen it (the
 * sign-in's end is further). Without a refresh token a session simply ends when it expires.
 */
export function isRenewalDue<T extends SessionTimes & { refreshToken?: string }>(
  session: T,
  now: number,
): session is T & { refreshToken: string } {
  return session.refreshToken !== undefined && now >= session.renewAt && session.expiresAt < session.endsAt;
}

/** A signed-in person's console session, kept server-side; the cookie carries only its random id. */
export interface ConsoleSession extends SessionTimes {
  sessionId: string;
  subject: string;
  email?: string;
  name?: string;
  roles: Role[];
  /** Sent back with every state-changing form or request: the per-session CSRF token. */
  csrfToken: string;
  /** Renews the session at the provider; absent when the provider gave none (then it ends at expiry). */
  refreshToken?: string;
}

/** What a sign-in's callback must check (state, nonce, PKCE verifier): never leaves the server. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** One sign-in under way, from its start to its callback: single-use, short-lived. */
export interface SignInTransaction extends SignInChecks {
  transactionId: string;
  returnTo: string;
  /** Epoch seconds. */
  expiresAt: number;
}
