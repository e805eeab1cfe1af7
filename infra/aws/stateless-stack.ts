import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ArnFormat,
  Aws,
  CfnOutput,
  type CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct, IConstruct } from 'constructs';
import { ConfigError, configVariable, parseConfig, type Config } from '../../functions/shared/config.js';
import { LAMBDA_BUNDLING, LAMBDA_RUNTIME, SOURCE_MAPS_NODE_OPTIONS } from './lambda-bundling.js';
import { ASL_PATH, RECORD_UPLOADED_FUNCTION, ROUTES, WORKFLOW_FUNCTIONS, type Route } from '../routes.js';
import { TABLE_KEYS } from '../table-schema.js';

/** The repository root (this file lives in infra/aws/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const STAGE_NAME = 'v1';
export const DEFAULT_SENDER_DOMAIN = 'concord.example.org';

/** Deployment settings, read from CDK context (`cdk synth -c senderDomain=…`). */
export interface ConcordSettings {
  /** Base URL put into emailed links; defaults to the API stage URL. */
  readonly publicUrl?: string;
  /** The SES domain identity emails are sent from. */
  readonly senderDomain: string;
  /** The From address; must be in senderDomain. */
  readonly senderEmail: string;
  readonly coordinatorEmail: string;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
  /**
   * Reserved concurrency of every function: caps cost and blast radius. 0 reserves none, for accounts whose
   * Lambda concurrency quota is too small to reserve any (Lambda keeps 100 unreserved).
   */
  readonly reservedConcurrency: number;
  /**
   * Timing and size settings the functions read (functions/shared/config.ts), as environment variables:
   * only those given in context, so the defaults stay in the code.
   */
  readonly functionEnvironment: Readonly<Record<string, string>>;
  /** Source-mapped stack traces in the logs, at a cost to every cold start (infra/aws/lambda-bundling.ts). */
  readonly sourceMaps: boolean;
}

/**
 * The function settings that can be set from context (`cdk deploy -c approvalTimeoutSeconds=86400`), by
 * context key: the environment variable each one sets. Values are checked with the functions' own schema.
 */
export const FUNCTION_SETTINGS_CONTEXT: Readonly<Partial<Record<keyof Config, string>>> = Object.fromEntries(
  (
    [
      'approvalTimeoutSeconds',
      'approvalReminders',
      'priorAuthExpeditedSeconds',
      'priorAuthRoutineSeconds',
      'recordsReminderSeconds',
      'recordsReminders',
      'recordMaxBytes',
      'uploadUrlSeconds',
      'opinionSlaSeconds',
      'opinionReminders',
      'downloadUrlSeconds',
      'maxOpinions',
      'reportLinkSeconds',
    ] as const satisfies ReadonlyArray<keyof Config>
  ).map((key) => [key, configVariable(key)]),
);

function functionEnvironmentFromContext(scope: Construct): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, variable] of Object.entries(FUNCTION_SETTINGS_CONTEXT)) {
    const value: unknown = scope.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') continue;
    // `-c key=value` gives a string; cdk.json may give a number.
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`Context value ${key} must be a number`);
    }
    const text = String(value);
    try {
      parseConfig({ [variable]: text });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const message = `Context value ${key}=${text} is not a valid ${variable} (functions/shared/config.ts)`;
      throw new Error(message, { cause: error });
    }
    environment[variable] = text;
  }
  return environment;
}

/** A yes/no context value: `-c key=true` gives a string, cdk.json a boolean. */
function contextFlag(scope: Construct, key: string): boolean {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context value ${key} must be true or false`);
}

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context value ${key} must be a string`);
  return value;
}

export function settingsFromContext(scope: Construct): ConcordSettings {
  const senderDomain = contextString(scope, 'senderDomain') ?? DEFAULT_SENDER_DOMAIN;
  const senderEmail = contextString(scope, 'senderEmail') ?? `no-reply@${senderDomain}`;
  if (!senderEmail.toLowerCase().endsWith(`@${senderDomain.toLowerCase()}`)) {
    throw new Error(`senderEmail ${senderEmail} is not in the SES identity's domain ${senderDomain}`);
  }
  const concurrency = Number(scope.node.tryGetContext('reservedConcurrency') ?? 10);
  if (!Number.isInteger(concurrency) || concurrency < 0) {
    throw new Error('Context value reservedConcurrency must be a non-negative integer');
  }
  return {
    publicUrl: contextString(scope, 'publicUrl'),
    senderDomain,
    senderEmail,
    coordinatorEmail: contextString(scope, 'coordinatorEmail') ?? `coordinator@${senderDomain}`,
    alarmEmail: contextString(scope, 'alarmEmail'),
    reservedConcurrency: concurrency,
    functionEnvironment: functionEnvironmentFromContext(scope),
    sourceMaps: contextFlag(scope, 'sourceMaps'),
  };
}

/** What a handler may touch; each maps to one least-privilege grant in StatelessStack.grantPermissions. */
export type Permission =
  | 'table:read'
  | 'table:write'
  | 'secret:read'
  | 'workflow:start'
  | 'workflow:respond'
  | 'email:send'
  /** Presign uploads into the records bucket (the holder of the URL or form writes with this role). */
  | 'files:upload'
  /** Inspect an uploaded record (HeadObject and a ranged GetObject). */
  | 'files:read'
  /** Delete a refused upload. */
  | 'files:delete';

/** The records bucket's key space every record lives under (functions/domain/records.ts, recordKey). */
export const RECORDS_PREFIX = 'cases/';

/**
 * Every handler must be listed here, from what its composition root wires (functions/shared/deps.ts):
 * a new handler gets no access by accident, and synthesis fails until it is declared.
 */
export const HANDLER_PERMISSIONS: Readonly<Record<string, readonly Permission[]>> = {
  // Routes
  health: [],
  openapi: [],
  'create-case': ['table:read', 'table:write', 'secret:read', 'workflow:start'],
  'get-case': ['table:read'],
  // Signed links, on callbackDeps: cases, callbacks, directory, outbox (mailer), task callbacks, secret
  'approval-link': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
  'prior-authorization-link': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
  // The specialist's packet only renders, and presigns record downloads valid for minutes (files:read).
  'case-packet': ['table:read', 'secret:read', 'files:read'],
  // Accept or decline: the assignment, the case, the patient's email, the waiting task.
  'assignment-link': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
  // The opinion is kept on the assignment and answers the waiting task (more tests: the physician is emailed).
  'opinion-link': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
  // The final report renders from the case and its opinions; it changes nothing.
  'report-link': ['table:read', 'secret:read'],
  'report-pdf': ['table:read', 'secret:read'],
  // Records: the case token is checked against the case; the record is announced, then uploaded by URL.
  'create-record': ['table:read', 'table:write', 'files:upload'],
  'list-records': ['table:read'],
  // The records page only renders (openCallback, the checklist) and presigns one POST form per record type.
  'upload-link': ['table:read', 'secret:read', 'files:upload'],
  // The console's door: sessions and sign-ins under way (the provider is reached over HTTPS, no IAM).
  'console-home': ['table:read'],
  'console-sign-in': ['table:read', 'table:write'],
  'console-callback': ['table:read', 'table:write'],
  'console-sign-out': ['table:read', 'table:write'],
  // Records bucket notifications: inspect, refuse (delete) or count the upload, and answer the records request
  // when the checklist completes (callbackDeps: outbox, task callbacks, secret).
  [RECORD_UPLOADED_FUNCTION]: [
    'table:read',
    'table:write',
    'secret:read',
    'email:send',
    'workflow:respond',
    'files:read',
    'files:delete',
  ],
  // Workflow steps
  'load-settings': ['table:read'],
  'check-coverage': ['table:read', 'table:write', 'email:send'],
  'request-callback': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
  'callback-timed-out': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
  'close-case': ['table:read', 'table:write', 'email:send'],
  'send-claim-notice': ['table:read', 'table:write', 'email:send'],
  'finish-case': ['table:read', 'table:write'],
  'mark-needs-attention': ['table:read', 'table:write', 'email:send'],
  'match-specialist': ['table:read', 'table:write', 'email:send'],
  'end-assignment': ['table:read', 'table:write'],
  'continue-assignment': ['table:read', 'table:write'],
  'record-opinion': ['table:read', 'table:write'],
  'compare-opinions': ['table:read', 'table:write', 'email:send'],
  'deliver-report': ['table:read', 'table:write', 'secret:read', 'email:send'],
};

/** Routes that create cases: the WAF limits them per client IP far below everything else. */
const INTAKE_HANDLERS = new Set(['create-case']);

const has = (name: string, permission: Permission) =>
  HANDLER_PERMISSIONS[name]?.includes(permission) ?? false;

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface StatelessStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  readonly recordsBucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly signingSecret: secretsmanager.ISecret;
  readonly settings: ConcordSettings;
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

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

/** The `${Name}` placeholders the ASL file uses. */
export function aslPlaceholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/**
 * The stateless half: functions, the state machine, the REST API with its WAF, the SES identity and alarms.
 * Everything here can be destroyed and recreated; data lives in the stateful stack.
 */
export class StatelessStack extends Stack {
  /** Every Lambda, keyed by handler name (file name under functions/handlers). */
  public readonly functions: ReadonlyMap<string, nodejs.NodejsFunction>;
  public readonly stateMachine: sfn.StateMachine;
  public readonly stateMachineName: string;
  /** Built from the name (not the resource's Ref), so grants on it create no dependency on the state machine. */
  public readonly stateMachineArn: string;
  public readonly api: apigateway.RestApi;
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly alarmTopic: sns.Topic;
  public readonly senderIdentity: ses.EmailIdentity;
  /** The sender identity's default configuration set: TLS required. */
  public readonly deliveryConfiguration: ses.ConfigurationSet;
  public readonly alarms: readonly cloudwatch.Alarm[];
  public readonly settings: ConcordSettings;
  /** Where record-uploaded's failed asynchronous (S3 notification) invocations land after Lambda's retries. */
  public readonly recordUploadsDeadLetterQueue: sqs.Queue;
  /** The Custom::S3BucketNotifications resource that sends the records bucket's uploads to record-uploaded. */
  public readonly recordsNotifications: CfnResource;
  /** CDK's singleton Lambda behind Custom::S3BucketNotifications (runs at deployment only). */
  public readonly recordsNotificationsHandler: IConstruct;
  /** The records bucket (of the stateful stack), as given. */
  public readonly recordsBucket: s3.IBucket;

  private readonly props: StatelessStackProps;
  private readonly functionMap = new Map<string, nodejs.NodejsFunction>();

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;
    this.settings = props.settings;
    this.recordsBucket = props.recordsBucket;
    this.functions = this.functionMap;
    const { settings, key } = props;

    // Every email leaves over TLS or not at all: the claim notice carries PHI, and the others case ids.
    this.deliveryConfiguration = new ses.ConfigurationSet(this, 'TlsRequired', {
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.senderIdentity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.domain(settings.senderDomain),
      configurationSet: this.deliveryConfiguration,
    });

    // The API comes first so that function environments can name its URL: the functions depend on the
    // RestApi resource only, and the methods depend on the functions, so there is no cycle.
    this.api = this.createApi();
    const apiUrl = `https://${this.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${STAGE_NAME}`;
    const environment: Record<string, string> = {
      CONCORD_TABLE_NAME: props.table.tableName,
      CONCORD_RECORDS_BUCKET: props.recordsBucket.bucketName,
      CONCORD_SECRET_ID: props.signingSecret.secretArn,
      CONCORD_PUBLIC_URL: settings.publicUrl ?? apiUrl,
      CONCORD_COORDINATOR_EMAIL: settings.coordinatorEmail,
      CONCORD_SENDER_EMAIL: settings.senderEmail,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      ...(settings.sourceMaps ? { NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS } : {}),
      ...settings.functionEnvironment,
    };

    // The state machine invokes the workflow functions, and some of them answer its task tokens: granting
    // on its Ref would be a cycle (state machine -> function -> role policy -> state machine). It gets a
    // fixed name instead, so its ARN is known without referring to the resource.
    this.stateMachineName = `${this.stackName}-second-opinion`;
    this.stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: this.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const workflowHandlers = new Set(Object.values(WORKFLOW_FUNCTIONS));
    for (const name of workflowHandlers) this.createFunction(name, 'workflow', environment);
    const routeHandlers = new Set(ROUTES.map((route) => route.handler));
    for (const name of routeHandlers) {
      if (workflowHandlers.has(name)) throw new Error(`Handler ${name} is both a route and a workflow step`);
      this.createFunction(name, 'route', environment);
    }
    if (workflowHandlers.has(RECORD_UPLOADED_FUNCTION) || routeHandlers.has(RECORD_UPLOADED_FUNCTION)) {
      throw new Error(
        `Handler ${RECORD_UPLOADED_FUNCTION} is the records bucket's and must serve nothing else`,
      );
    }
    // S3 invokes it asynchronously: after Lambda's two retries a failed event lands here, not nowhere.
    this.recordUploadsDeadLetterQueue = new sqs.Queue(this, 'RecordUploadedDeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const recordUploaded = this.createFunction(
      RECORD_UPLOADED_FUNCTION,
      'event',
      environment,
      this.recordUploadsDeadLetterQueue,
    );
    this.stateMachine = this.createStateMachine();
    this.grantPermissions();
    this.recordsNotifications = this.notifyRecordUploads(recordUploaded);
    const notificationHandlers = this.node.children.filter((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );
    if (notificationHandlers.length !== 1) throw new Error('Expected one bucket notifications handler');
    this.recordsNotificationsHandler = notificationHandlers[0]!;
    this.addRoutes();
    this.webAcl = this.createWebAcl();

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Concord alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (settings.alarmEmail) {
      this.alarmTopic.addSubscription(new snsSubscriptions.EmailSubscription(settings.alarmEmail));
    }
    this.alarms = this.createAlarms();

    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    this.senderIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
  }

  private logGroup(id: string, logGroupName?: string): logs.LogGroup {
    return new logs.LogGroup(this, id, {
      logGroupName,
      encryptionKey: this.props.key,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createFunction(
    name: string,
    kind: 'route' | 'workflow' | 'event',
    environment: Record<string, string>,
    deadLetterQueue?: sqs.IQueue,
  ) {
    if (!HANDLER_PERMISSIONS[name]) {
      throw new Error(
        `No IAM permissions declared for handler "${name}": add it to HANDLER_PERMISSIONS in infra/aws/stateless-stack.ts`,
      );
    }
    const id = `${pascal(name)}Function`;
    const logGroup = this.logGroup(`${id}Logs`);
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy (which may write to any log group).
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Concord ${name} Lambda`,
    });
    logGroup.grantWrite(role);
    const fn = new nodejs.NodejsFunction(this, id, {
      description: `Concord ${kind} handler ${name}`,
      entry: join(REPO_ROOT, 'functions', 'handlers', `${name}.ts`),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: kind === 'route' ? Duration.seconds(10) : Duration.seconds(30),
      deadLetterQueue,
      reservedConcurrentExecutions: this.props.settings.reservedConcurrency || undefined,
      tracing: lambda.Tracing.ACTIVE,
      // Lambda's advanced logging controls: JSON lines, and the level functions/shared/logger.ts honours.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup,
      role,
      environment: has(name, 'workflow:start')
        ? { ...environment, CONCORD_STATE_MACHINE_ARN: this.stateMachineArn }
        : environment,
      bundling: LAMBDA_BUNDLING,
    });
    this.functionMap.set(name, fn);
    return fn;
  }

  private fn(name: string): nodejs.NodejsFunction {
    const fn = this.functionMap.get(name);
    if (!fn) throw new Error(`No function for handler ${name}`);
    return fn;
  }

  private grantPermissions(): void {
    const { table, key, signingSecret } = this.props;
    const tableArns = [table.tableArn, `${table.tableArn}/index/${TABLE_KEYS.gsi1.indexName}`];
    for (const [name, fn] of this.functionMap) {
      const permissions = new Set(HANDLER_PERMISSIONS[name]);
      if (permissions.has('table:write') && !permissions.has('table:read')) {
        throw new Error(
          `Handler ${name}: table:write needs table:read (conditional writes read the key too)`,
        );
      }
      if (permissions.has('table:read')) {
        iam.Grant.addToPrincipal({ grantee: fn, actions: TABLE_READ_ACTIONS, resourceArns: tableArns });
        key.grantDecrypt(fn);
      }
      if (permissions.has('table:write')) {
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: TABLE_WRITE_ACTIONS,
          resourceArns: [table.tableArn],
        });
        key.grant(fn, 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
      }
      if (permissions.has('secret:read')) {
        // Not signingSecret.grantRead(): across stacks it would also put this role into the key policy of the
        // stateful stack, a dependency cycle. The same two grants, on the principal only:
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resourceArns: [signingSecret.secretArn],
        });
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: ['kms:Decrypt'],
          resourceArns: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
        });
      }
      if (permissions.has('workflow:start')) {
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: ['states:StartExecution'],
          resourceArns: [this.stateMachineArn],
        });
      }
      if (permissions.has('workflow:respond')) {
        // What stateMachine.grantTaskResponse() grants, on the name-built ARN (see the constructor).
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resourceArns: [this.stateMachineArn],
        });
      }
      if (permissions.has('email:send')) {
        this.senderIdentity.grantSendEmail(fn);
        // SES authorizes a send on the configuration set it goes through as well as on the identity.
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resourceArns: [
            this.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: this.deliveryConfiguration.configurationSetName,
            }),
          ],
        });
      }
      this.grantFiles(fn, permissions);
      if (fn.deadLetterQueue) {
        // Lambda adds sqs:SendMessage; the queue is encrypted with the data key.
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resourceArns: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.amazonaws.com` } },
        });
      }
    }
  }

  /**
   * Records bucket access, on the records key space only (no bucket-level action, no s3:*). Every request
   * goes through S3 to the bucket's key: KMS grants are bound to S3 and this bucket by condition.
   */
  private grantFiles(fn: nodejs.NodejsFunction, permissions: ReadonlySet<Permission>): void {
    const { recordsBucket, key } = this.props;
    const objects = [recordsBucket.arnForObjects(`${RECORDS_PREFIX}*`)];
    const viaS3 = {
      StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` },
      // With S3 Bucket Keys the encryption context is the bucket ARN (the object ARN without them).
      StringLike: {
        'kms:EncryptionContext:aws:s3:arn': [
          recordsBucket.bucketArn,
          `${recordsBucket.bucketArn}/${RECORDS_PREFIX}*`,
        ],
      },
    };
    if (permissions.has('files:upload')) {
      // A presigned PUT or POST is signed with this role, and S3 authorizes the upload as this role: the
      // object write and, for SSE-KMS, the data key S3 generates with it.
      iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:PutObject'], resourceArns: objects });
      iam.Grant.addToPrincipal({
        grantee: fn,
        actions: ['kms:GenerateDataKey'],
        resourceArns: [key.keyArn],
        conditions: viaS3,
      });
    }
    if (permissions.has('files:read')) {
      // HeadObject is authorized by s3:GetObject.
      iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:GetObject'], resourceArns: objects });
      iam.Grant.addToPrincipal({
        grantee: fn,
        actions: ['kms:Decrypt'],
        resourceArns: [key.keyArn],
        conditions: viaS3,
      });
    }
    if (permissions.has('files:delete')) {
      iam.Grant.addToPrincipal({
        grantee: fn,
        // A refused upload is purged by version: the bucket is versioned.
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resourceArns: objects,
      });
    }
  }

  /**
   * Sends the records bucket's ObjectCreated events under cases/ to record-uploaded.
   *
   * The bucket lives in the stateful stack and the function here. `recordsBucket.addEventNotification()`
   * would put the notification resource into the stateful stack with the function's ARN in it, while this
   * stack already refers to the bucket: a cycle, and the stateful stack would deploy before the function
   * exists. So the notification is made here, on a reference to the bucket: the Custom::S3BucketNotifications
   * resource, its handler and the S3 invoke permission all live in this stack, and the stateful stack stays
   * free of anything that refers to code.
   *
   * CDK marks notifications on a referenced bucket "unmanaged": its handler merges them with what it finds
   * on the bucket, recognising its own by an Id built with Python's hash(), which is salted per process, so
   * a later update can miss its own entry, add a duplicate and fail with overlapping configurations
   * (aws/aws-cdk#31303). This stack is the only owner of the records bucket's notifications (the stateful
   * stack declares none), so the resource is switched to "managed": it puts exactly this configuration, and
   * clears it when this stack is deleted.
   */
  private notifyRecordUploads(fn: nodejs.NodejsFunction): CfnResource {
    const { recordsBucket } = this.props;
    const bucket = s3.Bucket.fromBucketAttributes(this, 'RecordsBucketRef', {
      bucketArn: recordsBucket.bucketArn,
      bucketName: recordsBucket.bucketName,
    });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
      prefix: RECORDS_PREFIX,
    });
    const resource = bucket.node.findChild('Notifications').node.defaultChild as CfnResource | undefined;
    if (resource?.cfnResourceType !== 'Custom::S3BucketNotifications') {
      throw new Error('The records bucket notification resource was not found');
    }
    resource.addPropertyOverride('Managed', true);
    return resource;
  }

  private createStateMachine(): sfn.StateMachine {
    const aslFile = join(REPO_ROOT, ASL_PATH);
    const placeholders = aslPlaceholders(readFileSync(aslFile, 'utf8'));
    const missing = placeholders.filter((p) => !(p in WORKFLOW_FUNCTIONS));
    if (missing.length > 0)
      throw new Error(`${ASL_PATH} uses placeholders with no function: ${missing.join(', ')}`);

    const stateMachine = new sfn.StateMachine(this, 'SecondOpinionStateMachine', {
      stateMachineName: this.stateMachineName,
      comment: 'Concord cancer second opinion',
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(aslFile),
      definitionSubstitutions: Object.fromEntries(
        Object.entries(WORKFLOW_FUNCTIONS).map(([placeholder, name]) => [
          placeholder,
          this.fn(name).functionArn,
        ]),
      ),
      logs: {
        destination: this.logGroup('StateMachineLogs'),
        level: sfn.LogLevel.ALL,
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    // Exactly the workflow functions, unqualified (the ASL names them by unqualified ARN).
    iam.Grant.addToPrincipal({
      grantee: stateMachine,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [...new Set(Object.values(WORKFLOW_FUNCTIONS))].map((name) => this.fn(name).functionArn),
    });
    return stateMachine;
  }

  private createApi(): apigateway.RestApi {
    const accessLogs = this.logGroup('ApiAccessLogs');
    const api = new apigateway.RestApi(this, 'Api', {
      restApiName: `${this.stackName}-api`,
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
      api.addGatewayResponse(`Problem${pascal(type.responseType.toLowerCase().replace(/_/g, '-'))}`, {
        type,
        statusCode: status === undefined ? undefined : String(status),
        responseHeaders: { 'Content-Type': "'application/problem+json'" },
        templates: {
          'application/json': `{"type":"about:blank","title":"${title}",${status === undefined ? '' : `"status":${status},`}"detail":$context.error.messageString,"errors":[],"requestId":"$context.requestId"}`,
        },
      });
    }
    return api;
  }

  private addRoutes(): void {
    const api = this.api;
    // Parameters are validated at the gateway; bodies by the functions, whose zod schemas answer what
    // API.md promises (each bad field in `errors`, 413 over 1 MiB) where the gateway's model check could not.
    const parameters = api.addRequestValidator('ParametersValidator', {
      requestValidatorName: 'parameters',
      validateRequestBody: false,
      validateRequestParameters: true,
    });
    for (const route of ROUTES) {
      const resource = api.root.resourceForPath(route.path);
      const pathParams = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!);
      resource.addMethod(
        route.method,
        new apigateway.LambdaIntegration(this.fn(route.handler), { allowTestInvoke: false }),
        {
          operationName: routeOperationName(route),
          requestValidator: parameters,
          requestParameters: Object.fromEntries(pathParams.map((p) => [`method.request.path.${p}`, true])),
        },
      );
    }
  }

  private createWebAcl(): wafv2.CfnWebACL {
    const stackName = this.stackName;
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      // Sampled requests show full headers (bearer tokens) in the console: keep them off.
      sampledRequestsEnabled: false,
    });
    const managed = (
      priority: number,
      name: string,
      excluded: string[] = [],
    ): wafv2.CfnWebACL.RuleProperty => ({
      name: `AWS-${name}`,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: excluded.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
        },
      },
      visibilityConfig: visibility(name),
    });
    const intakePaths = ROUTES.filter(
      (route) => INTAKE_HANDLERS.has(route.handler) && route.method === 'POST',
    );
    if (intakePaths.length === 0) throw new Error('No intake route to rate-limit');
    const webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${stackName}-webacl`),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { aggregateKeyType: 'IP', limit: 1000, evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        {
          name: 'IntakeRateLimitPerIp',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: 20,
              evaluationWindowSec: 300,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    intakePaths.length === 1
                      ? pathMatch(intakePaths[0]!.path)
                      : { orStatement: { statements: intakePaths.map((route) => pathMatch(route.path)) } },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('IntakeRateLimitPerIp'),
        },
        // The intake may exceed the common rule set's 8 KB body limit; the handler caps bodies at 1 MiB.
        managed(2, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: webAcl.attrArn,
    });

    // WAF requires the aws-waf-logs- prefix, so this is the one named log group. Like all logs it is retained
    // when the stack is deleted: delete or rename it before recreating the stack.
    const wafLogs = this.logGroup('WebAclLogs', `aws-waf-logs-${stackName}`);
    new wafv2.CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: webAcl.attrArn,
      // WAF wants the log group ARN without the trailing ":*".
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
      // Only what WAF blocked or counted: allowed traffic is already in the API access log.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
    return webAcl;
  }

  private createAlarms(): cloudwatch.Alarm[] {
    const action = new cloudwatchActions.SnsAction(this.alarmTopic);
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string) => {
      const created = new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      return created;
    };
    const period = Duration.minutes(5);
    return [
      alarm(
        'StateMachineFailedAlarm',
        this.stateMachine.metricFailed({ period, statistic: 'Sum' }),
        'A second-opinion execution failed (the case is marked needs-attention)',
      ),
      alarm(
        'Api5xxAlarm',
        this.api.metricServerError({ period, statistic: 'Sum' }),
        'The API returned 5XX responses',
      ),
      alarm(
        'RecordUploadedDeadLetterAlarm',
        this.recordUploadsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: 'Maximum',
        }),
        'A records bucket upload could not be checked after retries: its event is in the dead-letter queue',
      ),
      ...[...this.functionMap].map(([name, fn]) =>
        alarm(
          `${pascal(name)}ErrorsAlarm`,
          fn.metricErrors({ period, statistic: 'Sum' }),
          `Lambda ${name} errors`,
        ),
      ),
    ];
  }
}

function routeOperationName(route: Route): string {
  return `${route.method.toLowerCase()}${pascal(route.handler)}`;
}

/**
 * Matches a route path, with path parameters as wildcards: anchored, with or without the stage prefix
 * (execute-api URLs carry it; a custom domain's base path mapping does not).
 */
function pathMatch(path: string): wafv2.CfnWebACL.StatementProperty {
  const pattern = `^(/${STAGE_NAME})?${path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`;
  return {
    regexMatchStatement: {
      fieldToMatch: { uriPath: {} },
      regexString: pattern,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
}
