import { DynamoCaseIntake } from '../../../functions/adapters/dynamo-case-intake.js';
import { DynamoGrants } from '../../../functions/adapters/dynamo-grants.js';
import { DynamoQuotas } from '../../../functions/adapters/dynamo-quotas.js';
import { DynamoUnconfirmedCases } from '../../../functions/adapters/dynamo-unconfirmed-cases.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import { messageKey } from '../../../functions/adapters/keys.js';
import type { CaseRecord } from '../../../functions/domain/case.js';
import type { Grant } from '../../../functions/domain/grant.js';
import { caseRecord } from '../../support/case-records.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

const TABLE = 'concord-front-door-test';
let table: DynaliteTable;
let db: ItemClient;
let counter = 0;

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  db = new ItemClient(table.raw);
}, 30_000);

afterAll(async () => {
  await table?.close();
});

const NOW = Math.floor(Date.now() / 1000);

/** An intake as create-case stores it: unconfirmed, due at `confirmBy`. */
async function unconfirmed(confirmBy: number): Promise<CaseRecord> {
  const { coverage: _none, ...stored } = caseRecord(undefined, { caseId: `front-door-${++counter}` });
  const record: CaseRecord = { ...stored, status: 'awaiting-confirmation', confirmBy, version: 1 };
  await new DynamoCaseIntake(db, TABLE).create(record, { type: 'case-received' });
  return record;
}

describe('DynamoUnconfirmedCases', () => {
  const cases = () => new DynamoUnconfirmedCases(db, TABLE);

  it('confirms once, before expiry, taking the case off the unconfirmed queue', async () => {
    // Arrange
    const record = await unconfirmed(NOW + 3600);

    // Act
    const first = await cases().confirm(record.caseId, NOW);
    const again = await cases().confirm(record.caseId, NOW + 1);

    // Assert
    expect(first).toMatchObject({ outcome: 'confirmed', record: { status: 'received', version: 2 } });
    expect(first.outcome === 'confirmed' && first.record).not.toHaveProperty('confirmBy');
    expect(again.outcome).toBe('already-confirmed');
    expect((await cases().timeline(record.caseId)).map((event) => event.type)).toEqual([
      'case-received',
      'case-confirmed',
    ]);
    expect(await cases().due(NOW + 7200, 100)).not.toContain(record.caseId);
  });

  it('refuses an expired confirmation and a missing case, changing nothing', async () => {
    // Arrange
    const record = await unconfirmed(NOW - 1);

    // Act
    const expired = await cases().confirm(record.caseId, NOW);
    const missing = await cases().confirm('no-such-case', NOW);

    // Assert
    expect(expired).toMatchObject({ outcome: 'expired', record: { status: 'awaiting-confirmation' } });
    expect(missing).toEqual({ outcome: 'missing' });
    expect((await cases().timeline(record.caseId)).map((event) => event.type)).toEqual(['case-received']);
  });

  it('lists the expired ones by index, earliest first, and purges each with its items and confirmation message', async () => {
    // Arrange
    const later = await unconfirmed(NOW - 10);
    const earlier = await unconfirmed(NOW - 20);
    const live = await unconfirmed(NOW + 3600);
    await db.put({
      TableName: TABLE,
      Item: { PK: `CASE#${earlier.caseId}`, SK: 'RECORD#r1', type: 'imaging' },
    });
    await db.put({ TableName: TABLE, Item: { ...messageKey(earlier.caseId, 'confirmation'), sentAt: 'x' } });

    // Act
    const due = (await cases().due(NOW, 100)).filter((id) =>
      [later, earlier, live].some((c) => c.caseId === id),
    );
    const purged = await cases().purge(earlier.caseId, NOW, ['confirmation']);
    const livePurge = await cases().purge(live.caseId, NOW, ['confirmation']);

    // Assert
    expect(due).toEqual([earlier.caseId, later.caseId]);
    expect([purged, livePurge]).toEqual([true, false]);
    expect(await cases().get(earlier.caseId)).toBeUndefined();
    const left = await db.query({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${earlier.caseId}` },
    });
    expect(left.Items).toEqual([]);
    expect(
      (await db.get({ TableName: TABLE, Key: messageKey(earlier.caseId, 'confirmation') })).Item,
    ).toBeUndefined();
    expect(await cases().get(live.caseId)).toBeDefined();
  });
});

describe('DynamoQuotas', () => {
  it('counts up to the limit per scope, subject and day, then refuses', async () => {
    // Arrange
    const quotas = new DynamoQuotas(db, TABLE);
    const day = new Date('2026-03-01T12:00:00Z');

    // Act
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await quotas.take('intake', 'subject-a', 3, day));
    const other = await quotas.take('intake', 'subject-b', 3, day);
    const nextDay = await quotas.take('intake', 'subject-a', 3, new Date('2026-03-02T00:00:01Z'));

    // Assert
    expect(taken).toEqual([true, true, true, false]);
    expect([other, nextDay]).toEqual([true, true]);
  });
});

describe('DynamoGrants', () => {
  it("stores a grant once, reads it back, and takes back a case's links on the case", async () => {
    // Arrange
    const grants = new DynamoGrants(db, TABLE);
    const record = await unconfirmed(NOW + 3600);
    const grant: Grant = {
      grantId: `grant-${counter}`,
      caseId: record.caseId,
      purpose: 'case',
      recipient: 'ana@example.org',
      grantedAt: new Date().toISOString(),
      until: NOW + 60,
    };
    await grants.put(grant);

    // Act
    const again = await grants.put(grant).catch((error: unknown) => error);
    const revoked = await grants.revokeAll(record.caseId, '2030-01-01T00:00:00.000Z');
    const unknown = await grants.revokeAll('no-such-case', '2030-01-01T00:00:00.000Z');

    // Assert
    expect(await grants.get(grant.grantId)).toEqual(grant);
    expect(again).toBeInstanceOf(Error);
    expect([revoked, unknown]).toEqual([true, false]);
    expect((await new DynamoUnconfirmedCases(db, TABLE).get(record.caseId))?.linksRevokedAt).toBe(
      '2030-01-01T00:00:00.000Z',
    );
  });
});
