import './polyfills.js';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { ApiClient, CoordinatorAccount } from '../../functions/schemas/staff.js';
import { DynamoDirectoryWriter } from '../../functions/adapters/dynamo-directory-writer.js';
import { ItemClient } from '../../functions/adapters/item-client.js';
import { parseConfig } from '../../functions/shared/config.js';
import { backfillQueue } from '../backfill-queue.js';
import {
  ASL_PATH,
  EMAIL_FEEDBACK_FUNCTION,
  RECORD_UPLOADED_FUNCTION,
  ROUTES,
  SCHEDULED_FUNCTIONS,
  SIGNING_KEY_ROTATION_FUNCTION,
  WORKFLOW_FUNCTIONS,
} from '../routes.js';
import { apiGateway } from './api-gateway.js';
import { ensureBucket, ensureTable } from './bootstrap.js';
import { startEmulators } from './emulators.js';
import { loadHandler } from './handlers.js';
import { lambdaContext } from './lambda-context.js';
import { PendingUploads, type UploadNotification } from './pending-uploads.js';
import { SecretStore } from './secret-store.js';
import { secretsEndpoint } from './secrets-endpoint.js';
import { close, listen } from './servers.js';
import { LocalAccounts } from './oidc/accounts.js';
import {
  CONSOLE_API_AUDIENCE,
  CONSOLE_CLIENT_ID,
  ROLE_SCOPE_PREFIX,
  ROLES_CLAIM,
  startLocalProvider,
} from './oidc/provider.js';
import { DEMO_SEED_FILE, loadSeed, readSeedFile } from './seed.js';
import { stepFunctionsEndpoint } from './step-functions/endpoint.js';
import type { ExecutionRecord } from './step-functions/executions.js';
import { LocalStepFunctions, type ExecutionEvent } from './step-functions/runner.js';

export const ROOT_DIR = resolve(new URL('../..', import.meta.url).pathname);

const TABLE_NAME = 'concord';
const BUCKET_NAME = 'concord-records';
export const SECRET_ID = 'concord/link-signing';

export interface StackPorts {
  api: number;
  ses: number;
  dynamodb: number;
  s3: number;
  sfn: number;
  secrets: number;
  /** The console's identity provider; absent: a free port. */
  oidc?: number;
}

export interface StackOptions {
  dataDir: string;
  /** 0 picks a free port. */
  ports: StackPorts;
  seedFile?: string;
  /** CONCORD_* settings passed to the handlers (timeouts, coordinator address, public URL…). */
  settings?: Record<string, string>;
  /** Tests shorten Wait states and retry intervals (milliseconds by state name). */
  waitTimeOverrides?: Record<string, number>;
  retryIntervalOverrides?: Record<string, number>;
  log?: (line: string) => void;
  /** Optional, off by default: benchmarks watch executions and time handler calls. */
  observer?: StackObserver;
}

/** What a benchmark may watch. Each callback is optional; the stack behaves the same without them. */
export interface StackObserver {
  /** Every event of every execution's log (aws-local-stepfunctions eventLogs), as the runner reads it. */
  onExecutionEvent?(executionArn: string, event: ExecutionEvent): void;
  /**
   * Wraps every handler call (API events, S3 notifications, workflow steps), its module already loaded, so a
   * benchmark can time and attribute it: it calls `call` once and answers what it answers. A test may
   * throw instead, before or after the call, as a function that fails would.
   */
  aroundInvocation?(handler: string, event: unknown, call: () => Promise<unknown>): Promise<unknown>;
}

export interface RunningStack {
  urls: Record<'api' | 'sesInbox' | 'dynamodb' | 's3' | 'sfn' | 'secrets' | 'oidc', string>;
  stepFunctions: LocalStepFunctions;
  resumed: number;
  /** Upload notifications left unhandled by the last run, delivered again at this start. */
  redelivered: number;
  seeded: { payers: number; specialists: number };
  /**
   * Feeds an SES bounce or complaint (the EventBridge event SES publishes on AWS) to the same handler: AWS's
   * configuration-set destination, as a test hook.
   */
  emailFeedback(event: unknown): Promise<unknown>;
  /** Who may sign in to the console, and which programs may call it (from the seed file: a local demo). */
  staff: { coordinators: CoordinatorAccount[]; apiClients: ApiClient[] };
  stop(): Promise<void>;
}

/** The whole of Concord on one machine: emulators, Step Functions, the API, seeded and resumed. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  ownerOnly(dataDir);
  const servers: Array<() => Promise<void>> = [];
  const inFlight = new InFlight();

  try {
    // s3rver's events stand in for the bucket's ObjectCreated notifications, kept until handled.
    const uploads = new PendingUploads(join(dataDir, 'pending-uploads.jsonl'));
    const undelivered = uploads.values();
    const deliver = (notification: UploadNotification) =>
      inFlight.track(invokeAsync(RECORD_UPLOADED_FUNCTION, notification.event, log, options.observer)).then(
        () => uploads.delivered(notification),
        (error: unknown) =>
          log(
            `The upload handler failed (${(error as Error).name}); its notification is kept for the next start`,
          ),
      );
    const emulators = await startEmulators(
      dataDir,
      options.ports,
      (event) => void deliver(uploads.add(event)),
    );
    servers.push(() => emulators.close());
    const { dynamodb: dynamoPort, s3: s3Port, ses: sesPort } = emulators.ports;

    // The signing secret's versions; a data directory from before keys rotated has it in link-signing.secret.
    const secretStore = new SecretStore(join(dataDir, 'secrets.json'), join(dataDir, 'link-signing.secret'));
    const secrets = secretsEndpoint(SECRET_ID, secretStore, (event) =>
      inFlight.track(invoke(SIGNING_KEY_ROTATION_FUNCTION, event, options.observer)),
    );
    const secretsPort = await listen(secrets, options.ports.secrets);
    servers.push(() => close(secrets));
    // Stopping waits for handlers still at work before the emulators they use go away.
    servers.push(() => inFlight.drain());

    // The API's port comes first: emailed links need it before any handler runs.
    const api = apiGateway(ROUTES, (name, event) => inFlight.track(invoke(name, event, options.observer)));
    const apiPort = await listen(api, options.ports.api);
    servers.push(() => close(api));

    const stepFunctions = new LocalStepFunctions({
      aslPath: join(ROOT_DIR, ASL_PATH),
      functions: WORKFLOW_FUNCTIONS,
      invoke: (name, payload) => inFlight.track(invoke(name, payload, options.observer)),
      stateFile: join(dataDir, 'executions.json'),
      waitTimeOverrides: options.waitTimeOverrides,
      retryIntervalOverrides: options.retryIntervalOverrides,
      onEvent: options.observer?.onExecutionEvent?.bind(options.observer),
      onStopped: (execution) => {
        const line = stoppedLine(execution);
        if (line) log(line);
      },
    });
    const sfn = stepFunctionsEndpoint(stepFunctions);
    const sfnPort = await listen(sfn, options.ports.sfn);
    servers.push(async () => {
      await stepFunctions.close();
      await close(sfn);
    });

    const url = (port: number) => `http://127.0.0.1:${port}`;
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: url(dynamoPort),
      AWS_ENDPOINT_URL_S3: url(s3Port),
      AWS_ENDPOINT_URL_SES: url(sesPort),
      AWS_ENDPOINT_URL_SESV2: url(sesPort),
      AWS_ENDPOINT_URL_SFN: url(sfnPort),
      AWS_ENDPOINT_URL_SECRETS_MANAGER: url(secretsPort),
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      // As Lambda sets it from the function's application log level.
      AWS_LAMBDA_LOG_LEVEL: process.env.AWS_LAMBDA_LOG_LEVEL ?? 'WARN',
      CONCORD_PUBLIC_URL: url(apiPort),
      ...options.settings,
      // What the stack made itself: no setting may point the handlers elsewhere.
      CONCORD_TABLE_NAME: TABLE_NAME,
      CONCORD_RECORDS_BUCKET: BUCKET_NAME,
      CONCORD_STATE_MACHINE_ARN: stepFunctions.stateMachineArn,
      CONCORD_SECRET_ID: SECRET_ID,
      CONCORD_S3_FORCE_PATH_STYLE: 'true',
    });
    // A setting out of range stops the start, naming it, rather than failing every request that reads it.
    const { publicUrl, sweepSeconds } = parseConfig(process.env);

    // The console's identity provider, its clients registered at the console's public URL.
    const seed = await readSeedFile(options.seedFile ?? DEMO_SEED_FILE);
    const staff = { coordinators: seed.coordinators ?? [], apiClients: seed.apiClients ?? [] };
    const identity = await startLocalProvider({
      port: options.ports.oidc ?? 0,
      dataDir,
      publicUrl,
      accounts: await LocalAccounts.load(staff.coordinators),
      apiClients: staff.apiClients,
    });
    servers.push(() => identity.stop());
    // What the provider is and emits: no setting may point the console elsewhere.
    Object.assign(process.env, {
      CONCORD_OIDC_ISSUER: identity.issuer,
      CONCORD_OIDC_CLIENT_ID: CONSOLE_CLIENT_ID,
      CONCORD_OIDC_JWKS_URI: `${identity.issuer}/.well-known/jwks.json`,
      CONCORD_OIDC_ROLES_CLAIM: ROLES_CLAIM,
      CONCORD_OIDC_API_AUDIENCE: CONSOLE_API_AUDIENCE,
      CONCORD_OIDC_API_SCOPE_PREFIX: ROLE_SCOPE_PREFIX,
    });
    parseConfig(process.env);
    const urls = {
      api: url(apiPort),
      sesInbox: url(sesPort),
      dynamodb: url(dynamoPort),
      s3: url(s3Port),
      sfn: url(sfnPort),
      secrets: url(secretsPort),
      oidc: identity.issuer,
    };

    const dynamo = new DynamoDBClient({});
    if ((await ensureTable(dynamo, TABLE_NAME)) === 'migrated') {
      log(`Table ${TABLE_NAME} copied into its current schema (the console queue's index)`);
      log(`${await backfillQueue(dynamo, TABLE_NAME)} case(s) placed in the console queue`);
    }
    await ensureBucket(new S3Client({ forcePathStyle: true }), BUCKET_NAME);
    const directory = new DynamoDirectoryWriter(new ItemClient(dynamo), TABLE_NAME);
    const seeded = await loadSeed(options.seedFile ?? DEMO_SEED_FILE, directory);
    log(`Seeded ${seeded.payers} payers and ${seeded.specialists} specialists`);

    const resumed = stepFunctions.resume();
    if (resumed > 0) log(`Resumed ${resumed} unfinished case(s)`);
    for (const notification of undelivered) void deliver(notification);
    // EventBridge's schedules, as timers: each run waits for the last (a sweep is safe to repeat).
    for (const { handler } of SCHEDULED_FUNCTIONS) {
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        running = running
          .then(() => inFlight.track(invoke(handler, { source: 'concord.local' }, options.observer)))
          .catch((error: unknown) => log(`The ${handler} handler failed (${(error as Error).name})`));
      }, sweepSeconds * 1000);
      timer.unref();
      servers.unshift(async () => clearInterval(timer));
    }
    if (undelivered.length > 0) log(`Delivering ${undelivered.length} upload notification(s) left unhandled`);

    let stopped = false;
    return {
      urls,
      stepFunctions,
      resumed,
      redelivered: undelivered.length,
      seeded,
      emailFeedback: (event) => inFlight.track(invoke(EMAIL_FEEDBACK_FUNCTION, event, options.observer)),
      staff,
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const stopServer of servers.reverse()) await stopServer();
      },
    };
  } catch (error) {
    for (const stopServer of servers.reverse()) await stopServer().catch(() => undefined);
    throw error;
  }
}

/**
 * The data directory holds patients' records, the case table and the signing secret: it and everything in it are
 * its owner's alone. The stack runs with a umask of 077, so every file written under it, by the emulators
 * (LevelDB, s3rver) as by the stack, is created 0600 and every directory 0700; a directory made by an earlier
 * version is closed to others too (its contents then unreachable by them, whatever their own modes).
 */
function ownerOnly(dataDir: string): void {
  const umask = process.umask(0o077);
  process.umask(umask | 0o077);
  for (const dir of [dataDir, join(dataDir, 'dynamodb'), join(dataDir, 's3')])
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}

/**
 * What the console says of a case whose execution stopped without finishing it (ids and error names only).
 * On AWS the failed-executions alarm tells; locally, a case no one was alerted about must not pass unseen.
 */
function stoppedLine({ name, status, error }: ExecutionRecord): string | undefined {
  if (status === 'SUCCEEDED' || status === 'ABORTED') return undefined;
  if (error === 'CaseNeedsAttention') return `Case ${name} needs attention: the coordinator was alerted`;
  return `Case ${name} stopped (${error ?? status}) and NO ONE WAS ALERTED: a coordinator must look at it`;
}

/** Calls a handler the way Lambda would (API events, S3 notifications and workflow steps alike). */
async function invoke(name: string, event: unknown, observer?: StackObserver): Promise<unknown> {
  const handler = await loadHandler(ROOT_DIR, name);
  const call = () => handler(event, lambdaContext(name));
  return observer?.aroundInvocation ? observer.aroundInvocation(name, event, call) : call();
}

/** Attempts of an asynchronous invocation (S3 notifications): Lambda tries twice more after a failure. */
const ASYNC_ATTEMPTS = 3;
/** Lambda waits a minute, then two, between them; locally a second, then two. */
const ASYNC_RETRY_MS = 1000;

/** Calls a handler as Lambda calls one asynchronously: a failed call is made again, twice at most. */
async function invokeAsync(
  name: string,
  event: unknown,
  log: (line: string) => void,
  observer?: StackObserver,
): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await invoke(name, event, observer);
    } catch (error) {
      if (attempt === ASYNC_ATTEMPTS) throw error;
      log(`The ${name} handler failed (${(error as Error).name}); trying again`);
      await sleep(ASYNC_RETRY_MS * attempt);
    }
  }
}

/** Handler invocations under way, so a stop can let them finish. */
class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
