import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  hasRole,
  isRenewalDue,
  CONSOLE_HOME,
  type ConsoleSession,
  type Principal,
  type Role,
} from '../domain/console-access.js';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import { header, wantsJson } from '../middleware/http.js';
import { safeEqual } from '../shared/crypto.js';
import { queryOf, readCookie, redirect, SESSION_COOKIE } from './http.js';

/** A console request past the door: who is calling, and (people) their session. */
export type ConsoleEvent = APIGatewayProxyEvent & { principal: Principal; session?: ConsoleSession };

export type ResolveCaller = (credentials: {
  bearerToken?: string;
  sessionId?: string;
}) => Promise<{ principal: Principal; session?: ConsoleSession } | undefined>;

export interface ConsoleAccessOptions {
  /** The role the route needs; none: any signed-in caller (signing out). */
  role?: Role;
  resolveCaller: ResolveCaller;
  /** The public base URL (read lazily: nothing happens at import). */
  publicUrl: () => string;
  /** Epoch milliseconds. */
  now?: () => number;
}

type Request = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The console's door. No credential: pages redirect to sign-in (keeping the path asked for), JSON gets 401.
 * Wrong role: 403. A person's state-changing request must come from the console's own origin (`Origin`, or
 * `Sec-Fetch-Site` when a browser sends none, or `null`) AND carry the session's CSRF token (form field `csrf` or
 * header `X-CSRF-Token`); programs with a Bearer token send no cookies, so need neither. Every answer is
 * `no-store`. The caller lands on `event.principal` (and `event.session`) for the handler.
 */
export function consoleAccess(
  options: ConsoleAccessOptions,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const now = options.now ?? Date.now;
  const consoleAccessBefore = async (request: Request): Promise<APIGatewayProxyResult | void> => {
    const event = request.event;
    const caller = await options.resolveCaller({
      bearerToken: bearerToken(event),
      sessionId: readCookie(event, SESSION_COOKIE),
    });
    const page = !wantsJson(event);
    if (!caller) {
      if (page) return toSignIn(event, options.publicUrl());
      throw new UnauthorizedError('Sign in, or send a bearer access token');
    }
    // Half its life gone: a page view renews the session first (through sign-in, and straight back).
    if (caller.session && page && READS.has(event.httpMethod) && isRenewalDue(caller.session, now() / 1000)) {
      return toSignIn(event, options.publicUrl());
    }
    if (options.role && !hasRole(caller.principal, options.role)) {
      throw new ForbiddenError(`This needs the ${options.role} role`);
    }
    if (caller.session && !READS.has(event.httpMethod))
      checkSameOrigin(event, caller.session, options.publicUrl());
    Object.assign(event, caller);
  };
  const consoleAccessAfter = (request: Request): void => {
    if (request.response) {
      request.response.headers = { ...request.response.headers, 'Cache-Control': 'no-store' };
    }
  };
  return { before: consoleAccessBefore, after: consoleAccessAfter };
}

/** The bearer token, if the request has an Authorization header; any other scheme is refused. */
function bearerToken(event: APIGatewayProxyEvent): string | undefined {
  const authorization = header(event, 'authorization');
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new UnauthorizedError('The Authorization header must be Bearer <access token>');
  return match[1]!;
}

/** To sign-in, then back to the page asked for (a page read; after any other request, the console's home). */
function toSignIn(event: APIGatewayProxyEvent, publicUrl: string): APIGatewayProxyResult {
  const read = READS.has(event.httpMethod);
  const returnTo = read ? event.path + queryOf(event) : CONSOLE_HOME;
  return redirect(read ? 302 : 303, `${publicUrl}/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
}

/** Cross-site request forgery: the request must come from the console's origin and carry the session's token. */
function checkSameOrigin(event: APIGatewayProxyEvent, session: ConsoleSession, publicUrl: string): void {
  const origin = header(event, 'origin');
  const fetchSite = header(event, 'sec-fetch-site');
  // Pages sent with `Referrer-Policy: no-referrer` make Chromium post `Origin: null`: Sec-Fetch-Site decides then.
  const sameOrigin =
    origin !== undefined && origin !== 'null'
      ? origin === new URL(publicUrl).origin
      : fetchSite === 'same-origin';
  if (!sameOrigin) throw new ForbiddenError('This request did not come from the console');
  const token = header(event, CSRF_HEADER) ?? formField(event, CSRF_FIELD);
  if (!token || !safeEqual(token, session.csrfToken)) {
    throw new ForbiddenError('This request did not carry the console session token');
  }
}

/** One field of a urlencoded form body, read without consuming it (the handler parses the body itself). */
function formField(event: APIGatewayProxyEvent, name: string): string | undefined {
  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded' || !event.body) return undefined;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return new URLSearchParams(body).get(name) ?? undefined;
}
