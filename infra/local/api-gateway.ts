import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { SECURITY_HEADERS } from '../../functions/shared/security-headers.js';
import type { Route } from '../routes.js';

/** API Gateway REST refuses payloads over 10 MB before any Lambda runs. */
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/** Calls a handler with an event (a proxy event for a route; an authorizer event for its authorizer). */
export type InvokeHttp = (handlerName: string, event: unknown) => Promise<unknown>;

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

function problemAnswer(status: number, title: string, detail: string): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, errors: [] }),
  };
}

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  send(response, problemAnswer(status, title, detail));
}

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    headers[name] = values.map(String);
  response.writeHead(result.statusCode, headers);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/**
 * A route's Lambda authorizer, as API Gateway runs a REQUEST authorizer without caching: it gets the request's
 * headers, path and query; failing with `Unauthorized` is a 401, any other failure a 500, a policy that does not
 * allow the method a 403; allowed, its context (and principalId) reach the function in
 * `requestContext.authorizer`. Answers the event to pass on, or the gateway's refusal.
 */
export async function authorize(
  invoke: InvokeHttp,
  authorizer: string,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyEvent | APIGatewayProxyResult> {
  const { requestContext } = event;
  const methodArn = `arn:aws:execute-api:us-east-1:${requestContext.accountId}:${requestContext.apiId}/${requestContext.stage}/${event.httpMethod}${event.path}`;
  const authorizerEvent: APIGatewayRequestAuthorizerEvent = {
    type: 'REQUEST',
    methodArn,
    resource: event.resource,
    path: event.path,
    httpMethod: event.httpMethod,
    headers: event.headers,
    multiValueHeaders: event.multiValueHeaders,
    pathParameters: event.pathParameters,
    queryStringParameters: event.queryStringParameters,
    multiValueQueryStringParameters: event.multiValueQueryStringParameters,
    stageVariables: event.stageVariables,
    requestContext: { ...requestContext, authorizer: undefined },
  };
  let result: APIGatewayAuthorizerResult;
  try {
    result = (await invoke(authorizer, authorizerEvent)) as APIGatewayAuthorizerResult;
  } catch (error) {
    if ((error as Error).message === 'Unauthorized')
      return problemAnswer(401, 'Unauthorized', 'Unauthorized');
    console.error(`Authorizer ${authorizer} failed:`, (error as Error).name);
    return problemAnswer(500, 'The service failed', 'The authorizer failed');
  }
  const allowed = result.policyDocument.Statement.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      'Resource' in statement &&
      [statement.Resource].flat().includes(methodArn),
  );
  if (!allowed) return problemAnswer(403, 'Forbidden', 'The authorizer did not allow this request');
  return {
    ...event,
    requestContext: {
      ...requestContext,
      authorizer: { ...result.context, principalId: result.principalId },
    },
  };
}

/**
 * The body, or undefined past API Gateway's limit. A body too large is still read to its end, and dropped: the
 * client may keep the connection alive, and stopping mid-body (a `return` from the loop destroys the request)
 * would close it under the 413, and the next request on it would fail.
 */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= API_GATEWAY_MAX_BODY) chunks.push(chunk as Buffer);
  }
  return size > API_GATEWAY_MAX_BODY ? undefined : Buffer.concat(chunks);
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    const value = request.rawHeaders[i + 1]!;
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const pathParameters = Object.fromEntries(
    route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
  );
  const isText = /^(application\/(json|x-www-form-urlencoded|problem\+json)|text\/)/i.test(
    headers['content-type'] ?? headers['Content-Type'] ?? '',
  );
  return {
    resource: route.path,
    path: url.pathname,
    httpMethod: request.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: url.search ? query : null,
    multiValueQueryStringParameters: url.search ? multiQuery : null,
    pathParameters: route.names.length ? pathParameters : null,
    stageVariables: null,
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : null,
    isBase64Encoded: body.length > 0 && !isText,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: request.method ?? 'GET',
      identity: {
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? null,
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: url.pathname,
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: route.path,
    },
  };
}

/** Turns HTTP requests into API Gateway REST proxy events for the same handlers Lambda runs. */
export function apiGateway(routes: readonly Route[], invoke: InvokeHttp): Server {
  const compiled = routes.map(compile);
  return createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const candidates = compiled.filter((route) => route.pattern.test(url.pathname));
      if (candidates.length === 0) return problem(response, 404, 'Not found', `No route for ${url.pathname}`);
      const route = candidates.find((candidate) => candidate.method === request.method);
      if (!route)
        return problem(response, 405, 'Method not allowed', `${request.method} is not allowed here`);
      const body = await readBody(request);
      if (!body) return problem(response, 413, 'Payload too large', 'The request body exceeds 10 MB');
      try {
        const event = toEvent(request, url, route, route.pattern.exec(url.pathname)!, body);
        const authorized = route.authorizer ? await authorize(invoke, route.authorizer, event) : event;
        if ('statusCode' in authorized) return send(response, authorized);
        send(response, (await invoke(route.handler, authorized)) as APIGatewayProxyResult);
      } catch (error) {
        console.error(`Handler ${route.handler} failed:`, (error as Error).name);
        problem(response, 502, 'Bad gateway', 'The handler failed');
      }
    })();
  });
}
