import { Aws, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { readablePrefixes, type Access, type ItemPrefix, type Permission } from '../../routes.js';

import { RECORDS_PREFIX } from '../../../functions/domain/record-keys.js';

/** The records bucket's key space every record lives under (functions/domain/record-keys.ts, recordKey). */
export { RECORDS_PREFIX };

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** No BatchWriteItem: no function writes in batches (only the local seed loader, which has no IAM). */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** What the grants name. */
export interface GrantTargets {
  readonly table: dynamodb.ITable;
  readonly key: kms.IKey;
  readonly signingSecret: secretsmanager.ISecret;
  readonly recordsBucket: s3.IBucket;
  readonly senderIdentity: ses.IEmailIdentity;
  readonly deliveryConfiguration: ses.IConfigurationSet;
  /** Built from the state machine's name, so a grant on it does not depend on the state machine. */
  readonly stateMachineArn: string;
}

type Grant = (grantee: iam.IGrantable, on: GrantTargets, access: Access) => void;

const allow = (
  grantee: iam.IGrantable,
  actions: string[],
  resourceArns: string[],
  conditions?: Record<string, Record<string, unknown>>,
) => iam.Grant.addToPrincipal({ grantee, actions, resourceArns, conditions });

/**
 * Every request goes through S3 to the bucket's key: KMS grants are bound to S3 and this bucket by condition
 * (with S3 Bucket Keys the encryption context is the bucket ARN, the object ARN without them).
 */
const viaS3 = (bucket: s3.IBucket) => ({
  StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` },
  StringLike: {
    'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, `${bucket.bucketArn}/${RECORDS_PREFIX}*`],
  },
});
const recordObjects = (bucket: s3.IBucket) => [bucket.arnForObjects(`${RECORDS_PREFIX}*`)];

/** A KMS grant usable only through the named service (every decrypt grant has one). */
const via = (service: string) => ({
  StringEquals: { 'kms:ViaService': `${service}.${Aws.REGION}.amazonaws.com` },
});
const VIA_SECRETS_MANAGER = via('secretsmanager');
const VIA_DYNAMODB = via('dynamodb');

/** Requests on these items only: every key the request names starts with one of the prefixes. */
const onlyItems = (prefixes: readonly ItemPrefix[]) => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) },
});

/**
 * What the signing secret's rotation function does (functions/use-cases/rotate-signing-key.ts): read the
 * versions and their labels, store the pending version, move AWSCURRENT to it; the key through Secrets Manager.
 * Not the grants CDK's RotationSchedule makes: those add GetRandomPassword on every resource and Encrypt and
 * ReEncrypt, which it does not use.
 */
export function grantSecretRotation(
  grantee: iam.IGrantable,
  signingSecret: secretsmanager.ISecret,
  key: kms.IKey,
): void {
  allow(
    grantee,
    [
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ],
    [signingSecret.secretArn],
  );
  allow(grantee, ['kms:Decrypt', 'kms:GenerateDataKey'], [key.keyArn], VIA_SECRETS_MANAGER);
}

/**
 * The least-privilege grant of each permission, in the order they are made. Records bucket access is on the
 * records key space only: no bucket-level action, no s3:*.
 */
export const GRANTS: Readonly<Record<Permission, Grant>> = {
  'table:read': (grantee, { table, key }, { table: items }) => {
    allow(grantee, TABLE_READ_ACTIONS, [table.tableArn], onlyItems(readablePrefixes(items!)));
    allow(grantee, ['kms:Decrypt'], [key.keyArn], VIA_DYNAMODB);
  },
  'table:write': (grantee, { table, key }, { table: items }) => {
    allow(grantee, TABLE_WRITE_ACTIONS, [table.tableArn], onlyItems(items!.write!));
    allow(grantee, ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], [key.keyArn], VIA_DYNAMODB);
  },
  'table:index': (grantee, { table, key }, { table: items }) => {
    // Index queries are not narrowed by key (see TableAccess.index for what each index holds).
    const indexes = items!.index!.map((name) => `${table.tableArn}/index/${name}`);
    allow(grantee, ['dynamodb:Query'], indexes);
    allow(grantee, ['kms:Decrypt'], [key.keyArn], VIA_DYNAMODB);
  },
  'secret:read': (grantee, { signingSecret, key }) => {
    // Not signingSecret.grantRead(): across stacks it would also put this role into the key policy of the
    // stateful stack, a dependency cycle. GetSecretValue alone (the functions read AWSCURRENT and AWSPREVIOUS by
    // label and describe nothing), and the key through Secrets Manager only, on the principal:
    allow(grantee, ['secretsmanager:GetSecretValue'], [signingSecret.secretArn]);
    allow(grantee, ['kms:Decrypt'], [key.keyArn], VIA_SECRETS_MANAGER);
  },
  'workflow:start': (grantee, { stateMachineArn }) => {
    allow(grantee, ['states:StartExecution'], [stateMachineArn]);
  },
  'workflow:respond': (grantee, { stateMachineArn }) => {
    // What stateMachine.grantTaskResponse() grants, on the name-built ARN.
    allow(
      grantee,
      ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      [stateMachineArn],
    );
  },
  'workflow:stop': (grantee, { stateMachineArn }) => {
    // StopExecution is authorized on the execution: any of this state machine's (`execution:<machine>:<name>`).
    allow(
      grantee,
      ['states:StopExecution'],
      [`${stateMachineArn.replace(':stateMachine:', ':execution:')}:*`],
    );
  },
  'email:send': (grantee, { senderIdentity, deliveryConfiguration }) => {
    senderIdentity.grantSendEmail(grantee);
    // SES authorizes a send on the configuration set it goes through as well as on the identity.
    const configurationSetArn = Stack.of(senderIdentity).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: deliveryConfiguration.configurationSetName,
    });
    allow(grantee, ['ses:SendEmail', 'ses:SendRawEmail'], [configurationSetArn]);
  },
  // The suppression list is the account's: the action names no resource type, so it takes "*".
  'email:suppress': (grantee) => allow(grantee, ['ses:PutSuppressedDestination'], ['*']),
  'files:upload': (grantee, { recordsBucket, key }) => {
    // A presigned PUT or POST is signed with this role, and S3 authorizes the upload as this role: the
    // object write and, for SSE-KMS, the data key S3 generates with it.
    allow(grantee, ['s3:PutObject'], recordObjects(recordsBucket));
    allow(grantee, ['kms:GenerateDataKey'], [key.keyArn], viaS3(recordsBucket));
  },
  'files:read': (grantee, { recordsBucket, key }) => {
    // HeadObject is authorized by s3:GetObject.
    allow(grantee, ['s3:GetObject'], recordObjects(recordsBucket));
    allow(grantee, ['kms:Decrypt'], [key.keyArn], viaS3(recordsBucket));
  },
  'files:delete': (grantee, { recordsBucket }) => {
    // A refused upload is purged by version: the bucket is versioned.
    allow(grantee, ['s3:DeleteObject', 's3:DeleteObjectVersion'], recordObjects(recordsBucket));
  },
};
