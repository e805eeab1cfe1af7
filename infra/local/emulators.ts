import { Worker } from 'node:worker_threads';
import type { S3Event } from 'aws-lambda';

export interface EmulatorPorts {
  dynamodb: number;
  s3: number;
  ses: number;
}

/** What the emulators' thread tells the stack. */
export type EmulatorsMessage = { ports: EmulatorPorts } | { error: string } | { objectCreated: S3Event };

export interface Emulators {
  ports: EmulatorPorts;
  close(): Promise<void>;
}

// Plain JavaScript, which loads the thread's TypeScript (emulators-thread.ts) through tsx.
const THREAD = new URL('./emulators-thread.mjs', import.meta.url);

/**
 * Starts DynamoDB, S3 and SES emulators in a worker thread (emulators-thread.ts), data under `dataDir`;
 * `onObjectCreated` hears each S3 ObjectCreated event. Answers once all three serve requests.
 */
export function startEmulators(
  dataDir: string,
  ports: EmulatorPorts,
  onObjectCreated: (event: S3Event) => void,
): Promise<Emulators> {
  const worker = new Worker(THREAD, {
    workerData: { dataDir, ports },
    // Their live heap stays near 60 MB (records stream to disk; LevelDB's memory is outside the heap). Without
    // a limit V8 lets a second heap grow as if it had the machine: 500 cases at once peaked at 530 MiB
    // resident, under 450 MiB with this one.
    resourceLimits: { maxOldGenerationSizeMb: 192 },
  });
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  const close = async () => {
    worker.postMessage('close');
    await exited;
  };
  return new Promise((done, fail) => {
    // Until they serve, a failure is start's to answer; after, it is uncaught, as it was in-process.
    let failure = new Error('The emulators thread ended before it served requests');
    worker.once('error', (error: Error) => (failure = error));
    // Answered once the thread has ended, so the caller may remove `dataDir` (LevelDB writes in it until then).
    void exited.then(() => fail(failure));
    worker.on('message', (message: EmulatorsMessage) => {
      if ('objectCreated' in message) return onObjectCreated(message.objectCreated);
      if ('error' in message)
        return void (failure = new Error(`The emulators did not start: ${message.error}`));
      worker.removeAllListeners('error');
      done({ ports: message.ports, close });
    });
  });
}
