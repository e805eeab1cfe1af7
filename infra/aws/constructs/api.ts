import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { ROUTES, type Route } from '../../routes.js';
import { Group } from './group.js';
import { encryptedLogGroup } from './log-group.js';
import { pascal } from './names.js';

export const STAGE_NAME = 'v1';

/**
 * The gateway's own answers and their status (AWS's defaults, except an unknown route: 404 as locally, not
 * 403 "Missing Authentication Token"). The two defaults catch any type added later, with its own status.
 */
const GATEWAY_PROBLEMS: ReadonlyArray<[apigateway.ResponseType, number | undefined, string]> = [
  [apigateway.ResponseType.BAD_REQUEST_PARAMETERS, 400, 'The request is missing parameters'],
  [apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, 'Not found'],
  [apigateway.ResponseType.RESOURCE_NOT_FOUND, 404, 'Not found'],
  [apigateway.ResponseType.UNAUTHORIZED, 401, 'Unauthorized'],
  [apigateway.ResponseType.ACCESS_DENIED, 403, 'Forbidden'],
  [apigateway.ResponseType.WAF_FILTERED, 403, 'Forbidden'],
  [apigateway.ResponseType.REQUEST_TOO_LARGE, 413, 'Payload too large'],
  [apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE, 415, 'Unsupported media type'],
  [apigateway.ResponseType.THROTTLED, 429, 'Too many requests'],
  [apigateway.ResponseType.QUOTA_EXCEEDED, 429, 'Too many requests'],
  [apigateway.ResponseType.INTEGRATION_FAILURE, 504, 'Gateway timeout'],
  [apigateway.ResponseType.INTEGRATION_TIMEOUT, 504, 'Gateway timeout'],
  [apigateway.ResponseType.DEFAULT_4XX, undefined, 'The request was refused'],
  [apigateway.ResponseType.DEFAULT_5XX, undefined, 'The service failed'],
];

export interface ApiProps {
  /** Encrypts the access log. */
  readonly key: kms.IKey;
}

/**
 * The REST API of infra/routes.ts: stage throttling (public POSTs harder), access logs without bodies or
 * headers, parameters validated at the gateway, and the gateway's own answers as problem+json.
 */
export class Api extends Group {
  public readonly restApi: apigateway.RestApi;
  /**
   * The stage's URL, from the API's id alone: functions can name it in their environment while the methods
   * depend on the functions, with no cycle.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const accessLogs = encryptedLogGroup(this, 'ApiAccessLogs', props.key);
    // The API is the group's default child: it keeps the name (and so the ids) it had as the stack's `Api`.
    this.restApi = new apigateway.RestApi(this, 'Default', {
      restApiName: `${stackName}-api`,
      description: 'Concord: intake, case status and signed-link actions',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      cloudWatchRole: true,
      // The CloudWatch role is an account-wide API Gateway setting: keep it when this stack goes.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        // Execution logs at ERROR only and never the bodies (dataTrace would log PHI).
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        // No bodies, no headers, and the route template rather than the concrete path.
        accessLogFormat: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigateway.AccessLogField.contextRequestId(),
            extendedRequestId: apigateway.AccessLogField.contextExtendedRequestId(),
            requestTime: apigateway.AccessLogField.contextRequestTime(),
            ip: apigateway.AccessLogField.contextIdentitySourceIp(),
            httpMethod: apigateway.AccessLogField.contextHttpMethod(),
            resourcePath: apigateway.AccessLogField.contextResourcePath(),
            protocol: apigateway.AccessLogField.contextProtocol(),
            status: apigateway.AccessLogField.contextStatus(),
            responseLength: apigateway.AccessLogField.contextResponseLength(),
            responseLatency: apigateway.AccessLogField.contextResponseLatency(),
            integrationLatency: apigateway.AccessLogField.contextIntegrationLatency(),
            wafResponseCode: apigateway.AccessLogField.contextWafResponseCode(),
            errorResponseType: apigateway.AccessLogField.contextErrorResponseType(),
            xrayTraceId: apigateway.AccessLogField.contextXrayTraceId(),
          }),
        ),
        methodOptions: Object.fromEntries(
          ROUTES.filter((route) => route.public && route.method === 'POST').map((route) => [
            `${route.path}/${route.method}`,
            { throttlingRateLimit: 5, throttlingBurstLimit: 10 },
          ]),
        ),
      },
    });
    // Every answer the gateway makes itself, in the problem+json shape of the handlers' errors (API.md).
    for (const [type, status, title] of GATEWAY_PROBLEMS) {
      this.restApi.addGatewayResponse(
        `Problem${pascal(type.responseType.toLowerCase().replace(/_/g, '-'))}`,
        {
          type,
          statusCode: status === undefined ? undefined : String(status),
          responseHeaders: { 'Content-Type': "'application/problem+json'" },
          templates: {
            'application/json': `{"type":"about:blank","title":"${title}",${status === undefined ? '' : `"status":${status},`}"detail":$context.error.messageString,"errors":[],"requestId":"$context.requestId"}`,
          },
        },
      );
    }
    this.url = `https://${this.restApi.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${STAGE_NAME}`;
  }

  /**
   * Every route, to its handler's function. Parameters are validated at the gateway; bodies by the functions,
   * whose zod schemas answer what API.md promises (each bad field in `errors`, 413 over 1 MiB) where the
   * gateway's model check could not.
   */
  addRoutes(functions: { get(handler: string): lambda.IFunction }): void {
    const parameters = this.restApi.addRequestValidator('ParametersValidator', {
      requestValidatorName: 'parameters',
      validateRequestBody: false,
      validateRequestParameters: true,
    });
    const authorizers = new Map<string, apigateway.IAuthorizer>();
    const authorizerOf = (handler: string) => {
      let authorizer = authorizers.get(handler);
      if (!authorizer) {
        // Uncached, and with no identity source: a request without a credential reaches the function too,
        // which sends a person to sign-in; a signed-out session must not stay valid in a cache.
        authorizer = new apigateway.RequestAuthorizer(this, `${pascal(handler)}`, {
          handler: functions.get(handler),
          identitySources: [],
          resultsCacheTtl: Duration.seconds(0),
        });
        authorizers.set(handler, authorizer);
      }
      return authorizer;
    };
    for (const route of ROUTES) {
      const resource = this.restApi.root.resourceForPath(route.path);
      const pathParams = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!);
      resource.addMethod(
        route.method,
        new apigateway.LambdaIntegration(functions.get(route.handler), { allowTestInvoke: false }),
        {
          operationName: operationName(route),
          requestValidator: parameters,
          ...(route.authorizer
            ? {
                authorizer: authorizerOf(route.authorizer),
                authorizationType: apigateway.AuthorizationType.CUSTOM,
              }
            : {}),
          requestParameters: Object.fromEntries(pathParams.map((p) => [`method.request.path.${p}`, true])),
        },
      );
    }
  }
}

function operationName(route: Route): string {
  return `${route.method.toLowerCase()}${pascal(route.handler)}`;
}
