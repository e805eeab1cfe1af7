import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logContext } from '../middleware/log-context.js';
import { problemErrors } from '../middleware/problem-errors.js';
import { UnauthorizedError } from './errors.js';
import { logger } from './logger.js';
import { SECURITY_HEADERS } from './security-headers.js';

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

/** The common composition for API handlers: request id on log lines, normalized headers, problem+json errors. */
export function apiHandler(fn: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(logContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemErrors())
    .handler(fn);
}

export function bearerToken(event: APIGatewayProxyEvent): string {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers['authorization'] ?? '');
  if (!match) throw new UnauthorizedError();
  return match[1]!;
}

export function pathParameter(event: APIGatewayProxyEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new Error(`Missing path parameter ${name}`);
  return value;
}
