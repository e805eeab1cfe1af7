import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toProblem, withoutPersonalData } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { SECURITY_HEADERS } from '../shared/security-headers.js';

type Request = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

/** Turns any error into an RFC 9457 problem+json answer; only 4xx detail reaches the caller. */
export function problemErrors(): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const problemErrorsOnError = async (request: Request): Promise<void> => {
    const problem = toProblem(request.error);
    if (problem.status >= 500) {
      logger.error('Request failed', {
        error: withoutPersonalData(request.error) as Error,
        path: request.event.resource,
      });
    }
    request.response = {
      statusCode: problem.status,
      headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/problem+json' },
      body: JSON.stringify(problem),
    };
  };
  return { onError: problemErrorsOnError };
}
