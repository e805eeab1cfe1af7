import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from '../../infra/local/bootstrap.js';

export interface DynaliteTable {
  /** A client of the in-memory dynalite, the table made; add middleware to it to watch requests. */
  raw: DynamoDBClient;
  /** The emulator's address, for another client of it. */
  endpoint: string;
  close(): Promise<void>;
}

/** An in-memory dynalite on a free port with Concord's table (keys and GSI1) under `table`. */
export async function dynaliteTable(table: string): Promise<DynaliteTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await ensureTable(raw, table);
  return {
    raw,
    endpoint,
    close: async () => {
      raw.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
