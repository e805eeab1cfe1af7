import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDirectoryWriter } from '../../functions/adapters/dynamo-directory-writer.js';
import { ItemClient } from '../../functions/adapters/item-client.js';
import { ValidationError } from '../../functions/shared/errors.js';
import { DEMO_SEED_FILE, loadSeed } from './seed.js';
import { SECRET_ID, startStack, type RunningStack, type StackPorts } from './stack.js';

const USAGE = `Usage: concord <command>
  start   run the whole stack locally (default)
  seed    load CONCORD_SEED_FILE (or the demo directory) into a running stack's DynamoDB
  rotate-key  rotate the link-signing key of a running stack (through its rotation function)`;

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, not ${raw}`);
  return value;
}

function concordSettings(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('CONCORD_') && entry[1] !== undefined,
    ),
  );
}

async function start(): Promise<void> {
  const ports: StackPorts = {
    api: port('PORT', 3000),
    ses: port('CONCORD_SES_PORT', 8005),
    dynamodb: port('CONCORD_DYNAMODB_PORT', 8000),
    s3: port('CONCORD_S3_PORT', 4569),
    sfn: port('CONCORD_SFN_PORT', 8083),
    secrets: port('CONCORD_SECRETS_PORT', 8084),
    oidc: port('CONCORD_OIDC_PORT', 8086),
  };
  const stack = await startStack({
    dataDir: process.env.CONCORD_DATA_DIR || '.concord',
    ports,
    seedFile: process.env.CONCORD_SEED_FILE || undefined,
    settings: concordSettings(),
    log: (line) => console.warn(line),
  });
  const { urls } = stack;
  process.stdout.write(
    [
      `API              ${urls.api}   (GET /health, GET /openapi.json, POST /cases)`,
      ...consoleLines(stack),
      `SES inbox        ${urls.sesInbox}   (web inbox; JSON at /store)`,
      `DynamoDB         ${urls.dynamodb}`,
      `S3               ${urls.s3}`,
      `Step Functions   ${urls.sfn}`,
      `Secrets Manager  ${urls.secrets}`,
      `Concord is ready at ${urls.api}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.warn(`${signal}: stopping; unfinished cases resume on the next start`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Where the console is and how to sign in: the seed file's first coordinator and API client (a local demo). */
function consoleLines({ urls, staff }: RunningStack): string[] {
  const publicUrl = (process.env.CONCORD_PUBLIC_URL ?? urls.api).replace(/\/+$/, '');
  const [coordinator] = staff.coordinators;
  const [client] = staff.apiClients;
  return [
    `Console          ${publicUrl}/console`,
    coordinator
      ? `  sign in as     ${coordinator.email}  password ${coordinator.password}  (from the seed file)`
      : '  no coordinators in the seed file: no one can sign in',
    `Sign-in service  ${urls.oidc}   (OpenID discovery at /.well-known/openid-configuration)`,
    ...(client
      ? [
          `  API client     ${client.clientId}  secret ${client.clientSecret}  (client credentials at ${urls.oidc}/token,`,
          `                 scope ${client.roles.map((role) => `concord/${role}`).join(' ')}; then Authorization: Bearer)`,
        ]
      : []),
  ];
}

async function seed(): Promise<void> {
  process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${port('CONCORD_DYNAMODB_PORT', 8000)}`;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  const directory = new DynamoDirectoryWriter(new ItemClient(new DynamoDBClient({})), 'concord');
  const file = process.env.CONCORD_SEED_FILE || DEMO_SEED_FILE;
  const counts = await loadSeed(file, directory);
  process.stdout.write(`Loaded ${counts.payers} payers and ${counts.specialists} specialists from ${file}\n`);
}

async function rotateKey(): Promise<void> {
  const client = new SecretsManagerClient({
    endpoint: `http://127.0.0.1:${port('CONCORD_SECRETS_PORT', 8084)}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const { VersionId } = await client.send(new RotateSecretCommand({ SecretId: SECRET_ID }));
  process.stdout.write(
    `Rotated the link-signing key: version ${VersionId} now signs links; the one before still verifies them\n`,
  );
}

function report(error: unknown): void {
  if (error instanceof ValidationError) {
    console.error(error.message);
    for (const field of error.errors) console.error(`  ${field.path || '(root)'}: ${field.message}`);
  } else {
    console.error((error as Error).message);
  }
  process.exit(1);
}

const command = process.argv[2] ?? 'start';
const commands: Record<string, () => Promise<void>> = { start, seed, 'rotate-key': rotateKey };
const run = commands[command];
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
run().catch(report);
