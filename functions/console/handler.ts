import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { wantsJson } from '../middleware/http.js';
import { logger } from '../shared/logger.js';
import { consoleErrorPage } from '../views/console/sign-in-pages.js';
import type { ConsoleEvent } from './access.js';
import { callerOf } from './caller.js';
import { logContext } from '../middleware/log-context.js';
import { problemErrors } from '../middleware/problem-errors.js';

type Request = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * People get refusals as pages (the problem, already logged by problemErrors, becomes one); programs (by their
 * token, whatever they accept) and anyone asking for JSON get problem+json.
 */
function consoleErrorPages(
  publicUrl: () => string,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const consoleErrorPagesOnError = (request: Request): void => {
    if (!request.response || wantsJson(request.event)) return;
    if (callerOf(request.event)?.principal.kind === 'program') return;
    request.response = consoleErrorPage(request.error, publicUrl());
  };
  return { onError: consoleErrorPagesOnError };
}

/**
 * The console's composition: request id on log lines, problem+json (or a page) for errors, and the route's
 * door (`consoleAccess`) when it has one. onError runs last-used first: problemErrors makes the problem (and
 * logs a fault), then consoleErrorPages turns it into a page for a person.
 */
export function consoleHandler<E extends APIGatewayProxyEvent = ConsoleEvent>(
  fn: (event: E) => Promise<APIGatewayProxyResult>,
  options: {
    publicUrl: () => string;
    door?: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;
  },
) {
  const composed = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(logContext(logger))
    .use(consoleErrorPages(options.publicUrl))
    .use(problemErrors());
  if (options.door) composed.use(options.door);
  return composed.handler((event) => fn(event as E));
}
