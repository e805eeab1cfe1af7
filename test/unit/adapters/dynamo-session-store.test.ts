import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoSessionStore } from '../../../functions/adapters/dynamo-session-store.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import type { ConsoleSession } from '../../../functions/domain/console-access.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

const TABLE = 'concord-sessions-test';
const NOW = 1_800_000_000;
let table: DynaliteTable;
let store: DynamoSessionStore;

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  store = new DynamoSessionStore(new ItemClient(table.raw), TABLE);
}, 30_000);

afterAll(async () => {
  await table?.close();
});

let counter = 0;
function session(overrides: Partial<ConsoleSession> = {}): ConsoleSession {
  counter += 1;
  return {
    sessionId: `session-id-${counter}`,
    subject: 'person-1',
    email: 'casey@concord.example',
    name: 'Casey',
    roles: ['coordinator'],
    csrfToken: 'csrf',
    refreshToken: 'refresh',
    expiresAt: NOW + 900,
    renewAt: NOW + 450,
    endsAt: NOW + 3600,
    ...overrides,
  };
}

describe('DynamoSessionStore', () => {
  it('answers a live session, and never an expired one (dynalite keeps items past their TTL)', async () => {
    const live = session();
    await store.put(live);

    expect(await store.get(live.sessionId, NOW)).toEqual(live);
    expect(await store.get(live.sessionId, NOW + 900)).toBeUndefined();
    expect(await store.get('no-such-session', NOW)).toBeUndefined();
  });

  it('keys items by a hash of the id: the table alone opens no session', async () => {
    const stored = session({ sessionId: 'a-secret-session-id' });
    await store.put(stored);

    const { Items = [] } = await table.raw.send(new ScanCommand({ TableName: TABLE }));
    const raw = JSON.stringify(Items);

    expect(raw).not.toContain('a-secret-session-id');
    expect(Items.some((item) => /^SESSION#[0-9a-f]{64}$/.test(item.PK!.S!))).toBe(true);
  });

  it('lets one request claim a renewal; a renewal after sign-out stores nothing', async () => {
    const stored = session();
    await store.put(stored);

    const claims = await Promise.all(
      [1, 2, 3].map(() => store.claimRenewal(stored.sessionId, stored.renewAt, NOW + 60)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.renew({ ...stored, expiresAt: NOW + 1800 })).toBe(true);
    expect((await store.get(stored.sessionId, NOW))?.expiresAt).toBe(NOW + 1800);

    await store.delete(stored.sessionId);
    expect(await store.renew({ ...stored, expiresAt: NOW + 2700 })).toBe(false);
    expect(await store.get(stored.sessionId, NOW)).toBeUndefined();
  });

  it('hands a sign-in to one callback only, and none once it has expired', async () => {
    const transaction = {
      transactionId: 'tx-1',
      state: 's',
      nonce: 'n',
      codeVerifier: 'v',
      returnTo: '/console',
      expiresAt: NOW + 600,
    };
    await store.putSignIn(transaction);

    const takes = await Promise.all([1, 2].map(() => store.takeSignIn('tx-1', NOW)));
    expect(takes.filter(Boolean)).toEqual([transaction]);

    await store.putSignIn({ ...transaction, transactionId: 'tx-2' });
    expect(await store.takeSignIn('tx-2', NOW + 600)).toBeUndefined();
  });
});
