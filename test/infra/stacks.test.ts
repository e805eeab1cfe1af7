import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack } from 'cdk-nag';
import { buildConcordApp, type ConcordApp } from '../../infra/aws/app.js';
import { ROUTE_CREDENTIALS } from '../../infra/aws/nag-suppressions.js';
import {
  aslPlaceholders,
  HANDLER_PERMISSIONS,
  intakeModelSchema,
  type Permission,
  REPO_ROOT,
  settingsFromContext,
  TABLE_WRITE_ACTIONS,
} from '../../infra/aws/stateless-stack.js';
import { ASL_PATH, ROUTES, WORKFLOW_FUNCTIONS } from '../../infra/routes.js';
import { TABLE_KEYS } from '../../infra/table-schema.js';

type Json = Record<string, unknown>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const HANDLERS = [...new Set([...ROUTES.map((r) => r.handler), ...Object.values(WORKFLOW_FUNCTIONS)])];
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
  it('has one on-demand table with PITR, the customer-managed key, GSI1 and TTL', () => {
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
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: TABLE_KEYS.gsi1.indexName,
          KeySchema: [
            { AttributeName: TABLE_KEYS.gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
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
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
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
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
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

describe('functions', () => {
  it('has one Lambda per handler, all nodejs22.x on arm64 with active tracing', () => {
    const functions = stateless.findResources('AWS::Lambda::Function');
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
      expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
      expect(bundle).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(existsSync(join(REPO_ROOT, 'functions', 'handlers', `${handler}.ts`))).toBe(true);
    }
  });

  it('gives every function its configuration, log group with retention and KMS, and reserved concurrency', () => {
    const resources = stateless.toJSON().Resources as Record<string, { Type: string; Properties: Json }>;
    for (const handler of HANDLERS) {
      const fn = resources[functionId(handler)]!.Properties;
      const variables = (fn.Environment as { Variables: Json }).Variables;
      expect(variables).toMatchObject({
        CONCORD_TABLE_NAME: expect.anything(),
        CONCORD_RECORDS_BUCKET: expect.anything(),
        CONCORD_SECRET_ID: expect.anything(),
        CONCORD_PUBLIC_URL: expect.anything(),
        CONCORD_COORDINATOR_EMAIL: 'coordinator@concord.example.org',
        CONCORD_SENDER_EMAIL: 'no-reply@concord.example.org',
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
        POWERTOOLS_SERVICE_NAME: 'concord',
      });
      const startsWorkflow = HANDLER_PERMISSIONS[handler]!.includes('workflow:start');
      expect('CONCORD_STATE_MACHINE_ARN' in variables).toBe(startsWorkflow);
      expect(fn.ReservedConcurrentExecutions).toBeGreaterThan(0);
      const logGroup = resources[(fn.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties).toMatchObject({
        RetentionInDays: expect.any(Number),
        KmsKeyId: expect.anything(),
      });
    }
  });

  it('never attaches the AWSLambdaBasicExecutionRole managed policy', () => {
    expect(JSON.stringify(stateless.findResources('AWS::IAM::Role'))).not.toContain(
      'AWSLambdaBasicExecutionRole',
    );
  });
});

describe('least privilege', () => {
  it('lets get-case read the table and nothing else', () => {
    const actions = statementsOfHandler('get-case').flatMap(actionsOf);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'].sort(),
    );
    for (const write of [...TABLE_WRITE_ACTIONS, 'dynamodb:*', 'kms:Encrypt', 'kms:GenerateDataKey']) {
      expect(actions).not.toContain(write);
    }
    expect(actions.some((a) => /^(states|secretsmanager|ses|s3):/.test(a))).toBe(false);
  });

  it('lets create-case write the table, read the secret and start exactly the state machine', () => {
    const statements = statementsOfHandler('create-case');
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
        'secret:read': actions.includes('secretsmanager:GetSecretValue'),
        'workflow:start': actions.includes('states:StartExecution'),
        'workflow:respond': actions.includes('states:SendTaskSuccess'),
        'email:send': actions.includes('ses:SendEmail'),
      };
      for (const [permission, granted] of Object.entries(grants)) {
        expect(`${handler} ${permission} ${granted}`).toBe(
          `${handler} ${permission} ${declared.has(permission as never)}`,
        );
      }
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    }
  });

  it('declares at least what each handler wires up (functions/shared/deps.ts), so nothing is denied on AWS', () => {
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
    };
    for (const handler of HANDLERS) {
      const source = readFileSync(join(REPO_ROOT, 'functions', 'handlers', `${handler}.ts`), 'utf8');
      const required = Object.entries(needs).flatMap(([call, permissions]) =>
        source.includes(call) ? permissions : [],
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
      expect(`${route.method} ${route.path} ${matching.length}`).toBe(`${route.method} ${route.path} 1`);
    }
  });

  it('validates the intake body against a model generated from the zod schema', () => {
    const schema = intakeModelSchema() as Json;
    expect(schema).not.toHaveProperty('$schema');
    expect(JSON.stringify(schema)).not.toContain('"format"');
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(
      expect.arrayContaining(['patient', 'diagnosis', 'firstOpinion', 'insurance']),
    );

    stateless.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({ type: 'object', additionalProperties: false }),
    });
    const validators = stateless.findResources('AWS::ApiGateway::RequestValidator', {
      Properties: { ValidateRequestBody: true, ValidateRequestParameters: true },
    });
    stateless.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestModels: { 'application/json': Match.anyValue() },
      RequestValidatorId: { Ref: Object.keys(validators)[0] },
    });
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
  it('has an SES identity for the sender domain', () => {
    stateless.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'concord.example.org' });
  });

  it('alarms on failed executions, every function error and API 5XX, to an encrypted topic', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: Json }).Properties,
    );
    const metrics = alarms.map((a) => `${a.Namespace as string}/${a.MetricName as string}`);
    expect(metrics.filter((m) => m === 'AWS/States/ExecutionsFailed')).toHaveLength(1);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(HANDLERS.length);
    expect(metrics.filter((m) => m === 'AWS/ApiGateway/5XXError')).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
    stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
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

  it('reports no CDK errors on either stack', () => {
    for (const stack of [built.stateful, built.stateless]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    }
  });
});
