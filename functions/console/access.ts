import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { hasRole, CONSOLE_HOME, type Principal, type Role } from '../domain/console-access.js';
import { header, wantsJson } from '../middleware/http.js';
import { safeEqual } from '../shared/crypto.js';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import { callerOf } from './caller.js';
import { queryOf, redirect } from './http.js';

/** A console request past the door: who is calling, and (people) their session's CSRF token. */
export type ConsoleEvent = APIGatewayProxyEvent & { principal: Principal; csrfToken?: string };

export interface ConsoleAccessOptions {
  /** The role the route needs; none: any signed-in caller (signing out). */
  role?: Role;
  /** People only (signing out ends a session: a program has none). */
  peopleOnly?: boolean;
  /** The public base URL (read lazily: nothing happens at import). */
  publicUrl: () => string;
}

type Request = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The console's door, behind its authorizer (authorizer.ts), which put the caller on the request. No
 * credential: pages redirect to sign-in (keeping the path asked for), JSON gets 401. Wrong role: 403. A
 * person's state-changing request must come from the console's own origin (`Origin`, or `Sec-Fetch-Site` when a
 * browser sends none, or `null`) AND carry the session's CSRF token (form field `csrf` or header
 * `X-CSRF-Token`); programs with a Bearer token send no cookies, so need neither. Every answer is `no-store`.
 * The caller lands on `event.principal` (and `event.csrfToken`) for the handler.
 */
export function consoleAccess(
  options: ConsoleAccessOptions,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const consoleAccessBefore = async (request: Request): Promise<APIGatewayProxyResult | void> => {
    const event = request.event;
    const caller = callerOf(event);
    const page = !wantsJson(event);
    if (!caller) {
      if (page) return toSignIn(event, options.publicUrl());
      throw new UnauthorizedError('Sign in, or send a bearer access token');
    }
    // Half its life gone: a page view renews the session first (through sign-in, and straight back).
    if (caller.renewalDue && page && READS.has(event.httpMethod)) return toSignIn(event, options.publicUrl());
    const { principal } = caller;
    if (options.peopleOnly && principal.kind !== 'person')
      throw new ForbiddenError('Only a signed-in person can do this');
    if (options.role && !hasRole(principal, options.role)) {
      throw new ForbiddenError(`This needs the ${options.role} role`);
    }
    if (principal.kind === 'person' && !READS.has(event.httpMethod))
      checkSameOrigin(event, caller.csrfToken, options.publicUrl());
    Object.assign(event, { principal, csrfToken: caller.csrfToken });
  };
  const consoleAccessAfter = (request: Request): void => {
    if (request.response) {
      request.response.headers = { ...request.response.headers, 'Cache-Control': 'no-store' };
    }
  };
  return { before: consoleAccessBefore, after: consoleAccessAfter };
}

/** To sign-in, then back to the page asked for (a page read; after any other request, the console's home). */
function toSignIn(event: APIGatewayProxyEvent, publicUrl: string): APIGatewayProxyResult {
  const read = READS.has(event.httpMethod);
  const returnTo = read ? event.path + queryOf(event) : CONSOLE_HOME;
  return redirect(read ? 302 : 303, `${publicUrl}/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
}

/** Cross-site request forgery: the request must come from the console's origin and carry the session's token. */
function checkSameOrigin(
  event: APIGatewayProxyEvent,
  csrfToken: string | undefined,
  publicUrl: string,
): void {
  const origin = header(event, 'origin');
  const fetchSite = header(event, 'sec-fetch-site');
  // Pages sent with `Referrer-Policy: no-referrer` make Chromium post `Origin: null`: Sec-Fetch-Site decides then.
  const sameOrigin =
    origin !== undefined && origin !== 'null'
      ? origin === new URL(publicUrl).origin
      : fetchSite === 'same-origin';
  if (!sameOrigin) throw new ForbiddenError('This request did not come from the console');
  const token = header(event, CSRF_HEADER) ?? formField(event, CSRF_FIELD);
  if (!token || !csrfToken || !safeEqual(token, csrfToken)) {
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
