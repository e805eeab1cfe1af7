import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { callerContext, type Caller } from '../../functions/console/caller.js';
import { authorize } from '../../infra/local/api-gateway.js';

type Authorizer = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
type Route = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** A request with the proxy event's defaults (a GET of /console from nowhere in particular). */
export function consoleRequest(event: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    httpMethod: 'GET',
    path: '/console',
    resource: event.path ?? '/console',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { accountId: '000000000000', apiId: 'test', stage: 'test' },
    ...event,
  } as APIGatewayProxyEvent;
}

/**
 * A console route as API Gateway runs it: its authorizer first (as the local gateway does: 401, 403 or the
 * caller in `requestContext.authorizer`), then the route's handler.
 */
export function throughAuthorizer(authorizer: Authorizer, route: Route) {
  return async (request: Partial<APIGatewayProxyEvent>): Promise<APIGatewayProxyResult> => {
    const authorized = await authorize(
      async (_name, event) => authorizer(event as APIGatewayRequestAuthorizerEvent),
      'console-authorizer',
      consoleRequest(request),
    );
    if ('statusCode' in authorized) return authorized;
    return (await route(authorized, {} as Context)) as APIGatewayProxyResult;
  };
}

/** A coordinator signed in with a session, as the authorizer hands them on. */
export const COORDINATOR_CALLER: Caller = {
  principal: {
    kind: 'person',
    subject: 'sub-casey',
    email: 'casey@concord.example',
    name: 'Casey Quinn',
    roles: ['coordinator'],
  },
  csrfToken: 'csrf-casey',
};

/** A program with a client-credentials token. */
export const PROGRAM_CALLER: Caller = {
  principal: { kind: 'program', subject: 'ehr-worklist', clientId: 'ehr-worklist', roles: ['coordinator'] },
};

/** A request past the authorizer: the caller in `requestContext.authorizer`, as API Gateway passes it. */
export function requestAs(caller: Caller, event: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  const request = consoleRequest(event);
  return { ...request, requestContext: { ...request.requestContext, authorizer: callerContext(caller) } };
}
