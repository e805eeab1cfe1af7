/**
 * The storage and mail emulators (dynalite, s3rver, aws-ses-v2-local), run in a worker thread of their own
 * by `startEmulators` (emulators.ts). Their work (HTTP, validation, LevelDB, files) then runs on another
 * core than the handlers calling them: measured on 2 cores with 500 cases at once (bench/throughput.ts),
 * 1.5–1.8× the cases per second, and 1.9× the bare DynamoDB writes per second, of the same emulators on
 * the handlers' thread.
 *
 * It listens on the ports given (0 picks a free one), posts back the ports it got (or the error), posts
 * every S3 ObjectCreated event (s3rver's stand-in for bucket notifications), and on 'close' closes all
 * three and ends.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { S3Event } from 'aws-lambda';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import sesModule from 'aws-ses-v2-local';
import { withSuppressionList } from './ses-suppressions.js';
import { closeDynaliteIterators } from './dynalite-iterators.js';
import type { EmulatorPorts, EmulatorsMessage } from './emulators.js';
import { readLevelDbSynchronously } from './level-sync-reads.js';
import { close, listen } from './servers.js';

// aws-ses-v2-local is CommonJS with an __esModule default: under Node's ESM its function sits on `.default`.
const sesServer = (sesModule as unknown as { default: typeof sesModule.default }).default;

const { dataDir, ports } = workerData as { dataDir: string; ports: EmulatorPorts };
const post = (message: EmulatorsMessage) => parentPort!.postMessage(message);

const closers: Array<() => Promise<void>> = [];

async function start(): Promise<EmulatorPorts> {
  closeDynaliteIterators();
  readLevelDbSynchronously();
  const dynamo = dynalite({
    path: join(dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamodb = await listen(dynamo, ports.dynamodb);
  closers.push(() => close(dynamo));

  const s3 = new S3rver({
    port: ports.s3,
    address: '127.0.0.1',
    directory: join(dataDir, 's3'),
    silent: true,
  });
  const { port: s3Port } = (await s3.run()) as AddressInfo;
  // (S3rver is a Koa app, an EventEmitter; its typings omit that.)
  (s3 as unknown as NodeJS.EventEmitter).on('event', (event: S3Event) => {
    if (event.Records?.[0]?.eventName.startsWith('ObjectCreated')) post({ objectCreated: event });
  });
  closers.push(() => s3.close());

  const ses = await sesServer({ host: '127.0.0.1', port: ports.ses });
  withSuppressionList(ses);
  closers.push(() => close(ses));
  return { dynamodb, s3: s3Port, ses: (ses.address() as AddressInfo).port };
}

async function stop(): Promise<void> {
  for (const closeOne of closers.reverse()) await closeOne().catch(() => undefined);
  parentPort!.close();
}

parentPort!.on('message', (message) => {
  if (message === 'close') void stop();
});
start().then(
  (started) => post({ ports: started }),
  async (error: Error) => {
    post({ error: `${error.name}: ${error.message}` });
    await stop();
  },
);
