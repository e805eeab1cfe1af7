import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack } from 'cdk-nag';
import { parseConfig } from '../../functions/shared/config.js';
import { bundleForLambda } from '../../bench/support/esbuild-lambda.js';
import { handlerEntry } from '../../bench/support/handlers.js';
import { buildConcordApp, type ConcordApp } from '../../infra/aws/app.js';
import { SOURCE_MAPS_NODE_OPTIONS } from '../../infra/aws/lambda-bundling.js';
import { ROUTE_CREDENTIALS } from '../../infra/aws/nag-suppressions.js';
import { STAGE_NAME } from '../../infra/aws/constructs/api.js';
import {
  RECORDS_PREFIX,
  TABLE_READ_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from '../../infra/aws/constructs/function-grants.js';
import { REPO_ROOT } from '../../infra/aws/lambda-bundling.js';
import {
  DEFAULT_SIGNING_KEY_ROTATION_DAYS,
  FUNCTION_SETTINGS_CONTEXT,
  linkLifetimes,
  settingsFromContext,
} from '../../infra/aws/settings.js';
import { aslPlaceholders } from '../../infra/aws/stateless-stack.js';
import { ACCEPT_SETTLED_SECONDS } from '../../functions/domain/assignment.js';
import {
  ASL_PATH,
  HANDLER_ACCESS,
  AUTHORIZER_FUNCTIONS,
  CONSOLE_AUTHORIZER,
  HANDLER_PERMISSIONS,
  type IndexName,
  ITEM_PREFIXES,
  readablePrefixes,
  type Permission,
  RECORD_UPLOADED_FUNCTION,
  ROUTES,
  WORKFLOW_FUNCTIONS,
} from '../../infra/routes.js';
import { TABLE_KEYS } from '../../infra/table-schema.js';

type Json = Record<string, unknown>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every function of the stateless stack: routes, workflow steps, schedules and event handlers. */
const HANDLERS = Object.keys(HANDLER_ACCESS);
/** CDK's own Lambda behind Custom::S3BucketNotifications (by its fixed singleton id). */
const NOTIFICATIONS_HANDLER = /^BucketNotificationsHandler050a0587b7544547bf325f094a3db834/;
const actionsOf = (statement: Statement) => [statement.Action].flat();

let outdir: string;
let built: ConcordApp;
let assembly: CloudAssembly;
let stateful: Template;
let stateless: Template;

/** The template's logical id of a construct's resource. */
function idOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnElement | undefined;
  if (!resource) throw new Error(`${construct.node.path} has no resource`);
  return resource.stack.getLogicalId(resource);
}

/** The logical id of a direct child's resource. */
function logicalId(stack: Stack, id: string): string {
  return idOf(stack.node.findChild(id));
}

/** The logical id of the function of a handler. */
function functionId(handler: string): string {
  const fn = built.stateless.functions.get(handler);
  if (!fn) throw new Error(`No function for ${handler}`);
  return idOf(fn);
}

/** Every statement of the policies attached to a role (by the role's logical id). */
function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      ((policy as Json).Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument
        .Statement,
  );
}

/**
 * The stateful stack's output value that a stateless template value reads (by Fn::GetStackOutput), so
 * a reference can be checked against the resource it names.
 */
function statefulValue(value: unknown): unknown {
  const read = (value as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })[
    'Fn::GetStackOutput'
  ];
  if (!read) throw new Error(`Not a reference to the stateful stack: ${JSON.stringify(value)}`);
  expect(read.StackName).toBe(built.stateful.stackName);
  const outputs = stateful.toJSON().Outputs as Record<string, { Value: unknown }>;
  const output = outputs[read.OutputName];
  if (!output) throw new Error(`No stateful output ${read.OutputName}`);
  return output.Value;
}

/** Every public-access block on, as both buckets must have. */
const BLOCK_ALL_PUBLIC_ACCESS = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

/** The records objects ARN as rendered in the stateless template. */
function recordObjectsArn(): unknown {
  return built.stateless.resolve(built.stateless.recordsBucket.arnForObjects(`${RECORDS_PREFIX}*`));
}

/** The S3 statements of a handler's role. */
function s3StatementsOf(handler: string): Statement[] {
  return statementsOfHandler(handler).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
}

function statementsOfHandler(handler: string): Statement[] {
  const fn = stateless.toJSON().Resources[functionId(handler)] as {
    Properties: { Role: { 'Fn::GetAtt': string[] } };
  };
  return statementsOfRole(stateless, fn.Properties.Role['Fn::GetAtt'][0]!);
}

/** State names, including those inside Map iterators and Parallel branches. */
function stateNames(definition: { States: Record<string, Json> }): string[] {
  return Object.entries(definition.States).flatMap(([name, state]) => {
    const nested = [
      ...((state.Branches as { States: Record<string, Json> }[] | undefined) ?? []),
      ...[state.Iterator, state.ItemProcessor].filter(Boolean),
    ] as { States: Record<string, Json> }[];
    return [name, ...nested.flatMap(stateNames)];
  });
}

/** Unacknowledged cdk-nag findings (errors and warnings), one line each, for readable failures. */
function findings(pack: NagPack, stack: Stack): string[] {
  return pack
    .validateScope(stack)
    .violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath}`),
    );
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'concord-cdk-'));
  // Asset metadata names each function's bundle directory (the CLI turns it on; a bare App does not).
  built = buildConcordApp({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  // Synthesis runs the cdk-nag packs as validation plugins and throws if any finding is unacknowledged.
  assembly = built.app.synth();
  stateful = Template.fromJSON(assembly.getStackArtifact(built.stateful.artifactId).template as Json);
  stateless = Template.fromJSON(assembly.getStackArtifact(built.stateless.artifactId).template as Json);
}, 240_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('stateful stack', () => {
  it('has one on-demand table with PITR, the customer-managed key, GSI1, GSI2 and TTL', () => {
    stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(built.stateful, 'DataKey'), 'Arn'] },
      },
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE_KEYS.gsi1.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.gsi1.sortKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.gsi2.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.gsi2.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2].map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
      DeletionProtectionEnabled: true,
    });
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('backs the table up with AWS Backup beyond PITR', () => {
    stateful.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': [logicalId(built.stateful, 'Table'), 'Arn'] }],
      }),
    });
  });

  it('rotates the KMS key', () => {
    stateful.resourceCountIs('AWS::KMS::Key', 1);
    stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts, versions, locks down and logs the records bucket', () => {
    const recordsBucket = logicalId(built.stateful, 'RecordsBucket');
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(built.stateful, 'DataKey'), 'Arn'] },
            },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(built.stateful, 'AccessLogsBucket') } },
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: recordsBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('keeps access logs in a separate locked-down, SSL-only bucket written by bucket policy', () => {
    const logsBucket = logicalId(built.stateful, 'AccessLogsBucket');
    // The logs bucket's own resource: the records bucket has the same settings and would mask a regression.
    expect(stateful.toJSON().Resources[logsBucket]).toMatchObject({
      Type: 'AWS::S3::Bucket',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      },
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('generates a 64-character signing secret encrypted with the key', () => {
    stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      KmsKeyId: { 'Fn::GetAtt': [logicalId(built.stateful, 'DataKey'), 'Arn'] },
    });
  });
});

describe('keys that rotate', () => {
  const secretId = () => logicalId(built.stateful, 'SigningSecret');
  const rotationFunction = () => idOf(built.stateful.keyRotation.function);

  it('rotates the signing secret on a schedule, through its own function, beside the secret', () => {
    const longest = Math.max(...Object.values(linkLifetimes(parseConfig({}))));
    stateful.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    stateful.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: secretId() },
      RotationLambdaARN: { 'Fn::GetAtt': [rotationFunction(), 'Arn'] },
      RotationRules: {
        AutomaticallyAfterDays: Math.max(DEFAULT_SIGNING_KEY_ROTATION_DAYS, Math.ceil(longest / 86_400) + 1),
      },
    });
    const fn = stateful.toJSON().Resources[rotationFunction()] as { Properties: Json };
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', TracingConfig: { Mode: 'Active' } });
    expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('CONCORD_');
  });

  it('acknowledges no missing rotation any more: the cdk-nag rotation findings are met', () => {
    const ids = built.acknowledgements.map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions-SMG4');
    expect(ids).not.toContain('HIPAA.Security-SecretsManagerRotationEnabled');
  });

  it('lets only Secrets Manager invoke the rotation function, for this secret of this account', () => {
    const permissions = Object.values(stateful.findResources('AWS::Lambda::Permission')) as Array<{
      Properties: Json;
    }>;
    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [rotationFunction(), 'Arn'] },
        Principal: 'secretsmanager.amazonaws.com',
        SourceArn: { Ref: secretId() },
        SourceAccount: { Ref: 'AWS::AccountId' },
      },
    ]);
  });

  it('lets the rotation function read and relabel the secret, and use the key through Secrets Manager only', () => {
    const fn = stateful.toJSON().Resources[rotationFunction()] as {
      Properties: { Role: { 'Fn::GetAtt': string[] } };
    };
    const statements = statementsOfRole(stateful, fn.Properties.Role['Fn::GetAtt'][0]!);
    const secrets = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('secretsmanager:')));
    expect(secrets).toEqual([
      expect.objectContaining({
        Action: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        Resource: { Ref: secretId() },
      }),
    ]);
    const kms = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')));
    expect(kms).toEqual([
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: {
          StringEquals: {
            'kms:ViaService': {
              'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
            },
          },
        },
      }),
    ]);
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain('secretsmanager:GetRandomPassword');
    expect(actions.some((a) => /^(dynamodb|s3|ses|states):/.test(a))).toBe(false);
  });

  it('lets the functions that read the secret only read it (GetSecretValue), the key through Secrets Manager', () => {
    for (const handler of HANDLERS.filter((h) => HANDLER_PERMISSIONS[h]!.includes('secret:read'))) {
      const actions = statementsOfHandler(handler).flatMap(actionsOf);
      expect(`${handler}: ${actions.filter((a) => a.startsWith('secretsmanager:')).join(' ')}`).toBe(
        `${handler}: secretsmanager:GetSecretValue`,
      );
    }
  });

  it('refuses a rotation interval shorter than the longest link, and takes the default otherwise', () => {
    const reportDays = (days: number) => ({ linkGrantSeconds: String(days * 86_400) });
    expect(() =>
      settingsFromContext(new App({ context: { ...reportDays(30), signingKeyRotationDays: '30' } })),
    ).toThrow(
      /signingKeyRotationDays=30 is too short: the granted status, report or claim link lives up to 2592000 s/,
    );
    expect(
      settingsFromContext(new App({ context: { ...reportDays(14), signingKeyRotationDays: '30' } }))
        .signingKeyRotationDays,
    ).toBe(30);
    expect(settingsFromContext(new App({ context: reportDays(14) })).signingKeyRotationDays).toBe(90);
    expect(settingsFromContext(new App({ context: reportDays(120) })).signingKeyRotationDays).toBe(121);
    expect(() => settingsFromContext(new App({ context: { signingKeyRotationDays: '0' } }))).toThrow(
      /whole number of days/,
    );
  });
});

describe('functions', () => {
  it('has one Lambda per handler, all nodejs22.x on arm64 with active tracing', () => {
    const all = stateless.findResources('AWS::Lambda::Function');
    // Besides ours, only CDK's handler of the records bucket notification resource.
    expect(Object.keys(all).filter((id) => NOTIFICATIONS_HANDLER.test(id))).toHaveLength(1);
    const functions = Object.fromEntries(
      Object.entries(all).filter(([id]) => !NOTIFICATIONS_HANDLER.test(id)),
    );
    expect(Object.keys(functions)).toHaveLength(HANDLERS.length);
    expect([...built.stateless.functions.keys()].sort()).toEqual([...HANDLERS].sort());
    for (const fn of Object.values(functions)) {
      expect((fn as Json).Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('bundles each handler from functions/handlers as minified ESM with a require shim and the SDK inside', () => {
    for (const handler of HANDLERS) {
      const fn = stateless.toJSON().Resources[functionId(handler)] as { Metadata: Json };
      const assetDir = join(outdir, fn.Metadata['aws:asset:path'] as string);
      const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      expect(
        bundle.startsWith("import { createRequire } from 'node:module'; const require = createRequire("),
      ).toBe(true);
      // The map ships without the sources (they are in the repository at the deployed commit).
      const map = JSON.parse(readFileSync(join(assetDir, 'index.mjs.map'), 'utf8')) as Json;
      expect(map.sources).toEqual(expect.arrayContaining([expect.stringMatching(`handlers/${handler}.ts$`)]));
      expect(map).not.toHaveProperty('sourcesContent');
      expect(bundle).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(existsSync(join(REPO_ROOT, 'functions', 'handlers', `${handler}.ts`))).toBe(true);
    }
  });

  // intake-page formats messages: its bundle also shows the ICU parser aliased away in both.
  it.each(['health', 'intake-page'])(
    'is what the benchmarks bundle and measure, byte for byte (%s)',
    async (handler) => {
      const fn = stateless.toJSON().Resources[functionId(handler)] as { Metadata: Json };
      const assetDir = join(outdir, fn.Metadata['aws:asset:path'] as string);
      const benched = await bundleForLambda([{ key: handler, file: handlerEntry(handler) }]);
      const deployed = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      expect(Buffer.from(benched.get(handler)!.code).toString('utf8')).toBe(deployed);
      // The full parser's error kinds (its no-parser entry has none).
      expect(deployed).not.toContain('EXPECT_ARGUMENT_CLOSING_BRACE');
    },
  );

  it('gives every function its configuration, log group with retention and KMS, and reserved concurrency', () => {
    const resources = stateless.toJSON().Resources as Record<string, { Type: string; Properties: Json }>;
    for (const handler of HANDLERS) {
      const fn = resources[functionId(handler)]!.Properties;
      const variables = (fn.Environment as { Variables: Json }).Variables;
      // Each names its own resource (a swap of table and bucket would otherwise pass).
      expect(statefulValue(variables.CONCORD_TABLE_NAME)).toEqual({
        Ref: logicalId(built.stateful, 'Table'),
      });
      expect(statefulValue(variables.CONCORD_RECORDS_BUCKET)).toEqual({
        Ref: logicalId(built.stateful, 'RecordsBucket'),
      });
      expect(statefulValue(variables.CONCORD_SECRET_ID)).toEqual({
        Ref: logicalId(built.stateful, 'SigningSecret'),
      });
      expect(variables.CONCORD_PUBLIC_URL).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            { Ref: idOf(built.stateless.api) },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            `/${STAGE_NAME}`,
          ],
        ],
      });
      expect(variables).toMatchObject({
        CONCORD_COORDINATOR_EMAIL: 'coordinator@concord.example.org',
        CONCORD_SENDER_EMAIL: 'no-reply@concord.example.org',
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      });
      // Source maps are applied only on request (-c sourceMaps=true): they cost every cold start.
      expect(variables).not.toHaveProperty('NODE_OPTIONS');
      // Lambda's JSON log format and levels (functions/shared/logger.ts reads AWS_LAMBDA_LOG_LEVEL).
      expect(fn.LoggingConfig).toMatchObject({
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'WARN',
      });
      const startsWorkflow = HANDLER_PERMISSIONS[handler]!.includes('workflow:start');
      expect('CONCORD_STATE_MACHINE_ARN' in variables).toBe(startsWorkflow);
      // No timing or size setting in context: the functions' own defaults apply.
      for (const variable of Object.values(FUNCTION_SETTINGS_CONTEXT)) {
        expect(variables).not.toHaveProperty(variable);
      }
      expect(fn.ReservedConcurrentExecutions).toBeGreaterThan(0);
      const logGroup = resources[(fn.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties).toMatchObject({
        RetentionInDays: expect.any(Number),
        KmsKeyId: expect.anything(),
      });
    }
  });

  it('never attaches the AWSLambdaBasicExecutionRole managed policy to a Concord function', () => {
    const roles = Object.entries(stateless.findResources('AWS::IAM::Role'));
    const withBasic = roles.filter(([, role]) =>
      JSON.stringify(role).includes('AWSLambdaBasicExecutionRole'),
    );
    // Only CDK's bucket notifications handler, which CDK always gives it (acknowledged in nag-suppressions.ts).
    expect(withBasic.map(([id]) => NOTIFICATIONS_HANDLER.test(id))).toEqual([true]);
  });

  it('gives record-uploaded, invoked asynchronously by EventBridge, an encrypted dead-letter queue with an alarm', () => {
    const fn = stateless.toJSON().Resources[functionId(RECORD_UPLOADED_FUNCTION)] as { Properties: Json };
    const queueId = idOf(built.stateless.recordUploadsDeadLetterQueue);
    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    stateless.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      AlarmActions: Match.anyValue(),
    });
    // Sending to the queue needs its key, through SQS only.
    const statements = statementsOfHandler(RECORD_UPLOADED_FUNCTION);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } }),
        expect.objectContaining({
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Condition: {
            StringEquals: {
              'kms:ViaService': { 'Fn::Join': ['', ['sqs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
            },
          },
        }),
      ]),
    );
    // The request/response functions have no dead-letter queue (nothing retries them asynchronously).
    for (const handler of HANDLERS.filter((h) => h !== RECORD_UPLOADED_FUNCTION)) {
      const other = stateless.toJSON().Resources[functionId(handler)] as { Properties: Json };
      expect(other.Properties.DeadLetterConfig).toBeUndefined();
    }
  });
});

describe('least privilege', () => {
  it('lets get-case, list-records and case-fhir read the table and nothing else', () => {
    for (const handler of ['get-case', 'list-records', 'case-fhir']) {
      const actions = statementsOfHandler(handler).flatMap(actionsOf);
      expect(`${handler} ${actions.filter((a) => a.startsWith('dynamodb:')).sort()}`).toBe(
        `${handler} ${['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'].sort()}`,
      );
      for (const write of [...TABLE_WRITE_ACTIONS, 'dynamodb:*', 'kms:Encrypt', 'kms:GenerateDataKey']) {
        expect(actions).not.toContain(write);
      }
      expect(actions.filter((a) => /^(s3|states|secretsmanager|ses|sqs):/.test(a))).toEqual([]);
    }
  });

  it('lets create-case write the table, read the secret, and send email, but start nothing', () => {
    const actions = statementsOfHandler('create-case').flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'secretsmanager:GetSecretValue', 'ses:SendEmail']),
    );
    expect(actions).not.toContain('states:StartExecution');
  });

  it('runs the sweeper of unconfirmed intakes hourly from EventBridge, with table writes and deletes under cases/ only', () => {
    const fn = built.stateless.functions.get('expire-unconfirmed')!;
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: built.stateless.resolve(fn.functionArn) })],
    });
    const actions = statementsOfHandler('expire-unconfirmed').flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:DeleteItem', 'dynamodb:Query', 's3:DeleteObject']),
    );
    expect(actions.some((a) => /^(states|ses|secretsmanager):/.test(a) || a === 's3:PutObject')).toBe(false);
  });

  it('lets confirmation-link start exactly the state machine: the only start of a case', () => {
    const statements = statementsOfHandler('confirmation-link');
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'secretsmanager:GetSecretValue']));
    const start = statements.find((s) => actionsOf(s).includes('states:StartExecution'));
    expect(start).toBeDefined();
    expect(built.stateless.resolve(start!.Resource)).toEqual(
      built.stateless.resolve(built.stateless.stateMachineArn),
    );
    expect(JSON.stringify(built.stateless.resolve(built.stateless.stateMachineArn))).toContain(
      built.stateless.stateMachineName,
    );
  });

  it('grants each function only what HANDLER_PERMISSIONS declares', () => {
    for (const handler of HANDLERS) {
      const declared = new Set(HANDLER_PERMISSIONS[handler]);
      const actions = statementsOfHandler(handler).flatMap(actionsOf);
      const grants = {
        'table:read': actions.includes('dynamodb:GetItem'),
        'table:write': actions.includes('dynamodb:PutItem'),
        'table:index': statementsOfHandler(handler).some((st) =>
          JSON.stringify(st.Resource).includes('/index/'),
        ),
        'secret:read': actions.includes('secretsmanager:GetSecretValue'),
        'workflow:start': actions.includes('states:StartExecution'),
        'workflow:respond': actions.includes('states:SendTaskSuccess'),
        'email:send': actions.includes('ses:SendEmail'),
        'files:upload': actions.includes('s3:PutObject'),
        'files:read': actions.includes('s3:GetObject'),
        'files:delete': actions.includes('s3:DeleteObject'),
      };
      for (const [permission, granted] of Object.entries(grants)) {
        expect(`${handler} ${permission} ${granted}`).toBe(
          `${handler} ${permission} ${declared.has(permission as never)}`,
        );
      }
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
      // S3: object actions on the records key space only, never the bucket or another bucket.
      for (const statement of s3StatementsOf(handler)) {
        expect(`${handler} ${JSON.stringify(statement.Resource)}`).toBe(
          `${handler} ${JSON.stringify(recordObjectsArn())}`,
        );
        expect(
          actionsOf(statement).every((a) =>
            /^s3:(PutObject|GetObject|DeleteObject|DeleteObjectVersion)$/.test(a),
          ),
        ).toBe(true);
      }
    }
  });

  it('lets create-record and upload-link presign uploads under cases/ only, with the key through S3', () => {
    expect(RECORDS_PREFIX).toBe('cases/');
    for (const handler of ['create-record', 'upload-link']) {
      const s3Statements = s3StatementsOf(handler);
      expect(s3Statements.flatMap(actionsOf)).toEqual(['s3:PutObject']);
      expect(s3Statements.map((s) => s.Resource)).toEqual([recordObjectsArn()]);
      const dataKey = statementsOfHandler(handler).find(
        (s) =>
          actionsOf(s).includes('kms:GenerateDataKey') && JSON.stringify(s.Condition ?? {}).includes('"s3.'),
      );
      expect(dataKey).toBeDefined();
      expect(dataKey!.Condition).toMatchObject({
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': expect.arrayContaining([recordObjectsArn()]) },
      });
    }
  });

  it('lets record-uploaded read and delete uploads but not write them', () => {
    const s3Statements = s3StatementsOf(RECORD_UPLOADED_FUNCTION);
    const actions = s3Statements.flatMap(actionsOf);
    expect(actions.sort()).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:GetObject']);
    expect(actions).not.toContain('s3:PutObject');
    for (const statement of s3Statements) expect(statement.Resource).toEqual(recordObjectsArn());
    const decrypt = statementsOfHandler(RECORD_UPLOADED_FUNCTION).find(
      (s) => actionsOf(s).includes('kms:Decrypt') && JSON.stringify(s.Condition ?? {}).includes('"s3.'),
    );
    expect(decrypt).toBeDefined();
    // It answers the waiting records request: task responses on exactly the state machine.
    const respond = statementsOfHandler(RECORD_UPLOADED_FUNCTION).find((s) =>
      actionsOf(s).includes('states:SendTaskSuccess'),
    );
    expect(built.stateless.resolve(respond!.Resource)).toEqual(
      built.stateless.resolve(built.stateless.stateMachineArn),
    );
  });

  it('declares at least what each handler wires up (functions/wiring/deps.ts), so nothing is denied on AWS', () => {
    // The local stack has no IAM: a missing grant would only show on AWS. This reads each handler's
    // composition and checks the declared permissions cover the adapters it builds (a minimum, not exact).
    const needs: Record<string, Permission[]> = {
      'deps.cases()': ['table:read'],
      'deps.directory()': ['table:read'],
      'deps.callbacks()': ['table:read', 'table:write'],
      'deps.outbox()': ['table:read', 'table:write', 'email:send'],
      'deps.secrets()': ['secret:read'],
      'deps.workflow()': ['workflow:start'],
      'deps.tasks()': ['workflow:respond'],
      'callbackDeps()': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
      'opinionDeps()': ['table:read', 'table:write', 'secret:read', 'email:send', 'workflow:respond'],
      'deps.records()': ['table:read'],
      'deps.assignments()': ['table:read'],
      // deps.files() is one adapter for presigning, inspecting and deleting: what a handler needs follows
      // from the use case it runs.
      'requestUpload(': ['table:read', 'table:write', 'files:upload'],
      'answerUploadLink(': ['table:read', 'secret:read', 'files:upload'],
      'recordUploaded(': ['files:read', 'files:delete'],
      // The workflow port both starts and stops executions: the cancel only stops one.
      'cancelCase(': ['workflow:stop'],
    };
    const stopsOnly = (handler: string, source: string) =>
      source.includes('cancelCase(') && handler === 'console-cancel';
    // upload-link passes callbackDeps() but only opens the callback and reads the checklist: checked below.
    const readOnlyCallbackUsers = new Set(['upload-link']);
    const uploadLinkUseCase = readFileSync(
      join(REPO_ROOT, 'functions', 'use-cases', 'upload-link.ts'),
      'utf8',
    );
    for (const word of [
      'decideCallback',
      'settleIfDone',
      'ports.outbox',
      'ports.tasks',
      '.put(',
      '.settle(',
    ]) {
      expect(`upload-link use case calls ${word}: ${uploadLinkUseCase.includes(word)}`).toBe(
        `upload-link use case calls ${word}: false`,
      );
    }
    for (const handler of HANDLERS) {
      const source = readFileSync(join(REPO_ROOT, 'functions', 'handlers', `${handler}.ts`), 'utf8');
      if (source.includes('deps.files()')) {
        expect(`${handler} runs a known records use case`).toBe(
          /requestUpload\(|answerUploadLink\(|recordUploaded\(/.test(source)
            ? `${handler} runs a known records use case`
            : `${handler} runs an unknown use case with deps.files()`,
        );
      }
      const required = Object.entries(needs).flatMap(([call, permissions]) =>
        source.includes(call) &&
        !(call === 'callbackDeps()' && readOnlyCallbackUsers.has(handler)) &&
        !(call === 'deps.workflow()' && stopsOnly(handler, source))
          ? permissions
          : [],
      );
      const missing = [...new Set(required)].filter((p) => !HANDLER_PERMISSIONS[handler]!.includes(p));
      expect(`${handler} is missing [${missing.join(', ')}]`).toBe(`${handler} is missing []`);
    }
  });

  it('lets the state machine role invoke exactly the workflow functions', () => {
    const machine = Object.values(stateless.findResources('AWS::StepFunctions::StateMachine'))[0] as {
      Properties: { RoleArn: { 'Fn::GetAtt': string[] } };
    };
    const statements = statementsOfRole(stateless, machine.Properties.RoleArn['Fn::GetAtt'][0]!);
    const invoke = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect(invoke).toHaveLength(1);
    expect(actionsOf(invoke[0]!)).toEqual(['lambda:InvokeFunction']);
    const expected = [...new Set(Object.values(WORKFLOW_FUNCTIONS))].map((h) => ({
      'Fn::GetAtt': [functionId(h), 'Arn'],
    }));
    expect([invoke[0]!.Resource].flat()).toEqual(expect.arrayContaining(expected));
    expect([invoke[0]!.Resource].flat()).toHaveLength(expected.length);
  });
});

describe('least privilege: items, keys and logs', () => {
  /** A handler's statement granting exactly these DynamoDB actions. */
  const tableStatement = (handler: string, actions: string[]) =>
    statementsOfHandler(handler).find((st) => JSON.stringify(actionsOf(st)) === JSON.stringify(actions));

  it('narrows every function to the items it declares (dynamodb:LeadingKeys), reads and writes apart', () => {
    for (const handler of HANDLERS) {
      const table = HANDLER_ACCESS[handler]!.table;
      const read = tableStatement(handler, TABLE_READ_ACTIONS);
      const write = tableStatement(handler, TABLE_WRITE_ACTIONS);
      const leadingKeys = (statement: Statement | undefined) =>
        (statement?.Condition as { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys': string[] } })?.[
          'ForAllValues:StringLike'
        ]?.['dynamodb:LeadingKeys'];
      const stars = (prefixes: readonly string[]) => prefixes.map((prefix) => `${prefix}*`).sort();
      expect(`${handler} reads ${leadingKeys(read)?.sort().join(' ')}`).toBe(
        `${handler} reads ${table ? stars(readablePrefixes(table)).join(' ') : undefined}`,
      );
      expect(`${handler} writes ${leadingKeys(write)?.sort().join(' ')}`).toBe(
        `${handler} writes ${table?.write ? stars(table.write).join(' ') : undefined}`,
      );
      // On the table itself: never its index, never another table.
      for (const statement of [read, write].filter(Boolean))
        expect(statefulValue(statement!.Resource)).toEqual({
          'Fn::GetAtt': [logicalId(built.stateful, 'Table'), 'Arn'],
        });
    }
  });

  it('lets no function that does not answer links read the CALLBACK items holding task tokens', () => {
    const readers = HANDLERS.filter((handler) =>
      JSON.stringify(statementsOfHandler(handler)).includes('"CALLBACK#*"'),
    ).sort();
    expect(readers).toEqual(
      HANDLERS.filter((h) => readablePrefixes(HANDLER_ACCESS[h]!.table ?? {}).includes('CALLBACK#')).sort(),
    );
    for (const handler of [
      'get-case',
      'list-records',
      'report-link',
      'report-pdf',
      'load-settings',
      'create-case',
    ])
      expect(readers).not.toContain(handler);
  });

  it('queries each index only from the functions that declare it: the directory (GSI1), the case queues (GSI2)', () => {
    const queriersOf = (index: IndexName) =>
      HANDLERS.filter((h) =>
        statementsOfHandler(h).some((st) => JSON.stringify(st.Resource).includes(`/index/${index}"`)),
      ).sort();
    expect(queriersOf('GSI1')).toEqual(['intake-page', 'match-specialist']);
    expect(queriersOf('GSI2')).toEqual(['console-queue', 'expire-unconfirmed']);
    // GSI2 holds case items: only a function that may read cases may query it.
    for (const handler of queriersOf('GSI2'))
      expect(readablePrefixes(HANDLER_ACCESS[handler]!.table!)).toContain('CASE#');
    const allIndexes: IndexName[] = [TABLE_KEYS.gsi1.indexName, TABLE_KEYS.gsi2.indexName];
    expect(allIndexes).toEqual(['GSI1', 'GSI2']);
  });

  it('names every partition key prefix of the table in the vocabulary, and no other', () => {
    const keys = readFileSync(join(REPO_ROOT, 'functions', 'adapters', 'keys.ts'), 'utf8');
    const used = new Set([...keys.matchAll(/PK: `([A-Z]+#)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...ITEM_PREFIXES].sort());
  });

  it('grants no BatchWriteItem and no DescribeSecret to any function (none uses them)', () => {
    const actions = HANDLERS.flatMap((h) => statementsOfHandler(h).flatMap(actionsOf));
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
    expect(actions).not.toContain('secretsmanager:DescribeSecret');
  });

  it('binds every KMS decrypt grant, in both stacks, to the service it is used through (kms:ViaService)', () => {
    for (const template of [stateful, stateless]) {
      for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
        const statements = (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } })
          .Properties.PolicyDocument.Statement;
        for (const statement of statements.filter((st) =>
          actionsOf(st).some((a) => /^kms:(Decrypt|\*)/.test(a)),
        )) {
          expect(`${id} ${JSON.stringify(statement.Condition)}`).toMatch(/"kms:ViaService"/);
        }
      }
    }
  });

  it('redacts the query string (it carries links\u2019 sig), bearer tokens and cookies from the WAF log', () => {
    stateless.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: Match.arrayWith([
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'cookie' } },
        { QueryString: {} },
      ]),
    });
  });

  it('lets no link function run as long as an accept takes to settle', () => {
    for (const route of ROUTES) {
      const fn = stateless.toJSON().Resources[functionId(route.handler)] as {
        Properties: { Timeout: number };
      };
      expect(fn.Properties.Timeout).toBeLessThan(ACCEPT_SETTLED_SECONDS);
    }
  });
});

describe('records bucket: malware scans, and their results to record-uploaded', () => {
  const planOf = () => {
    const plans = stateful.findResources('AWS::GuardDuty::MalwareProtectionPlan');
    expect(Object.keys(plans)).toEqual([built.stateful.getLogicalId(built.stateful.malwareProtection.plan)]);
    return Object.values(plans)[0] as { Properties: Json; DependsOn?: string[] };
  };

  it('scans every new object under cases/ with GuardDuty Malware Protection for S3, from the stateful stack', () => {
    const plan = planOf();
    const roleId = idOf(built.stateful.malwareProtection.role);
    expect(plan.Properties).toEqual({
      ProtectedResource: {
        S3Bucket: {
          BucketName: { Ref: logicalId(built.stateful, 'RecordsBucket') },
          ObjectPrefixes: [RECORDS_PREFIX],
        },
      },
      Actions: { Tagging: { Status: 'DISABLED' } },
      Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    // GuardDuty checks the role when the plan is made: the role comes first.
    expect(plan.DependsOn).toContain(roleId);
    stateless.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
  });

  it('lets the plan’s role do only what AWS documents for a plan, on this bucket, its records and its key', () => {
    const role = stateful.toJSON().Resources[idOf(built.stateful.malwareProtection.role)] as {
      Properties: {
        AssumeRolePolicyDocument: Json;
        Policies: Array<{ PolicyDocument: { Statement: Statement[] } }>;
      };
    };
    const bucket = logicalId(built.stateful, 'RecordsBucket');
    const bucketArn = { 'Fn::GetAtt': [bucket, 'Arn'] };
    const managedRule = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
        ],
      ],
    };
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
    const statements = role.Properties.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
    const objects = (key: string) => ({ 'Fn::Join': ['', [bucketArn, `/${key}`]] });
    expect(statements.map(({ Action, Resource, Condition }) => ({ Action, Resource, Condition }))).toEqual([
      {
        Action: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        Resource: managedRule,
        Condition: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      },
      {
        Action: ['events:DescribeRule', 'events:ListTargetsByRule'],
        Resource: managedRule,
        Condition: undefined,
      },
      {
        Action: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'],
        Resource: bucketArn,
        Condition: undefined,
      },
      {
        Action: 's3:PutObject',
        Resource: objects('malware-protection-resource-validation-object'),
        Condition: undefined,
      },
      {
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: objects(`${RECORDS_PREFIX}*`),
        Condition: undefined,
      },
      {
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [logicalId(built.stateful, 'DataKey'), 'Arn'] },
        Condition: {
          StringEquals: {
            'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
          },
        },
      },
    ]);
    for (const statement of statements) expect(statement.Effect).toBe('Allow');
  });

  it('sends the bucket’s events to EventBridge, where GuardDuty hears of new objects, and no longer to a function', () => {
    const notifications = stateless.findResources('Custom::S3BucketNotifications');
    expect(Object.keys(notifications)).toEqual([
      built.stateless.getLogicalId(built.stateless.recordsNotifications),
    ]);
    const properties = (Object.values(notifications)[0] as { Properties: Json }).Properties;
    expect(properties).toMatchObject({
      BucketName: built.stateless.resolve(built.stateless.recordsBucket.bucketName),
      // The stateless stack owns the bucket's whole notification configuration.
      Managed: true,
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
    expect(Object.keys(properties.NotificationConfiguration as Json)).toEqual(['EventBridgeConfiguration']);
    expect(
      Object.keys(
        stateless.findResources('AWS::Lambda::Permission', { Properties: { Principal: 's3.amazonaws.com' } }),
      ),
    ).toEqual([]);
    // The stateful stack keeps no notification resource, and no function but the secret's rotation.
    stateful.resourceCountIs('Custom::S3BucketNotifications', 0);
    expect(Object.keys(stateful.findResources('AWS::Lambda::Function'))).toEqual([
      idOf(built.stateful.keyRotation.function),
    ]);
    // Stateless depends on stateful, never the other way around.
    expect(built.stateful.dependencies).toEqual([]);
    expect(built.stateless.dependencies).toEqual([built.stateful]);
  });

  it('hands GuardDuty’s scan results for the records to record-uploaded, what EventBridge cannot deliver to its dead-letter queue', () => {
    const ruleId = idOf(built.stateless.recordScannedRule);
    const queueId = idOf(built.stateless.recordUploadsDeadLetterQueue);
    const fnArn = { 'Fn::GetAtt': [functionId(RECORD_UPLOADED_FUNCTION), 'Arn'] };
    const rule = stateless.toJSON().Resources[ruleId] as { Properties: Json };
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      detail: {
        s3ObjectDetails: {
          bucketName: [built.stateless.resolve(built.stateless.recordsBucket.bucketName)],
          objectKey: [{ prefix: RECORDS_PREFIX }],
        },
      },
    });
    expect(statefulValue(built.stateless.resolve(built.stateless.recordsBucket.bucketName))).toEqual({
      Ref: logicalId(built.stateful, 'RecordsBucket'),
    });
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: fnArn,
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
      }),
    ]);
    stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: fnArn,
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
    stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
          }),
        ]),
      },
    });
    // The queue is encrypted with the data key: EventBridge may use it, for this account only.
    stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowAlarmsAndEventBridgeToEncryptedTopicAndQueue',
            Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('tells the functions that a record counts only once the scan found no threat', () => {
    const fn = stateless.toJSON().Resources[functionId(RECORD_UPLOADED_FUNCTION)] as {
      Properties: { Environment: { Variables: Record<string, string> } };
    };
    const { Variables } = fn.Properties.Environment;
    expect(Variables.CONCORD_MALWARE_SCAN).toBe('required');
    expect(parseConfig({ CONCORD_MALWARE_SCAN: Variables.CONCORD_MALWARE_SCAN }).malwareScan).toBe(
      'required',
    );
  });

  it('lets the notification handler change only the records bucket notification configuration', () => {
    const handlerPolicy = built.stateless.recordsNotifications.node.scope!.node.findChild('HandlerPolicy');
    const policy = stateless.toJSON().Resources[idOf(handlerPolicy)] as {
      Properties: { PolicyDocument: { Statement: Statement[] } };
    };
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      expect(actionsOf(statement).every((a) => /^s3:(Put|Get)BucketNotification$/.test(a))).toBe(true);
      expect(statement.Resource).toEqual(built.stateless.resolve(built.stateless.recordsBucket.bucketArn));
    }
  });

  it('adds no CORS rule to the records bucket (upload forms are simple requests)', () => {
    const bucket = stateful.toJSON().Resources[logicalId(built.stateful, 'RecordsBucket')] as {
      Properties: Json;
    };
    expect(bucket.Properties).not.toHaveProperty('CorsConfiguration');
    // Its notification configuration is the stateless stack's (above).
    expect(bucket.Properties).not.toHaveProperty('NotificationConfiguration');
  });
});

describe('state machine', () => {
  const aslText = readFileSync(join(REPO_ROOT, ASL_PATH), 'utf8');
  const asl = JSON.parse(aslText) as { States: Record<string, Json> };

  it('is a Standard state machine loaded from the ASL file, with every placeholder substituted', () => {
    stateless.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const machine = Object.values(stateless.findResources('AWS::StepFunctions::StateMachine'))[0] as {
      Properties: {
        StateMachineType: string;
        DefinitionSubstitutions: Json;
        DefinitionS3Location: { Key: string };
      };
    };
    expect(machine.Properties.StateMachineType).toBe('STANDARD');

    const substitutions = machine.Properties.DefinitionSubstitutions;
    expect(Object.keys(substitutions).sort()).toEqual(Object.keys(WORKFLOW_FUNCTIONS).sort());
    expect(aslPlaceholders(aslText)).toEqual(Object.keys(WORKFLOW_FUNCTIONS).sort());
    for (const [placeholder, handler] of Object.entries(WORKFLOW_FUNCTIONS)) {
      expect(substitutions[placeholder]).toEqual({ 'Fn::GetAtt': [functionId(handler), 'Arn'] });
    }

    // The definition is the staged asset: apply the substitutions as CloudFormation does.
    const staged = readFileSync(join(outdir, `asset.${machine.Properties.DefinitionS3Location.Key}`), 'utf8');
    expect(staged).toBe(aslText);
    const deployed = staged.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
      name in substitutions ? `arn:aws:lambda:us-east-1:123456789012:function:${name}` : whole,
    );
    expect(deployed).not.toContain('${');
    const names = stateNames(JSON.parse(deployed) as { States: Record<string, Json> });
    expect(names).toEqual(stateNames(asl));
    expect(names.length).toBeGreaterThan(0);
  });

  it('logs every event without execution data, and traces', () => {
    stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ IncludeExecutionData: false, Level: 'ALL' }),
      TracingConfiguration: { Enabled: true },
    });
  });
});

describe('API', () => {
  it('integrates one Lambda proxy per route', () => {
    stateless.resourceCountIs('AWS::ApiGateway::Method', ROUTES.length);
    for (const route of ROUTES) {
      stateless.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: route.method,
        Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
      });
      expect(ROUTE_CREDENTIALS[route.handler]).toBeDefined();
    }
    const methods = stateless.findResources('AWS::ApiGateway::Method');
    for (const route of ROUTES) {
      const matching = Object.values(methods).filter((m) => {
        const p = (m as { Properties: Json }).Properties;
        return (
          p.HttpMethod === route.method && JSON.stringify(p.Integration).includes(functionId(route.handler))
        );
      });
      // One method per route; a handler serving a method on two paths has two.
      const expected = ROUTES.filter((r) => r.method === route.method && r.handler === route.handler).length;
      expect(`${route.method} ${route.path} ${matching.length}`).toBe(
        `${route.method} ${route.path} ${expected}`,
      );
    }
  });

  it('validates every method’s parameters at the gateway and leaves bodies to the functions (413, field errors)', () => {
    const validators = stateless.findResources('AWS::ApiGateway::RequestValidator');
    expect(Object.values(validators).map((v) => v.Properties)).toEqual([
      {
        RestApiId: expect.anything(),
        Name: 'parameters',
        ValidateRequestBody: false,
        ValidateRequestParameters: true,
      },
    ]);
    const methods = Object.values(stateless.findResources('AWS::ApiGateway::Method'));
    expect(methods.length).toBe(ROUTES.length);
    for (const method of methods) {
      expect(method.Properties.RequestValidatorId).toEqual({ Ref: Object.keys(validators)[0] });
      expect(method.Properties).not.toHaveProperty('RequestModels');
    }
    stateless.resourceCountIs('AWS::ApiGateway::Model', 0);
  });

  it('runs the console authorizer, uncached and with no identity source, before every console route', () => {
    const authorizers = stateless.findResources('AWS::ApiGateway::Authorizer');
    expect(Object.values(authorizers).map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        Type: 'REQUEST',
        AuthorizerResultTtlInSeconds: 0,
        IdentitySource: '',
        AuthorizerUri: expect.objectContaining({
          'Fn::Join': expect.arrayContaining([
            expect.arrayContaining([{ 'Fn::GetAtt': [functionId(CONSOLE_AUTHORIZER), 'Arn'] }]),
          ]),
        }),
      }),
    ]);
    const [authorizerId] = Object.keys(authorizers);
    const methods = Object.values(stateless.findResources('AWS::ApiGateway::Method'));
    for (const route of ROUTES) {
      const method = methods.find(
        (m) =>
          m.Properties.HttpMethod === route.method &&
          JSON.stringify(m.Properties.Integration).includes(functionId(route.handler)),
      )!;
      const expected = route.authorizer
        ? { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } }
        : { AuthorizationType: 'NONE' };
      expect({ route: `${route.method} ${route.path}`, ...method.Properties }).toMatchObject({
        route: `${route.method} ${route.path}`,
        ...expected,
      });
    }
    expect(ROUTES.filter((r) => r.path.startsWith('/console') && !r.public).length).toBeGreaterThan(0);
    for (const route of ROUTES.filter((r) => r.path.startsWith('/console') && !r.public))
      expect(`${route.method} ${route.path} ${route.authorizer}`).toBe(
        `${route.method} ${route.path} ${CONSOLE_AUTHORIZER}`,
      );
    expect(AUTHORIZER_FUNCTIONS.map((a) => a.handler)).toEqual([CONSOLE_AUTHORIZER]);
  });

  it('answers the gateway’s own errors as problem+json, an unknown route with 404', () => {
    const responses = Object.values(stateless.findResources('AWS::ApiGateway::GatewayResponse')).map(
      (r) =>
        r.Properties as {
          ResponseType: string;
          StatusCode?: string;
          ResponseParameters: object;
          ResponseTemplates: Record<string, string>;
        },
    );
    const byType = Object.fromEntries(responses.map((r) => [r.ResponseType, r]));
    for (const response of responses) {
      expect(response.ResponseParameters).toEqual({
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
      });
      const template = response.ResponseTemplates['application/json']!;
      expect(template).toContain('"type":"about:blank"');
      if (response.StatusCode) expect(template).toContain(`"status":${response.StatusCode},`);
    }
    expect(byType.MISSING_AUTHENTICATION_TOKEN).toMatchObject({ StatusCode: '404' });
    expect(byType.THROTTLED).toMatchObject({ StatusCode: '429' });
    expect(byType.REQUEST_TOO_LARGE).toMatchObject({ StatusCode: '413' });
    expect(byType.WAF_FILTERED).toMatchObject({ StatusCode: '403' });
    // The catch-alls keep each answer's own status.
    expect(byType.DEFAULT_4XX).not.toHaveProperty('StatusCode');
    expect(byType.DEFAULT_5XX).not.toHaveProperty('StatusCode');
  });

  it('throttles, traces, logs access as JSON without bodies, and never logs data traces', () => {
    stateless.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ Format: Match.stringLikeRegexp('^\\{"requestId"') }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          DataTraceEnabled: false,
          LoggingLevel: 'ERROR',
          MetricsEnabled: true,
          ThrottlingRateLimit: Match.anyValue(),
          ThrottlingBurstLimit: Match.anyValue(),
        }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1cases', ThrottlingRateLimit: 5 }),
      ]),
    });
    const stage = Object.values(stateless.findResources('AWS::ApiGateway::Stage'))[0] as {
      Properties: { AccessLogSetting: { Format: string } };
    };
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format) as Json;
    expect(JSON.stringify(format)).not.toMatch(/requestBody|responseBody|\$input|header/i);
  });

  it('puts a WAF with managed rule groups and rate limits in front of the stage, with logging', () => {
    stateless.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      // In priority order: rate limits first, then the managed rule groups.
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) } }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
          },
        }),
      ]),
    });
    stateless.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([{ Ref: idOf(built.stateless.api.deploymentStage) }])],
      }),
    });
    stateless.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: Match.arrayWith([{ SingleHeader: { Name: 'authorization' } }]),
    });
  });
});

describe('operations', () => {
  it('has an SES identity for the sender domain, sending over TLS only', () => {
    const sets = stateless.findResources('AWS::SES::ConfigurationSet', {
      Properties: { DeliveryOptions: { TlsPolicy: 'REQUIRE' } },
    });
    expect(Object.keys(sets)).toHaveLength(1);
    stateless.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'concord.example.org',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Object.keys(sets)[0] } },
    });
    // A function that sends may send through it (SES checks the configuration set as well as the identity).
    const policies = JSON.stringify(stateless.findResources('AWS::IAM::Policy'));
    expect(policies).toMatch(
      /"ses:SendEmail","ses:SendRawEmail"\],"Effect":"Allow","Resource":\{"Fn::Join":\["",\["arn:",[^\]]*":configuration-set\/",\{"Ref":"TlsRequired/,
    );
  });

  it('alarms on failed executions, every function error and API 5XX, to an encrypted topic', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: Json }).Properties,
    );
    const metrics = alarms.map((a) => `${a.Namespace as string}/${a.MetricName as string}`);
    expect(metrics.filter((m) => m === 'AWS/States/ExecutionsFailed')).toHaveLength(1);
    // Every function's, the signing secret's rotation function included.
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(HANDLERS.length + 1);
    const fromStateful = alarms
      .filter((a) => a.MetricName === 'Errors')
      .map((a) => (a.Dimensions as Array<{ Value: unknown }>)[0]!.Value)
      .filter((value) => JSON.stringify(value).includes('Fn::GetStackOutput'));
    expect(fromStateful.map(statefulValue)).toEqual([{ Ref: idOf(built.stateful.keyRotation.function) }]);
    expect(metrics.filter((m) => m === 'AWS/ApiGateway/5XXError')).toHaveLength(1);
    const topic = idOf(built.stateless.alarmTopic);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    expect(stateless.toJSON().Resources[topic]).toMatchObject({
      Type: 'AWS::SNS::Topic',
      Properties: { KmsMasterKeyId: expect.anything() },
    });
  });

  it('reads its settings from context and rejects a sender outside the SES domain', () => {
    const app = new App({ context: { senderDomain: 'mail.example.com', alarmEmail: 'ops@example.com' } });
    expect(settingsFromContext(app)).toMatchObject({
      senderEmail: 'no-reply@mail.example.com',
      coordinatorEmail: 'coordinator@mail.example.com',
      alarmEmail: 'ops@example.com',
    });
    expect(settingsFromContext(app).reservedConcurrency).toBeGreaterThan(0);
    // `cdk synth -c reservedConcurrency=0` passes a string.
    expect(settingsFromContext(new App({ context: { reservedConcurrency: '0' } })).reservedConcurrency).toBe(
      0,
    );
    expect(() => settingsFromContext(new App({ context: { reservedConcurrency: '-1' } }))).toThrow();
    const bad = new App({ context: { senderDomain: 'mail.example.com', senderEmail: 'x@other.example' } });
    expect(() => settingsFromContext(bad)).toThrow(/not in the SES identity's domain/);
  });

  it('applies source maps at run time only when context asks, as `-c sourceMaps=true` or in cdk.json', () => {
    expect(settingsFromContext(new App()).sourceMaps).toBe(false);
    for (const [value, expected] of [
      ['true', true],
      [true, true],
      ['false', false],
      [false, false],
    ] as const) {
      expect(settingsFromContext(new App({ context: { sourceMaps: value } })).sourceMaps).toBe(expected);
    }
    for (const value of ['yes', '1', 1]) {
      expect(() => settingsFromContext(new App({ context: { sourceMaps: value } }))).toThrow(
        'Context value sourceMaps must be true or false',
      );
    }
  });

  it('passes timing and size settings from context to the functions, checked by their own schema', () => {
    expect(settingsFromContext(new App()).functionEnvironment).toEqual({});
    // `-c approvalTimeoutSeconds=3600` passes a string, cdk.json a number.
    const tuned = new App({
      context: { approvalTimeoutSeconds: '3600', recordsReminders: 1, uploadUrlSeconds: '600' },
    });
    expect(settingsFromContext(tuned).functionEnvironment).toEqual({
      CONCORD_APPROVAL_TIMEOUT_SECONDS: '3600',
      CONCORD_RECORDS_REMINDERS: '1',
      CONCORD_UPLOAD_URL_SECONDS: '600',
    });
    for (const [key, value] of [
      ['approvalTimeoutSeconds', '0'],
      ['priorAuthRoutineSeconds', 'soon'],
      ['recordMaxBytes', String(6 * 1024 ** 3)],
      ['uploadUrlSeconds', '30'],
      ['approvalReminders', { times: 2 }],
    ] as const) {
      expect(() => settingsFromContext(new App({ context: { [key]: value } }))).toThrow(new RegExp(key));
    }
    // Every variable is one the functions read: a bad value of it is refused, by name.
    for (const variable of Object.values(FUNCTION_SETTINGS_CONTEXT)) {
      expect(() => parseConfig({ [variable]: 'not-a-number' })).toThrow(variable);
    }
  });

  it('puts the context settings into every function environment', () => {
    // A second app, without bundling (the functions' code is not under test here).
    const tuned = buildConcordApp({
      outdir: join(outdir, 'tuned'),
      context: {
        'aws:cdk:bundling-stacks': [],
        approvalTimeoutSeconds: '3600',
        recordsReminderSeconds: '86400',
        sourceMaps: 'true',
      },
    });
    const template = Template.fromStack(tuned.stateless);
    for (const handler of HANDLERS) {
      const fn = tuned.stateless.functions.get(handler)!;
      const { Variables } = (
        template.toJSON().Resources[idOf(fn)] as { Properties: { Environment: { Variables: Json } } }
      ).Properties.Environment;
      expect(Variables).toMatchObject({
        CONCORD_APPROVAL_TIMEOUT_SECONDS: '3600',
        CONCORD_RECORDS_REMINDER_SECONDS: '86400',
        NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS,
      });
      expect(Variables).not.toHaveProperty('CONCORD_RECORDS_REMINDERS');
    }
  }, 120_000);
});

describe('cdk-nag', () => {
  it.each([
    ['AwsSolutions', 'stateful'],
    ['AwsSolutions', 'stateless'],
    ['HIPAA.Security', 'stateful'],
    ['HIPAA.Security', 'stateless'],
  ] as const)('%s finds nothing unacknowledged in the %s stack', (packName, which) => {
    const pack = packName === 'AwsSolutions' ? new AwsSolutionsChecks() : new HIPAASecurityChecks();
    expect(findings(pack, built[which])).toEqual([]);
  });

  it('acknowledges each accepted finding narrowly, with a written reason', () => {
    expect(built.acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason, path } of built.acknowledgements) {
      expect(id).toMatch(/^(AwsSolutions|HIPAA\.Security)-[A-Za-z0-9]+(\[.+\])?$/);
      expect(reason.length).toBeGreaterThan(80);
      // Never on a whole stack.
      expect(path.split('/').length).toBeGreaterThan(1);
    }
  });

  it('acknowledges wildcards on records objects only for the file handlers and the scan, on cases/*', () => {
    const objectAcks = built.acknowledgements.filter(
      (a) => a.id.startsWith('AwsSolutions-IAM5[') && a.id.includes('RecordsBucket'),
    );
    const fileHandlers = HANDLERS.filter((h) => HANDLER_PERMISSIONS[h]!.some((p) => p.startsWith('files:')));
    expect(fileHandlers.sort()).toEqual(
      // console-case presigns record downloads for the coordinator (read only).
      [
        'case-packet',
        'console-case',
        'create-record',
        'expire-unconfirmed',
        RECORD_UPLOADED_FUNCTION,
        'upload-link',
      ].sort(),
    );
    // And GuardDuty's scan role, which reads the records to scan them.
    expect(objectAcks.map((a) => a.path).sort()).toEqual(
      [
        ...fileHandlers.map((h) => built.stateless.functions.get(h)!.role!.node.path),
        built.stateful.malwareProtection.role.node.path,
      ].sort(),
    );
    for (const { id } of objectAcks) {
      expect(id).toMatch(/^AwsSolutions-IAM5\[Resource::.*RecordsBucket[^/]*\/cases\/\*\]$/);
    }
  });

  it("acknowledges the execution wildcard only for the console's cancel, on this state machine's executions", () => {
    const executionAcks = built.acknowledgements.filter((a) => a.id.includes(':execution:'));
    expect(executionAcks.map((a) => a.path)).toEqual([
      built.stateless.functions.get('console-cancel')!.role!.node.path,
    ]);
    expect(executionAcks[0]!.id).toMatch(
      /^AwsSolutions-IAM5\[Resource::arn:.*:execution:ConcordStateless-second-opinion:\*\]$/,
    );
  });

  it('reports no CDK errors on either stack', () => {
    for (const stack of [built.stateful, built.stateless]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    }
  });
});
