import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { isRenewalDue, type ConsoleSession, type Principal } from '../domain/console-access.js';
import { header } from '../middleware/http.js';
import { UnauthorizedError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { callerContext } from './caller.js';
import { readCookie, SESSION_COOKIE } from './http.js';

export type ResolveCaller = (credentials: {
  bearerToken?: string;
  sessionId?: string;
}) => Promise<{ principal: Principal; session?: ConsoleSession } | undefined>;

/** API Gateway answers 401 when a Lambda authorizer fails with exactly this message. */
export const UNAUTHORIZED = 'Unauthorized';

/** The bearer token, if the request has an Authorization header; any other scheme is refused. */
function bearerToken(event: APIGatewayRequestAuthorizerEvent): string | undefined {
  const authorization = header({ headers: event.headers ?? {} }, 'authorization');
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new UnauthorizedError('The Authorization header must be Bearer <access token>');
  return match[1]!;
}

/**
 * The console's authorizer (an API Gateway REQUEST authorizer, uncached): finds who is calling, a person by
 * the session cookie or a program by its bearer access token, and hands them to the function in the
 * authorizer context. A credential presented and refused (a bad, expired or foreign token) is a 401 at the
 * gateway; no credential at all goes through as `kind: none`, so the function can send a person to sign-in
 * (a page) or answer 401 problem+json (JSON). The function's door (access.ts) decides roles, CSRF and renewal.
 * Verifying tokens here keeps jose and the session store out of every console function's bundle.
 */
export function consoleAuthorizer(resolveCaller: ResolveCaller, now: () => number = Date.now) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    let caller: Awaited<ReturnType<ResolveCaller>>;
    try {
      caller = await resolveCaller({
        bearerToken: bearerToken(event),
        sessionId: readCookie({ headers: event.headers ?? {} }, SESSION_COOKIE),
      });
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      logger.info('Console credential refused', { reason: error.message });
      throw new Error(UNAUTHORIZED, { cause: error });
    }
    const session = caller?.session;
    return {
      principalId: caller?.principal.subject ?? 'anonymous',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context: callerContext(
        caller && {
          principal: caller.principal,
          ...(session
            ? { csrfToken: session.csrfToken, renewalDue: isRenewalDue(session, now() / 1000) }
            : {}),
        },
      ),
    };
  };
}
