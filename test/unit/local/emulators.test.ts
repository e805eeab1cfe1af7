import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { pollUntil } from '../../support/poll.js';
import { startEmulators, type Emulators } from '../../../infra/local/emulators.js';

const FREE = { dynamodb: 0, s3: 0, ses: 0 };
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let dataDir: string;
let running: Emulators | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-emulators-'));
});

afterEach(async () => {
  await running?.close();
  running = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

function dynamoClient(port: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
}

function holdPort(): Promise<Server> {
  const server = createServer();
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe('startEmulators', () => {
  it('serves DynamoDB, S3 and SES from its thread and passes S3 ObjectCreated events back', async () => {
    // Arrange
    const events: S3Event[] = [];
    running = await startEmulators(dataDir, FREE, (event) => events.push(event));
    const { dynamodb, s3, ses } = running.ports;
    const client = new S3Client({
      endpoint: `http://127.0.0.1:${s3}`,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      region: 'us-east-1',
      credentials: CREDENTIALS,
    });
    await client.send(new CreateBucketCommand({ Bucket: 'records' }));

    // Act
    await client.send(new PutObjectCommand({ Bucket: 'records', Key: 'cases/c-1/r-1', Body: 'report' }));
    const tables = await dynamoClient(dynamodb).send(new ListTablesCommand({}));
    const inbox = await fetch(`http://127.0.0.1:${ses}/store`);

    // Assert
    expect(tables.TableNames).toEqual([]);
    expect(inbox.status).toBe(200);
    await pollUntil(
      async () => events.length,
      (count) => count > 0,
      { intervalMs: 20, what: 'the ObjectCreated event' },
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.Records[0]!.eventName).toMatch(/^ObjectCreated/);
    expect(events[0]!.Records[0]!.s3.object.key).toBe('cases/c-1/r-1');
  });

  it('refuses to start on a port already taken, saying which failed, once its thread has let go of the data', async () => {
    // Arrange
    const taken = await holdPort();
    const port = (taken.address() as AddressInfo).port;

    // Act
    const started = startEmulators(dataDir, { ...FREE, dynamodb: port }, () => undefined);

    // Assert
    await expect(started).rejects.toThrow(/The emulators did not start: .*EADDRINUSE/);
    await new Promise<void>((done) => taken.close(() => done()));
    // The refused thread held LevelDB's lock on this directory until it ended; a new stack can take it now.
    running = await startEmulators(dataDir, FREE, () => undefined);
    const tables = await dynamoClient(running.ports.dynamodb).send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual([]);
  });

  it('frees its ports when closed, so a new stack can take them', async () => {
    // Arrange
    running = await startEmulators(dataDir, FREE, () => undefined);
    const ports = running.ports;

    // Act
    await running.close();
    running = await startEmulators(dataDir, ports, () => undefined);

    // Assert
    expect(running.ports).toEqual(ports);
  });
});
