import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SECURITY_HEADERS } from '../../functions/shared/security-headers.js';
import type { Route } from '../routes.js';

/** API Gateway REST refuses payloads over 10 MB before any Lambda runs. */
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export type InvokeHttp = (handlerName: string, event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

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

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail, errors: [] }));
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
        const result = await invoke(
          route.handler,
          toEvent(request, url, route, route.pattern.exec(url.pathname)!, body),
        );
        const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
        for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
          headers[name] = values.map(String);
        response.writeHead(result.statusCode, headers);
        response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
      } catch (error) {
        console.error(`Handler ${route.handler} failed:`, (error as Error).name);
        problem(response, 502, 'Bad gateway', 'The handler failed');
      }
    })();
  });
}
