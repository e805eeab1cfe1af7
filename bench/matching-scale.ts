/**
 * Matching at scale (issue 8, part 6): matchSpecialist with the real DynamoDB adapters on dynalite, with 100,
 * 10,000 and 100,000 specialists in the directory. The extra specialists treat other cancers, so the
 * candidates for the case (breast) are the same: t(100,000) / t(100) ≤ 2, items read the same at every size.
 *
 * The three directories live in three tables of one dynalite instance, and the timed matches go round-robin
 * over them in a shuffled order each round, so drift on this shared machine falls on all sizes alike. Each
 * match is a fresh case's first attempt. The first 100 specialists of each table are written with
 * DynamoDirectory.putSpecialist; the extra ones with BatchWriteItem in exactly the items putSpecialist writes
 * (checked on a probe specialist before seeding: the benchmark stops if the shapes differ).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { DynamoAssignmentStore } from '../functions/adapters/dynamo-assignment-store.js';
import { DynamoCapacityLedger } from '../functions/adapters/dynamo-capacity-ledger.js';
import { DynamoCaseIntake } from '../functions/adapters/dynamo-case-intake.js';
import { DynamoDirectory } from '../functions/adapters/dynamo-directory.js';
import { DynamoDirectoryWriter } from '../functions/adapters/dynamo-directory-writer.js';
import { ItemClient } from '../functions/adapters/item-client.js';
import { CANCER_TYPES, type CancerType } from '../functions/domain/cancer-type.js';
import { keyRing } from '../functions/domain/signing-keys.js';
import { IntakeSchema } from '../functions/schemas/intake.js';
import type { Specialist } from '../functions/schemas/directory.js';
import { createCase } from '../functions/use-cases/create-case.js';
import { matchSpecialist, type MatchingPorts } from '../functions/use-cases/assignment/propose.js';
import { ensureTable } from '../infra/local/bootstrap.js';
import { DEMO_SEED_FILE } from '../infra/local/seed.js';
import { exampleIntake } from '../test/support/intake.js';
import { batchWrite } from './support/batch-write.js';
import { SdkTap } from './support/sdk-tap.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

const SIZES = (process.env.BENCH_SIZES?.split(',').map(Number) ?? [
  100, 10_000, 100_000,
]) as readonly number[];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARM_UP = 5;
const BUDGET_RATIO = 2;
const BATCH = 25; // BatchWriteItem's limit
/** createCase reads no key without an Idempotency-Key: any will do. */
const SIGNING_KEYS = keyRing('bench-signing-key-'.repeat(2));
const WRITERS = 8;
const CASE_CANCER: CancerType = 'breast'; // exampleIntake's C50.911
const OTHER_CANCERS = CANCER_TYPES.filter((type) => type !== CASE_CANCER);

type Item = Record<string, unknown>;

/** The items DynamoDirectory.putSpecialist writes for a specialist (checked against it before use). */
function specialistItems(specialist: Specialist): Item[] {
  const PK = `SPECIALIST#${specialist.specialistId}`;
  return [
    { PK, SK: 'PROFILE', ...specialist },
    ...specialist.cancerTypes.map((type) => ({
      PK,
      SK: `CANCER#${type}`,
      GSI1PK: `CANCER#${type}`,
      GSI1SK: PK,
      ...specialist,
    })),
  ];
}

/** A specialist who treats one or two cancers other than the case's. */
function otherSpecialist(n: number): Specialist {
  const first = OTHER_CANCERS[n % OTHER_CANCERS.length]!;
  const second = OTHER_CANCERS[(n * 7 + 3) % OTHER_CANCERS.length]!;
  return {
    specialistId: `x-${n}`,
    name: `Dr. Extra ${n}`,
    email: `extra-${n}@directory.example`,
    organization: `Cancer Center ${n % 997}`,
    disciplines: ['medical-oncology'],
    cancerTypes: first === second ? [first] : [first, second],
    licensedStates: ['CA', 'NY', 'TX'],
    practiceStates: [],
    languages: ['en'],
    networks: ['acme-health'],
    virtual: true,
    inPerson: false,
    capacity: 5,
    turnaroundDays: 7,
  };
}

async function itemsOf(db: DynamoDBDocumentClient, table: string, specialistId: string): Promise<string> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `SPECIALIST#${specialistId}` },
      ConsistentRead: true,
    }),
  );
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return JSON.stringify(sorted(Items));
}

/** Stops the benchmark if the batch writer no longer writes what putSpecialist writes. */
async function checkItemShape(
  db: DynamoDBDocumentClient,
  table: string,
  directory: DynamoDirectoryWriter,
): Promise<void> {
  const probe = { ...otherSpecialist(0), specialistId: 'probe-a' };
  await directory.putSpecialist(probe);
  await batchWrite(db, table, specialistItems({ ...probe, specialistId: 'probe-b' }));
  const [a, b] = await Promise.all([itemsOf(db, table, 'probe-a'), itemsOf(db, table, 'probe-b')]);
  if (a.replaceAll('probe-a', 'probe-b') !== b)
    throw new Error(
      `bench/matching-scale.ts writes other items than DynamoDirectoryWriter.putSpecialist:\n${a}\n${b}`,
    );
  const probeKeys = JSON.parse(a) as Item[];
  const deletions = [...probeKeys, ...(JSON.parse(b) as Item[])].map((item) => ({
    DeleteRequest: { Key: { PK: item.PK, SK: item.SK } },
  }));
  await db.send(new BatchWriteCommand({ RequestItems: { [table]: deletions } }));
}

/** The demo seed's specialists, with room for every timed match, and generated ones up to 100. */
function baseDirectory(): Specialist[] {
  const seed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as { specialists: Specialist[] };
  const base = seed.specialists.map((s) => ({
    ...s,
    practiceStates: s.practiceStates ?? [],
    capacity: 10_000,
  }));
  for (let n = 0; base.length < SIZES[0]; n++)
    base.push({ ...otherSpecialist(n), specialistId: `base-${n}` });
  return base;
}

async function seed(
  db: DynamoDBDocumentClient,
  items: ItemClient,
  table: string,
  size: number,
  progress: (done: number) => void,
) {
  const directory = new DynamoDirectoryWriter(items, table);
  await checkItemShape(db, table, directory);
  const base = baseDirectory();
  for (let i = 0; i < base.length; i += WRITERS)
    await Promise.all(base.slice(i, i + WRITERS).map((s) => directory.putSpecialist(s)));
  const extra = size - base.length;
  let next = 0;
  let done = base.length;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < extra) {
        const from = next;
        next = Math.min(extra, next + BATCH);
        const items: Item[] = [];
        for (let n = from; n < next; n++) items.push(...specialistItems(otherSpecialist(n)));
        for (let i = 0; i < items.length; i += BATCH) await batchWrite(db, table, items.slice(i, i + BATCH));
        done += next - from;
        progress(done);
      }
    }),
  );
}

interface Sample {
  ms: number;
  itemsRead: number;
  requests: number;
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-matching-'));
const server = dynalite({
  path: join(dataDir, 'dynamodb'),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const clientConfig = {
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
};
const raw = new DynamoDBClient(clientConfig);
const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
// The adapters on a client set up as the functions' own (functions/shared/clients/dynamo.ts).
const itemsClient = new DynamoDBClient({ ...clientConfig, cacheMiddleware: true });
const items = new ItemClient(itemsClient);
const tap = new SdkTap().install();
tap.measureCapacity = false;
const failures: string[] = [];

try {
  const tables = new Map<number, string>(SIZES.map((size) => [size, `concord-${size}`]));
  const seeding = performance.now();
  for (const [size, table] of tables) {
    await ensureTable(raw, table);
    const started = performance.now();
    await seed(db, items, table, size, (done) => {
      if (process.stderr.isTTY) process.stderr.write(`\rseeding ${table}: ${done}/${size}`);
    });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    console.warn(
      `seeded ${table}: ${size} specialists in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const seedSeconds = (performance.now() - seeding) / 1000;

  const ports = new Map<number, MatchingPorts & { cases: DynamoCaseIntake }>(
    [...tables].map(([size, table]) => [
      size,
      {
        cases: new DynamoCaseIntake(items, table),
        directory: new DynamoDirectory(items, table),
        capacity: new DynamoCapacityLedger(items, table),
        assignments: new DynamoAssignmentStore(items, table),
        // no email: the matching is measured, not the mailer
        outbox: {
          sendOnce: async () => true,
          message: () => ({ wasSent: async () => true, send: async () => false }),
        },
      },
    ]),
  );
  // Fresh cases, made before timing starts (createCase with an outbox that sends nothing).
  const cases = new Map<number, string[]>();
  for (const [size, port] of ports) {
    const ids: string[] = [];
    for (let i = 0; i < WARM_UP + ROUNDS; i++) {
      const created = await createCase(IntakeSchema.parse(exampleIntake()), undefined, {
        cases: port.cases,
        secrets: { keys: async () => SIGNING_KEYS, reload: async () => SIGNING_KEYS },
        outbox: {
          sendOnce: async () => true,
          message: () => ({ wasSent: async () => false, send: async () => true }),
        },
        quotas: { take: async () => true },
        settings: {
          idempotencyTtlSeconds: 60,
          confirmationSeconds: 86_400,
          intakesPerAddress: 1,
          publicUrl: 'http://127.0.0.1',
        },
      });
      ids.push(created.caseId);
    }
    cases.set(size, ids);
  }

  const samples = new Map<number, Sample[]>(SIZES.map((size) => [size, []]));
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const order = [...SIZES].sort(() => Math.random() - 0.5);
    for (const size of order) {
      const caseId = cases.get(size)![round]!;
      tap.reset();
      const started = performance.now();
      const match = await matchSpecialist(caseId, 1, ports.get(size)!);
      const ms = performance.now() - started;
      if (!match.specialistId) throw new Error(`No specialist for ${caseId}`);
      if (round >= WARM_UP) {
        samples.get(size)!.push({ ms, itemsRead: tap.itemsRead, requests: tap.total('DynamoDB') });
      }
    }
  }

  const base = median(samples.get(SIZES[0])!.map((s) => s.ms));
  const itemsAtBase = samples.get(SIZES[0])![0]!.itemsRead;
  const rows = SIZES.map((size) => {
    const runs = samples.get(size)!;
    const t = median(runs.map((s) => s.ms));
    const sorted = runs.map((s) => s.ms).sort((a, b) => a - b);
    const items = [...new Set(runs.map((s) => s.itemsRead))];
    const requests = [...new Set(runs.map((s) => s.requests))];
    const ratio = t / base;
    if (ratio > BUDGET_RATIO) failures.push(`t(${size})/t(${SIZES[0]}) = ${ratio.toFixed(2)}`);
    if (items.length > 1 || items[0] !== itemsAtBase)
      failures.push(`items read at ${size}: ${items.join(', ')}`);
    return [
      size.toLocaleString('en-US'),
      t.toFixed(1),
      sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1),
      ratio.toFixed(2),
      size === SIZES[0] ? '' : `≤ ${BUDGET_RATIO}${ratio > BUDGET_RATIO ? ' OVER' : ' ok'}`,
      items.join('/'),
      items.length === 1 && items[0] === itemsAtBase ? 'same' : 'DIFFERS',
      requests.join('/'),
    ];
  });
  console.warn(
    `\nmatchSpecialist with DynamoDirectory, DynamoCapacityLedger, DynamoAssignmentStore, DynamoCaseStore on dynalite\n` +
      `(on disk). ${ROUNDS} timed matches per size after ${WARM_UP} warm-up rounds, interleaved; ms. The candidates are the\n` +
      `demo seed's breast specialists at every size; the rest treat other cancers. Seeding took ${seedSeconds.toFixed(0)} s.\n` +
      'Items read: items DynamoDB read to answer (GetItem hits, BatchGetItem responses, Query ScannedCount).\n' +
      'Shared 2-core machine: times drift, the interleaving spreads the drift over all sizes.\n',
  );
  console.warn(
    formatTable(
      [
        'specialists',
        'median ms',
        'p90 ms',
        't / t(100)',
        'budget',
        'items read',
        'vs 100',
        'DynamoDB requests',
      ],
      rows,
    ),
  );
} finally {
  tap.uninstall();
  raw.destroy();
  itemsClient.destroy();
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(dataDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nOver budget: ${failures.join('; ')}`);
  process.exitCode = 1;
}
