import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { consoleAuthorizer } from '../console/authorizer.js';
import { logContext } from '../middleware/log-context.js';
import { logger } from '../shared/logger.js';
import * as wiring from '../wiring/console.js';

/** The console routes' API Gateway authorizer: who is calling (session or access token), for their door. */
export const handler = middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>()
  .use(logContext(logger))
  .handler(consoleAuthorizer(wiring.caller));
