import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { logContext } from './log-context.js';
import { problemErrors } from './problem-errors.js';

/** The common composition for API handlers: request id on log lines, problem+json errors. */
export function apiHandler(fn: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(logContext(logger))
    .use(problemErrors())
    .handler(fn);
}
