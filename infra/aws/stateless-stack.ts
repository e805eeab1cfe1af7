import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ArnFormat,
  type CfnElement,
  CfnOutput,
  type CfnResource,
  Duration,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct, IConstruct } from 'constructs';
import { SCAN_RESULT } from '../../functions/middleware/upload-events.js';
import {
  ASL_PATH,
  RECORD_UPLOADED_FUNCTION,
  SIGNING_KEY_ROTATION_FUNCTION,
  WORKFLOW_FUNCTIONS,
} from '../routes.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { Firewall } from './constructs/firewall.js';
import { RECORDS_PREFIX } from './constructs/function-grants.js';
import { Functions } from './constructs/functions.js';
import { logicalIdOutsideGroup } from './constructs/group.js';
import { encryptedLogGroup } from './constructs/log-group.js';
import { REPO_ROOT } from './lambda-bundling.js';
import type { ConcordSettings } from './settings.js';
import type { ConsoleUsers } from './constructs/console-users.js';

export interface StatelessStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  readonly recordsBucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly signingSecret: secretsmanager.ISecret;
  /** The signing secret's rotation function (stateful stack): its errors alarm with the others. */
  readonly keyRotationFunction: lambda.IFunction;
  readonly settings: ConcordSettings;
  /** The console's Cognito user pool (stateful stack); absent: settings.consoleIdentity names the provider. */
  readonly consoleUsers?: ConsoleUsers;
}

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
  /**
   * Where record-uploaded's failed asynchronous invocations land after Lambda's retries, and scan results
   * EventBridge could not deliver.
   */
  public readonly recordUploadsDeadLetterQueue: sqs.Queue;
  /** The Custom::S3BucketNotifications resource that sends the records bucket's events to EventBridge. */
  public readonly recordsNotifications: CfnResource;
  /** The rule that hands GuardDuty's scan results for the records bucket to record-uploaded. */
  public readonly recordScannedRule: events.Rule;
  /** CDK's singleton Lambda behind Custom::S3BucketNotifications (runs at deployment only). */
  public readonly recordsNotificationsHandler: IConstruct;
  /** The records bucket (of the stateful stack), as given. */
  public readonly recordsBucket: s3.IBucket;
  /** The console's own Cognito app client (absent with the deployer's own OpenID Connect provider). */
  public consoleClient?: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings, key } = props;
    this.settings = settings;
    this.recordsBucket = props.recordsBucket;

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
    const api = new Api(this, 'Api', { key });
    this.api = api.restApi;

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
    const publicUrl = settings.publicUrl?.replace(/\/+$/, '') ?? api.url;
    const consoleOidc = this.consoleSignIn(props.consoleUsers, publicUrl);
    const functions = new Functions(this, 'Functions', {
      table: props.table,
      recordsBucket: props.recordsBucket,
      key,
      signingSecret: props.signingSecret,
      senderIdentity: this.senderIdentity,
      deliveryConfiguration: this.deliveryConfiguration,
      stateMachineArn: this.stateMachineArn,
      publicUrl,
      settings,
      consoleOidc,
    });
    this.functions = functions.byHandler;
    this.recordUploadsDeadLetterQueue = functions.recordUploadsDeadLetterQueue;
    this.stateMachine = this.createStateMachine(functions, key);
    this.recordsNotifications = this.sendRecordsBucketEventsToEventBridge();
    this.recordScannedRule = this.routeScanResults(functions.get(RECORD_UPLOADED_FUNCTION));
    const notificationHandlers = this.node.children.filter((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );
    if (notificationHandlers.length !== 1) throw new Error('Expected one bucket notifications handler');
    this.recordsNotificationsHandler = notificationHandlers[0]!;
    api.addRoutes(functions);
    this.webAcl = new Firewall(this, 'Firewall', { stageArn: this.api.deploymentStage.stageArn, key }).webAcl;

    const alarms = new Alarms(this, 'Alarms', {
      key,
      alarmEmail: settings.alarmEmail,
      stateMachine: this.stateMachine,
      api: this.api,
      recordUploadsDeadLetterQueue: this.recordUploadsDeadLetterQueue,
      functions: new Map([...this.functions, [SIGNING_KEY_ROTATION_FUNCTION, props.keyRotationFunction]]),
    });
    this.alarmTopic = alarms.topic;
    this.alarms = alarms.alarms;

    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    this.senderIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
  }

  /** The constructs of infra/aws/constructs group resources without renaming them (see group.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOutsideGroup(element) ?? super.allocateLogicalId(element);
  }

  /**
   * Turns on the records bucket's EventBridge events, from which GuardDuty's Malware Protection plan (in the
   * stateful stack) learns of each new object to scan. The plan's role can turn them on itself, but this
   * stack owns the bucket's notification configuration: it once sent ObjectCreated straight to
   * record-uploaded, and deleting that resource would clear the whole configuration, EventBridge included.
   *
   * The bucket lives in the stateful stack and this resource here: `recordsBucket.enableEventBridgeNotification()`
   * would put it into the stateful stack, which must stay free of anything that refers to code. CDK marks
   * notifications on a referenced bucket "unmanaged": its handler merges them with what it finds, recognising
   * its own by an Id built with Python's hash(), salted per process, so an update can miss its own entry
   * (aws/aws-cdk#31303). This stack is the only owner of the bucket's notifications, so the resource is
   * "managed": it puts exactly this configuration.
   */
  private sendRecordsBucketEventsToEventBridge(): CfnResource {
    const { recordsBucket } = this;
    const bucket = s3.Bucket.fromBucketAttributes(this, 'RecordsBucketRef', {
      bucketArn: recordsBucket.bucketArn,
      bucketName: recordsBucket.bucketName,
    });
    bucket.enableEventBridgeNotification();
    const resource = bucket.node.findChild('Notifications').node.defaultChild as CfnResource | undefined;
    if (resource?.cfnResourceType !== 'Custom::S3BucketNotifications') {
      throw new Error('The records bucket notification resource was not found');
    }
    resource.addPropertyOverride('Managed', true);
    return resource;
  }

  /**
   * GuardDuty's scan result for an object under cases/ of the records bucket goes to record-uploaded, which
   * counts a record only once the scan found no threat (CONCORD_MALWARE_SCAN=required). EventBridge invokes
   * the function asynchronously: Lambda's retries and then the function's dead-letter queue catch its
   * failures, and EventBridge keeps trying a delivery for a day before putting the event in the same queue.
   */
  private routeScanResults(fn: lambda.IFunction): events.Rule {
    return new events.Rule(this, 'RecordScannedRule', {
      description: 'Concord: GuardDuty malware scan results for the records bucket, to record-uploaded',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: [SCAN_RESULT],
        detail: {
          s3ObjectDetails: {
            bucketName: [this.recordsBucket.bucketName],
            objectKey: events.Match.prefix(RECORDS_PREFIX),
          },
        },
      },
      targets: [
        new targets.LambdaFunction(fn, {
          deadLetterQueue: this.recordUploadsDeadLetterQueue,
          maxEventAge: Duration.hours(24),
          retryAttempts: 185,
        }),
      ],
    });
  }

  /**
   * The console's OpenID Connect settings for its functions: the deployer's own provider's (context), or the
   * Cognito user pool's issuer and the console's own app client (code + PKCE, callback and sign-out URLs).
   */
  private consoleSignIn(users: ConsoleUsers | undefined, publicUrl: string): Record<string, string> {
    if (this.settings.consoleIdentity) return { ...this.settings.consoleIdentity };
    if (!users)
      throw new Error(
        'The console needs a Cognito user pool or the context values oidcIssuer and oidcClientId',
      );
    this.consoleClient = users.addConsoleClient(this, 'ConsoleClient', publicUrl);
    new CfnOutput(this, 'ConsoleSignInDomain', { value: users.domain.baseUrl() });
    return {
      CONCORD_OIDC_ISSUER: users.issuer,
      CONCORD_OIDC_CLIENT_ID: this.consoleClient.userPoolClientId,
      CONCORD_OIDC_ROLES_CLAIM: 'cognito:groups',
    };
  }

  private createStateMachine(functions: Functions, key: kms.IKey): sfn.StateMachine {
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
          functions.get(name).functionArn,
        ]),
      ),
      logs: {
        destination: encryptedLogGroup(this, 'StateMachineLogs', key),
        level: sfn.LogLevel.ALL,
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    // Exactly the workflow functions, unqualified (the ASL names them by unqualified ARN).
    iam.Grant.addToPrincipal({
      grantee: stateMachine,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [...new Set(Object.values(WORKFLOW_FUNCTIONS))].map(
        (name) => functions.get(name).functionArn,
      ),
    });
    return stateMachine;
  }
}
