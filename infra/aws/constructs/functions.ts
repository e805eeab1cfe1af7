import { Aws, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  type Access,
  AUTHORIZER_FUNCTIONS,
  permissionsOf,
  RECORD_UPLOADED_ACCESS,
  RECORD_UPLOADED_FUNCTION,
  EMAIL_FEEDBACK_ACCESS,
  EMAIL_FEEDBACK_FUNCTION,
  ROUTE_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  WORKFLOW_STEPS,
} from '../../routes.js';
import { SOURCE_MAPS_NODE_OPTIONS } from '../lambda-bundling.js';
import type { ConcordSettings } from '../settings.js';
import { GRANTS, type GrantTargets } from './function-grants.js';
import { Group } from './group.js';
import { handlerFunction } from './handler-function.js';
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
  /** The console's OpenID Connect settings (CONCORD_OIDC_ISSUER and the rest): Cognito's, or the deployer's own provider's. */
  readonly consoleOidc: Readonly<Record<string, string>>;
}

type Kind = 'route' | 'authorizer' | 'workflow' | 'event' | 'schedule';

/**
 * One Lambda per handler of infra/routes.ts, each with its own role, log group and exactly the grants its
 * `access` declares.
 */
export class Functions extends Group {
  /** Every Lambda, keyed by handler name (file name under functions/handlers). */
  public readonly byHandler: ReadonlyMap<string, nodejs.NodejsFunction>;
  /** Where record-uploaded's failed asynchronous (scan result) invocations land after Lambda's retries. */
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
      // GuardDuty scans the records bucket (stateful stack): a record counts only once it found no threat.
      CONCORD_MALWARE_SCAN: 'required',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      ...(settings.sourceMaps ? { NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS } : {}),
      ...props.consoleOidc,
      ...settings.functionEnvironment,
    };

    for (const { handler, access } of Object.values(WORKFLOW_STEPS))
      this.declare(handler, 'workflow', access);
    for (const { handler, access } of ROUTE_FUNCTIONS) this.declare(handler, 'route', access);
    // Each on its EventBridge schedule; the rule's invocations are retried by EventBridge itself.
    for (const { handler, everyMinutes, access } of SCHEDULED_FUNCTIONS) {
      this.declare(handler, 'schedule', access);
      new events.Rule(this, `${pascal(handler)}Schedule`, {
        description: `Concord ${handler}, every ${everyMinutes} minutes`,
        schedule: events.Schedule.rate(Duration.minutes(everyMinutes)),
        targets: [new targets.LambdaFunction(this.get(handler))],
      });
    }
    // SES bounces and complaints: the configuration set sends them to the default event bus, and a rule there
    // to email-feedback (EventBridge retries a failed invocation).
    this.declare(EMAIL_FEEDBACK_FUNCTION, 'event', EMAIL_FEEDBACK_ACCESS);
    new ses.ConfigurationSetEventDestination(this, 'EmailFeedbackDestination', {
      configurationSet: props.deliveryConfiguration,
      destination: ses.EventDestination.eventBus(
        events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      ),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    new events.Rule(this, 'EmailFeedbackRule', {
      description: 'Concord: SES bounces and complaints of the delivery configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: {
          mail: { tags: { 'ses:configuration-set': [props.deliveryConfiguration.configurationSetName] } },
        },
      },
      targets: [new targets.LambdaFunction(this.get(EMAIL_FEEDBACK_FUNCTION))],
    });
    for (const { handler, access } of AUTHORIZER_FUNCTIONS) this.declare(handler, 'authorizer', access);
    // EventBridge invokes it asynchronously: after Lambda's two retries a failed event lands here, not nowhere.
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
    return handlerFunction(this, {
      handler: name,
      kind,
      key,
      timeout: kind === 'route' || kind === 'authorizer' ? Duration.seconds(10) : Duration.seconds(30),
      deadLetterQueue,
      reservedConcurrency: settings.reservedConcurrency,
      environment:
        access.workflow === 'start'
          ? { ...this.environment, CONCORD_STATE_MACHINE_ARN: stateMachineArn }
          : this.environment,
    });
  }

  /** Exactly what the handler's access declares, and its dead-letter queue's key. */
  private grant(fn: nodejs.NodejsFunction, access: Access): void {
    const permissions = new Set(permissionsOf(access));
    const targets: GrantTargets = this.props;
    for (const [permission, grant] of Object.entries(GRANTS)) {
      if (permissions.has(permission as keyof typeof GRANTS)) grant(fn, targets, access);
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
