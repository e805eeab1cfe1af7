import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Logger } from '../shared/logger.js';

let coldStart = true;

/** Each invocation's log lines carry its request id and whether it was a cold start, and nothing earlier. */
export function logContext<E, R>(logger: Logger): middy.MiddlewareObj<E, R, Error, Context> {
  const logContextBefore = (request: middy.Request<E, R, Error, Context>): void => {
    logger.resetKeys();
    logger.appendKeys({
      requestId: request.context.awsRequestId,
      functionName: request.context.functionName,
      coldStart,
    });
    coldStart = false;
  };
  return { before: logContextBefore };
}
