import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS } from '../table-schema.js';
import { ConsoleUsers, type ConsoleUsersProps } from './constructs/console-users.js';
import { KeyRotation } from './constructs/key-rotation.js';
import { MalwareProtection } from './constructs/malware-protection.js';
import type { ConcordSettings } from './settings.js';

export interface StatefulStackProps extends StackProps {
  readonly settings: ConcordSettings;
  /** The console's Cognito user pool; absent when the deployer brings their own OpenID Connect provider. */
  readonly consoleUsers?: ConsoleUsersProps;
}

/**
 * The stateful half: everything that holds data (DESIGN.md §4) and outlives a redeploy of the code.
 * Every resource is retained on stack deletion; the stateless stack gets them as props. The one function here
 * rotates the signing secret (constructs/key-rotation.ts says why it lives with the secret).
 */
export class StatefulStack extends Stack {
  public readonly key: kms.IKey;
  public readonly table: dynamodb.ITable;
  public readonly recordsBucket: s3.IBucket;
  public readonly accessLogsBucket: s3.IBucket;
  public readonly signingSecret: secretsmanager.ISecret;
  public readonly keyRotation: KeyRotation;
  public readonly settings: ConcordSettings;
  public readonly backupSelection: backup.BackupSelection;
  /** GuardDuty Malware Protection for S3 on the records bucket (its results reach the stateless stack's rule). */
  public readonly malwareProtection: MalwareProtection;
  /** The console's people and programs (Cognito), unless the deployer brings their own provider. */
  public readonly consoleUsers?: ConsoleUsers;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.settings = props.settings;
    if (props.consoleUsers) this.consoleUsers = new ConsoleUsers(this, 'ConsoleUsers', props.consoleUsers);

    const key = new kms.Key(this, 'DataKey', {
      description: 'Concord: encrypts the case table, medical records, signing secret, logs and alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Log groups in this account (Lambda, API access, Step Functions, WAF) are encrypted with this key.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the KMS-encrypted alarm topic, and EventBridge puts the events it could
    // not deliver (a GuardDuty scan result) into the encrypted dead-letter queue: both services, this account.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarmsAndEventBridgeToEncryptedTopicAndQueue',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('events.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.key = key;

    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // GSI1: specialists by cancer type; GSI2: the console's queue. CloudFormation adds one index per update:
    // a table deployed with GSI1 only gets GSI2 in one update, backfilled by DynamoDB.
    for (const index of TABLE_INDEXES) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    this.table = table;

    // S3 server access logs can only be delivered to an SSE-S3 bucket (not SSE-KMS).
    const accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'archive-then-expire-access-logs',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
          // Six years: the HIPAA documentation retention period.
          expiration: Duration.days(6 * 366),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.accessLogsBucket = accessLogsBucket;

    this.recordsBucket = new s3.Bucket(this, 'RecordsBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'records/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    this.malwareProtection = new MalwareProtection(this, 'RecordsMalwareProtection', {
      bucket: this.recordsBucket,
      key,
    });

    this.signingSecret = new secretsmanager.Secret(this, 'SigningSecret', {
      description: 'Concord: HMAC key for signed single-use links',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.keyRotation = new KeyRotation(this, 'SigningKeyRotation', {
      secret: this.signingSecret,
      key,
      rotationDays: props.settings.signingKeyRotationDays,
      reservedConcurrency: props.settings.reservedConcurrency,
    });

    // PITR covers the last 35 days; AWS Backup keeps daily and monthly copies beyond that.
    const vault = new backup.BackupVault(this, 'BackupVault', {
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new backup.BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron({ hour: '5', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ day: '1', hour: '5', minute: '0' }),
          deleteAfter: Duration.days(6 * 366),
        }),
      ],
    });
    this.backupSelection = plan.addSelection('Table', {
      resources: [backup.BackupResource.fromDynamoDbTable(table)],
    });
  }
}
