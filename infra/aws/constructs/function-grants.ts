import { Aws, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type { Permission } from '../../routes.js';
import { TABLE_INDEXES } from '../../table-schema.js';

import { RECORDS_PREFIX } from '../../../functions/domain/record-keys.js';

/** The records bucket's key space every record lives under (functions/domain/record-keys.ts, recordKey). */
export { RECORDS_PREFIX };

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

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

type Grant = (grantee: iam.IGrantable, on: GrantTargets) => void;

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

/**
 * The least-privilege grant of each permission, in the order they are made. Records bucket access is on the
 * records key space only: no bucket-level action, no s3:*.
 */
export const GRANTS: Readonly<Record<Permission, Grant>> = {
  'table:read': (grantee, { table, key }) => {
    // The indexes hold nothing the table does not: reading one grants no more than reading the table.
    allow(grantee, TABLE_READ_ACTIONS, [
      table.tableArn,
      ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`),
    ]);
    key.grantDecrypt(grantee);
  },
  'table:write': (grantee, { table, key }) => {
    allow(grantee, TABLE_WRITE_ACTIONS, [table.tableArn]);
    key.grant(grantee, 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
  },
  'secret:read': (grantee, { signingSecret, key }) => {
    // Not signingSecret.grantRead(): across stacks it would also put this role into the key policy of the
    // stateful stack, a dependency cycle. The same two grants, on the principal only:
    allow(
      grantee,
      ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      [signingSecret.secretArn],
    );
    allow(grantee, ['kms:Decrypt'], [key.keyArn], {
      StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` },
    });
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
