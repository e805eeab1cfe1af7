import type { APIGatewayProxyEvent } from 'aws-lambda';
import { knownRoles, type Principal } from '../domain/console-access.js';

/** Who is calling the console, as its authorizer found them. */
export interface Caller {
  principal: Principal;
  /** People: their session's CSRF token, which every state-changing request must carry. */
  csrfToken?: string;
  /** People: half the session's life is gone and a refresh token can renew it (a page view renews first). */
  renewalDue?: boolean;
}

/**
 * The caller as the authorizer hands it to the function: API Gateway passes an authorizer's `context` as
 * flat strings in `requestContext.authorizer`, and only API Gateway (or the local gateway) can set them.
 */
export type CallerContext = Record<string, string>;

export function callerContext(caller: Caller | undefined): CallerContext {
  if (!caller) return { kind: 'none' };
  const { principal, csrfToken, renewalDue } = caller;
  const context: CallerContext = {
    kind: principal.kind,
    subject: principal.subject,
    roles: principal.roles.join(' '),
  };
  if (principal.email !== undefined) context.email = principal.email;
  if (principal.name !== undefined) context.name = principal.name;
  if (principal.clientId !== undefined) context.clientId = principal.clientId;
  if (csrfToken !== undefined) context.csrfToken = csrfToken;
  if (renewalDue) context.renewalDue = 'true';
  return context;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The caller the authorizer let through; none when no authorizer ran or it found no credential. */
export function callerOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller | undefined {
  const context = (event.requestContext?.authorizer ?? {}) as Record<string, unknown>;
  const kind = context.kind;
  const subject = text(context.subject);
  if ((kind !== 'person' && kind !== 'program') || !subject) return undefined;
  const principal: Principal = {
    kind,
    subject,
    roles: knownRoles(String(context.roles ?? '').split(' ')),
  };
  const email = text(context.email);
  const name = text(context.name);
  const clientId = text(context.clientId);
  if (email) principal.email = email;
  if (name) principal.name = name;
  if (clientId) principal.clientId = clientId;
  const csrfToken = text(context.csrfToken);
  return {
    principal,
    ...(csrfToken ? { csrfToken } : {}),
    ...(context.renewalDue === 'true' ? { renewalDue: true } : {}),
  };
}
