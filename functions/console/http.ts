import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { SessionTimes } from '../domain/console-access.js';
import { header } from '../middleware/http.js';
import { SECURITY_HEADERS } from '../shared/security-headers.js';

/** The console session's cookie: only its random id. */
export const SESSION_COOKIE = 'concord_console';
/** A sign-in under way, from its start to the provider's callback: only its random id. */
export const SIGN_IN_COOKIE = 'concord_sign_in';

/** A cookie the request carries, by name (the first, as browsers send the most specific path first). */
export function readCookie(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  for (const pair of (header(event, 'cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/** The public URL's path, if the API sits under one (an API Gateway stage): cookie paths start there. */
const basePath = (publicUrl: string) => new URL(publicUrl).pathname.replace(/\/$/, '');

function cookie(
  publicUrl: string,
  name: string,
  value: string,
  path: string,
  maxAge: number,
  sameSite: string,
) {
  const secure = new URL(publicUrl).protocol === 'https:' ? '; Secure' : '';
  return `${name}=${value}; Path=${basePath(publicUrl)}${path}; Max-Age=${Math.max(0, maxAge)}; HttpOnly; SameSite=${sameSite}${secure}`;
}

/**
 * The session cookie: HttpOnly, SameSite=Strict (no other site's page can make the browser send it),
 * the console's paths only, Secure whenever the public URL is https, and as short-lived as the session.
 */
export const sessionCookie = (publicUrl: string, sessionId: string, maxAge: number) =>
  cookie(publicUrl, SESSION_COOKIE, sessionId, '/console', maxAge, 'Strict');
export const clearSessionCookie = (publicUrl: string) => sessionCookie(publicUrl, '', 0);
/** A session cookie lives as long as its session: a renewal sets it again. */
export const sessionMaxAge = (session: Pick<SessionTimes, 'expiresAt'>, nowMs = Date.now()) =>
  session.expiresAt - Math.floor(nowMs / 1000);

/**
 * The sign-in's cookie is Lax: the provider's redirect to the callback is a cross-site navigation, which
 * carries Lax cookies but not Strict ones. It names the server-side sign-in and binds it to this browser.
 */
export const signInCookie = (publicUrl: string, transactionId: string, maxAge: number) =>
  cookie(publicUrl, SIGN_IN_COOKIE, transactionId, '/console/callback', maxAge, 'Lax');
export const clearSignInCookie = (publicUrl: string) => signInCookie(publicUrl, '', 0);

/** Adds cookies to an answer (each its own Set-Cookie header). */
export function withCookies(
  answer: APIGatewayProxyResult,
  cookies: readonly string[],
): APIGatewayProxyResult {
  if (cookies.length === 0) return answer;
  return { ...answer, multiValueHeaders: { ...answer.multiValueHeaders, 'Set-Cookie': [...cookies] } };
}

/** A redirect (302 after a read, 303 after a post), setting cookies on the way. */
export function redirect(
  statusCode: 302 | 303,
  location: string,
  cookies: readonly string[] = [],
): APIGatewayProxyResult {
  return withCookies({ statusCode, headers: { ...SECURITY_HEADERS, Location: location }, body: '' }, cookies);
}

/** The request's query string as received (`?a=1&b=2`, or empty). */
export function queryOf(event: Pick<APIGatewayProxyEvent, 'multiValueQueryStringParameters'>): string {
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.append(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
