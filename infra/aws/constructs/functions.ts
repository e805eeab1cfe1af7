import { join } from 'node:path';
import { Aws, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  type Access,
  AUTHORIZER_FUNCTIONS,
  permissionsOf,
  RECORD_UPLOADED_ACCESS,
  RECORD_UPLOADED_FUNCTION,
  ROUTE_FUNCTIONS,
  WORKFLOW_STEPS,
} from '../../routes.js';
import { LAMBDA_BUNDLING, LAMBDA_RUNTIME, REPO_ROOT, SOURCE_MAPS_NODE_OPTIONS } from '../lambda-bundling.js';
import type { ConcordSettings } from '../settings.js';
import { GRANTS, type GrantTargets } from './function-grants.js';
import { Group } from './group.js';
import { encryptedLogGroup } from './log-group.js';
import { pascal } from './names.js';

export interface FunctionsProps {
  readonly table: dynamodb.ITable;
  readonly recordsBucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly signingSecret: secretsmanager.ISecret;
  readonly senderIdentity: ses.IEmailIdentity;
  readonly deliveryConfiguration: ses.IConfigurationSet;
  /** Built from the state machine's name: it invokes these functions, so its Ref would be a cycle. */
  readonly stateMachineArn: string;
  /** The base URL of emailed links. */
  readonly publicUrl: string;
  readonly settings: ConcordSettings;
  /** The console's OpenID Connect settings (CONCORD_OIDC_*): Cognito's, or the deployer's own provider's. */
  readonly consoleOidc: Readonly<Record<string, string>>;
}

type Kind = 'route' | 'authorizer' | 'workflow' | 'event';

/**
 * One Lambda per handler of infra/routes.ts, each with its own role, log group and exactly the grants its
 * `access` declares.
 */
export class Functions extends Group {
  /** Every Lambda, keyed by handler name (file name under functions/handlers). */
  public readonly byHandler: ReadonlyMap<string, nodejs.NodejsFunction>;
  /** Where record-uploaded's failed asynchronous (S3 notification) invocations land after Lambda's retries. */
  public readonly recordUploadsDeadLetterQueue: sqs.Queue;

  private readonly made = new Map<string, nodejs.NodejsFunction>();
  private readonly props: FunctionsProps;
  private readonly environment: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    this.props = props;
    this.byHandler = this.made;
    const { settings } = props;
    this.environment = {
      CONCORD_TABLE_NAME: props.table.tableName,
      CONCORD_RECORDS_BUCKET: props.recordsBucket.bucketName,
      CONCORD_SECRET_ID: props.signingSecret.secretArn,
      CONCORD_PUBLIC_URL: props.publicUrl,
      CONCORD_COORDINATOR_EMAIL: settings.coordinatorEmail,
      CONCORD_SENDER_EMAIL: settings.senderEmail,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      ...(settings.sourceMaps ? { NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS } : {}),
      ...props.consoleOidc,
      ...settings.functionEnvironment,
    };

    for (const { handler, access } of Object.values(WORKFLOW_STEPS))
      this.declare(handler, 'workflow', access);
    for (const { handler, access } of ROUTE_FUNCTIONS) this.declare(handler, 'route', access);
    for (const { handler, access } of AUTHORIZER_FUNCTIONS) this.declare(handler, 'authorizer', access);
    // S3 invokes it asynchronously: after Lambda's two retries a failed event lands here, not nowhere.
    this.recordUploadsDeadLetterQueue = new sqs.Queue(this, 'RecordUploadedDeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.declare(
      RECORD_UPLOADED_FUNCTION,
      'event',
      RECORD_UPLOADED_ACCESS,
      this.recordUploadsDeadLetterQueue,
    );
  }

  /** The function of a handler. */
  get(name: string): nodejs.NodejsFunction {
    const fn = this.made.get(name);
    if (!fn) throw new Error(`No function for handler ${name}`);
    return fn;
  }

  /** A handler's function, with its grants: each handler is declared once, with one access. */
  private declare(name: string, kind: Kind, access: Access, deadLetterQueue?: sqs.IQueue): void {
    if (this.made.has(name)) throw new Error(`Handler ${name} is declared twice in infra/routes.ts`);
    const fn = this.create(name, kind, access, deadLetterQueue);
    this.made.set(name, fn);
    this.grant(fn, access);
  }

  private create(name: string, kind: Kind, access: Access, deadLetterQueue?: sqs.IQueue) {
    const { key, settings, stateMachineArn } = this.props;
    const id = `${pascal(name)}Function`;
    const logGroup = encryptedLogGroup(this, `${id}Logs`, key);
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy (which may write to any log group).
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Concord ${name} Lambda`,
    });
    logGroup.grantWrite(role);
    return new nodejs.NodejsFunction(this, id, {
      description: `Concord ${kind} handler ${name}`,
      entry: join(REPO_ROOT, 'functions', 'handlers', `${name}.ts`),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: kind === 'route' || kind === 'authorizer' ? Duration.seconds(10) : Duration.seconds(30),
      deadLetterQueue,
      reservedConcurrentExecutions: settings.reservedConcurrency || undefined,
      tracing: lambda.Tracing.ACTIVE,
      // Lambda's advanced logging controls: JSON lines, and the level functions/shared/logger.ts honours.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup,
      role,
      environment:
        access.workflow === 'start'
          ? { ...this.environment, CONCORD_STATE_MACHINE_ARN: stateMachineArn }
          : this.environment,
      bundling: LAMBDA_BUNDLING,
    });
  }

  /** Exactly what the handler's access declares, and its dead-letter queue's key. */
  private grant(fn: nodejs.NodejsFunction, access: Access): void {
    const permissions = new Set(permissionsOf(access));
    const targets: GrantTargets = this.props;
    for (const [permission, grant] of Object.entries(GRANTS)) {
      if (permissions.has(permission as keyof typeof GRANTS)) grant(fn, targets);
    }
    if (fn.deadLetterQueue) {
      // Lambda adds sqs:SendMessage; the queue is encrypted with the data key.
      iam.Grant.addToPrincipal({
        grantee: fn,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resourceArns: [this.props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.amazonaws.com` } },
      });
    }
  }
}
