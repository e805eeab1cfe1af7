import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CASE_ID } from '../domain/ids.js';
import { NotFoundError, UnauthorizedError } from '../shared/errors.js';
import { SECURITY_HEADERS } from '../shared/security-headers.js';

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * A request header by its lower-case name, however the client cased it (API Gateway passes names as sent).
 * Six lines instead of @middy/http-header-normalizer, which rewrote every header for the same answer.
 */
export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === name) return value ?? undefined;
  }
  return undefined;
}

export function bearerToken(event: APIGatewayProxyEvent): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '');
  if (!match) throw new UnauthorizedError();
  return match[1]!;
}

/** The shape of each id a path carries by name (`{caseId}` in every route that has one). */
const ID_SHAPES: Readonly<Record<string, RegExp>> = { caseId: CASE_ID };

/**
 * A path parameter, checked against its id's shape (`shape`, or the one its name has): a value of another
 * shape names nothing, so it is a 404 before anything is read with it, never a 500 from the store.
 */
export function pathParameter(
  event: APIGatewayProxyEvent,
  name: string,
  shape: RegExp | undefined = ID_SHAPES[name],
): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new Error(`Missing path parameter ${name}`);
  if (shape && !shape.test(value)) throw new NotFoundError();
  return value;
}

/** JSON for programs that ask for it; HTML pages for people. */
export function wantsJson(event: Pick<APIGatewayProxyEvent, 'headers'>): boolean {
  return /application\/(problem\+)?json/i.test(header(event, 'accept') ?? '');
}
