import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAssignmentStore } from '../../../functions/adapters/dynamo-assignment-store.js';
import { DynamoCallbackWaits } from '../../../functions/adapters/dynamo-callback-waits.js';
import { DynamoCaseIntake } from '../../../functions/adapters/dynamo-case-intake.js';
import { DynamoOutbox } from '../../../functions/adapters/dynamo-outbox.js';
import { DynamoRecordStore } from '../../../functions/adapters/dynamo-record-store.js';
import { caseKey, eventKey, messageKey } from '../../../functions/adapters/keys.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import type { Assignment } from '../../../functions/domain/assignment.js';
import type { CallbackRecord, DecisionStep } from '../../../functions/domain/callback.js';
import type { CaseRecord } from '../../../functions/domain/case.js';
import { IntakeSchema } from '../../../functions/schemas/intake.js';
import { CaseNotFoundError } from '../../../functions/shared/errors.js';
import { MemoryMailer } from '../../support/fakes/memory-ports.js';
import { exampleIntake } from '../../support/intake.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

const TABLE = 'concord-stores-test';
let table: DynaliteTable;
let raw: DynamoDBClient;
let db: ItemClient;
/** The DynamoDB operations the adapters sent since the last reset, in order. */
let requests: string[] = [];

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  raw = table.raw;
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      requests.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'recordRequests' },
  );
  db = new ItemClient(raw);
}, 30_000);

afterAll(async () => {
  await table?.close();
});

let counter = 0;
async function storedCase(cases: DynamoCaseIntake): Promise<CaseRecord> {
  const at = new Date().toISOString();
  const record: CaseRecord = {
    caseId: `case-${++counter}`,
    status: 'awaiting-confirmation',
    confirmBy: Math.floor(Date.now() / 1000) + 3600,
    version: 1,
    createdAt: at,
    updatedAt: at,
    accessTokenHash: 'hash',
    intake: IntakeSchema.parse(exampleIntake()),
    cancerType: 'breast',
    opinions: 1,
    steps: {},
  };
  await cases.create(record, { type: 'case-received' });
  return record;
}

const EVENT = { type: 'coverage-decided', detail: 'covered', actor: 'concord' };

describe('DynamoCaseIntake.create', () => {
  it('a retry after a run stopped between the case and its first event writes that event, once', async () => {
    // Arrange: the first run stored the case and stopped
    const cases = new DynamoCaseIntake(db, TABLE);
    const first = { ...(await storedCase(cases)), caseId: `case-${++counter}` };
    await db.put({ TableName: TABLE, Item: { ...caseKey(first.caseId), ...first } });
    const retry = { ...first, createdAt: new Date(Date.parse(first.createdAt) + 1000).toISOString() };

    // Act
    await cases.create(retry, { type: 'case-received' });
    await cases.create(retry, { type: 'case-received' });

    // Assert
    expect(await cases.timeline(first.caseId)).toEqual([{ type: 'case-received', at: first.createdAt }]);
    expect((await cases.get(first.caseId))?.createdAt).toBe(first.createdAt);
  });
});

describe('DynamoCaseIntake.discard', () => {
  it('takes back an unconfirmed case and its first event, and leaves a case that moved on', async () => {
    // Arrange
    const cases = new DynamoCaseIntake(db, TABLE);
    const unstarted = await storedCase(cases);
    const started = await storedCase(cases);
    await cases.recordStep(started.caseId, 'coverage', { status: 'checking-coverage' }, EVENT, started);

    // Act
    const discarded = await cases.discard(unstarted.caseId);
    const kept = await cases.discard(started.caseId);
    const again = await cases.discard(unstarted.caseId);

    // Assert
    expect([discarded, kept, again]).toEqual([true, false, false]);
    expect(await cases.get(unstarted.caseId)).toBeUndefined();
    expect(await cases.timeline(unstarted.caseId)).toEqual([]);
    expect((await cases.get(started.caseId))?.status).toBe('checking-coverage');
    expect(await cases.timeline(started.caseId)).toHaveLength(2);
  });
});

describe('DynamoCaseStore.recordStep', () => {
  it('with the case the caller holds, applies the step with no read: the event, then the update', async () => {
    // Arrange
    const cases = new DynamoCaseIntake(db, TABLE);
    const known = await storedCase(cases);
    requests = [];

    // Act
    const result = await cases.recordStep(
      known.caseId,
      'coverage',
      { status: 'checking-coverage' },
      EVENT,
      known,
    );

    // Assert
    expect(result.applied).toBe(true);
    expect(requests).toEqual(['PutItem', 'UpdateItem']);
    const stored = await cases.get(known.caseId);
    expect(stored).toMatchObject({ status: 'checking-coverage', version: 2, steps: { coverage: result.at } });
  });

  it('without it, reads the case first, as before', async () => {
    const cases = new DynamoCaseIntake(db, TABLE);
    const { caseId } = await storedCase(cases);
    requests = [];

    await cases.recordStep(caseId, 'coverage', { status: 'checking-coverage' }, EVENT);

    expect(requests).toEqual(['GetItem', 'PutItem', 'UpdateItem']);
  });

  it('a known record showing the step applied answers its time and changes nothing', async () => {
    // Arrange
    const cases = new DynamoCaseIntake(db, TABLE);
    const created = await storedCase(cases);
    const first = await cases.recordStep(created.caseId, 'coverage', { status: 'checking-coverage' }, EVENT);
    const known = (await cases.get(created.caseId))!;
    requests = [];

    // Act
    const replay = await cases.recordStep(
      created.caseId,
      'coverage',
      { status: 'needs-attention' },
      EVENT,
      known,
    );

    // Assert: only the same event rewritten over itself
    expect(replay).toEqual({ applied: false, at: first.at });
    expect(requests).toEqual(['PutItem']);
    expect(await cases.get(created.caseId)).toMatchObject({ status: 'checking-coverage', version: 2 });
    expect((await cases.timeline(created.caseId)).filter((e) => e.type === EVENT.type)).toHaveLength(1);
  });

  it('a stale known record (the step applied since it was read) applies nothing twice', async () => {
    // Arrange: read, then another run applies the step
    const cases = new DynamoCaseIntake(db, TABLE);
    const stale = await storedCase(cases);
    const first = await cases.recordStep(stale.caseId, 'coverage', { status: 'checking-coverage' }, EVENT);

    // Act
    const late = await cases.recordStep(
      stale.caseId,
      'coverage',
      { status: 'needs-attention' },
      EVENT,
      stale,
    );

    // Assert: the conditional update was the guard; the first run's event and changes stand
    expect(late).toEqual({ applied: false, at: first.at });
    expect(await cases.get(stale.caseId)).toMatchObject({ status: 'checking-coverage', version: 2 });
    const events = (await cases.timeline(stale.caseId)).filter((e) => e.type === EVENT.type);
    expect(events).toEqual([{ ...EVENT, at: first.at }]);
  });

  it('concurrent runs holding the same record apply the step once, with one event', async () => {
    const cases = new DynamoCaseIntake(db, TABLE);
    const known = await storedCase(cases);

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        cases.recordStep(known.caseId, 'coverage', { status: 'checking-coverage' }, EVENT, known),
      ),
    );

    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(new Set(results.map((r) => r.at)).size).toBe(1);
    expect(await cases.get(known.caseId)).toMatchObject({ version: 2 });
    expect((await cases.timeline(known.caseId)).filter((e) => e.type === EVENT.type)).toHaveLength(1);
  });

  it('still throws CaseNotFoundError for an unknown case', async () => {
    const cases = new DynamoCaseIntake(db, TABLE);
    await expect(cases.recordStep('no-such-case', 'coverage', {}, EVENT)).rejects.toBeInstanceOf(
      CaseNotFoundError,
    );
  });
});

describe('DynamoCaseStore.timeline', () => {
  it('shows a step once, at the time it applied, after a run stopped between its event and its update', async () => {
    // Arrange: a run wrote the step's event, then stopped before applying the step
    const cases = new DynamoCaseIntake(db, TABLE);
    const created = await storedCase(cases);
    const stoppedAt = new Date(Date.parse(created.createdAt) + 1).toISOString();
    await db.put({
      TableName: TABLE,
      Item: { ...eventKey(created.caseId, stoppedAt, 'coverage'), ...EVENT, at: stoppedAt },
    });
    const beforeReplay = await cases.timeline(created.caseId);

    // Act: its replay applies the step
    const applied = await cases.recordStep(
      created.caseId,
      'coverage',
      { status: 'checking-coverage' },
      EVENT,
    );

    // Assert
    expect(beforeReplay).toEqual([{ type: 'case-received', at: created.createdAt }]);
    expect(applied.at).not.toBe(stoppedAt);
    expect(await cases.timeline(created.caseId)).toEqual([
      { type: 'case-received', at: created.createdAt },
      { ...EVENT, at: applied.at },
    ]);
  });

  it('matches the case the caller read: a step applied since that read is not shown yet', async () => {
    // Arrange
    const cases = new DynamoCaseIntake(db, TABLE);
    const created = await storedCase(cases);
    const read = (await cases.get(created.caseId))!;
    const applied = await cases.recordStep(
      created.caseId,
      'coverage',
      { status: 'checking-coverage' },
      EVENT,
    );

    // Act
    const asRead = await cases.timeline(created.caseId, read);
    const now = await cases.timeline(created.caseId);

    // Assert
    expect(asRead.map((e) => e.type)).toEqual(['case-received']);
    expect(now).toEqual([
      { type: 'case-received', at: created.createdAt },
      { ...EVENT, at: applied.at },
    ]);
  });
});

describe('DynamoOutbox', () => {
  const email = { to: ['patient@example.com'], subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' };

  it('sends once: a read, the send, one write; a replay reads it sent and sends nothing', async () => {
    // Arrange
    const mailer = new MemoryMailer();
    const outbox = new DynamoOutbox(db, TABLE, mailer);
    requests = [];

    // Act
    const first = await outbox.sendOnce('case-o1', 'welcome', email);
    const firstRequests = requests;
    requests = [];
    const replay = await outbox.sendOnce('case-o1', 'welcome', email);

    // Assert
    expect([first, replay]).toEqual([true, false]);
    expect(mailer.sent).toHaveLength(1);
    expect(firstRequests).toEqual(['GetItem', 'PutItem']);
    expect(requests).toEqual(['GetItem']);
    expect(await outbox.wasSent('case-o1', 'welcome')).toBe(true);
  });

  it('sends again after a failed send, and takes the caller’s answer from wasSent without a read', async () => {
    const mailer = new MemoryMailer();
    const outbox = new DynamoOutbox(db, TABLE, mailer);
    mailer.failNext();
    await expect(outbox.sendOnce('case-o2', 'welcome', email)).rejects.toThrow('SES unavailable');
    expect(await outbox.wasSent('case-o2', 'welcome')).toBe(false);
    requests = [];

    expect(await outbox.sendOnce('case-o2', 'welcome', email, false)).toBe(true);
    expect(await outbox.sendOnce('case-o2', 'welcome', email, true)).toBe(false);

    expect(requests).toEqual(['PutItem']);
    expect(mailer.sent).toHaveLength(1);
  });

  it('a message left "sending" by the earlier scheme is sent and then marked sent', async () => {
    const mailer = new MemoryMailer();
    const outbox = new DynamoOutbox(db, TABLE, mailer);
    await db.put({
      TableName: TABLE,
      Item: { ...messageKey('case-o3', 'welcome'), caseId: 'case-o3', key: 'welcome', status: 'sending' },
    });

    expect(await outbox.sendOnce('case-o3', 'welcome', email)).toBe(true);
    expect(await outbox.sendOnce('case-o3', 'welcome', email)).toBe(false);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('DynamoCallbackStore.decide', () => {
  it('answers the decided record with the latest token, first decision only', async () => {
    // Arrange: a pending callback whose token a replayed step replaced
    const callbacks = new DynamoCallbackWaits(db, TABLE);
    const record: CallbackRecord = {
      callbackId: 'cb-1',
      kind: 'approval',
      purpose: 'coverage',
      caseId: 'case-c1',
      round: 1,
      status: 'pending',
      recipient: 'coordinator@example.com',
      taskToken: 'token-1',
      createdAt: new Date().toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      remindersSent: 0,
    };
    await callbacks.create(record);
    const replayedExpiry = record.expiresAt + 600;
    await callbacks.replaceToken('cb-1', 'token-2', replayedExpiry);
    const decision = { decision: 'approve', decidedBy: 'coordinator@example.com', decidedAt: 'now' };
    requests = [];

    // Act
    const step: DecisionStep = {
      changes: { billing: { party: 'insurer', basis: 'exception' } },
      event: { type: 'approval-decided' },
    };
    const decided = await callbacks.decide('cb-1', decision, step, Math.floor(Date.now() / 1000));
    const second = await callbacks.decide('cb-1', { ...decision, decision: 'reject' }, step, 0);

    // Assert
    expect(requests).toEqual(['UpdateItem', 'UpdateItem']);
    expect(decided).toMatchObject({
      callbackId: 'cb-1',
      status: 'decided',
      taskToken: 'token-2',
      expiresAt: replayedExpiry,
      decision,
      decisionStep: step,
    });
    expect(decided).not.toHaveProperty('PK');
    expect(second).toBeUndefined();
    expect(await callbacks.replaceToken('cb-1', 'token-3', replayedExpiry)).toBe(false);
  });
});

describe('DynamoAssignmentStore.update', () => {
  it('answers the attempt as changed, or undefined when it was not in one of the given states', async () => {
    const assignments = new DynamoAssignmentStore(db, TABLE);
    const assignment: Assignment = {
      caseId: 'case-a1',
      attempt: 1,
      opinionNumber: 2,
      specialistId: 's-1',
      organization: 'Org',
      disciplines: ['medical-oncology'],
      alternates: [],
      score: 1,
      eligible: 1,
      status: 'proposed',
      proposedAt: new Date().toISOString(),
    };
    await assignments.put(assignment);

    const accepted = await assignments.update('case-a1', 1, { status: 'accepted', acceptedAt: 'now' }, [
      'proposed',
    ]);
    const again = await assignments.update('case-a1', 1, { status: 'accepted', acceptedAt: 'later' }, [
      'proposed',
    ]);

    expect(accepted).toMatchObject({ specialistId: 's-1', status: 'accepted', acceptedAt: 'now' });
    expect(accepted).not.toHaveProperty('SK');
    expect(again).toBeUndefined();
  });
});

describe('DynamoRecordStore.settle', () => {
  const CASE_ID = '4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f';
  const refused = {
    status: 'refused',
    refusedCode: 'executable',
    refusedReason: 'This file is a program.',
    refusedMember: 'scan-2.jpg',
  } as const;

  async function storedRecord(records: DynamoRecordStore, recordId: string) {
    await records.put({
      recordId,
      caseId: CASE_ID,
      type: 'imaging',
      key: `cases/${CASE_ID}/records/imaging/${recordId}`,
      status: 'requested',
      createdAt: new Date().toISOString(),
    });
  }

  it('stores what a refusal says, then only what a later receipt says', async () => {
    // Arrange
    const records = new DynamoRecordStore(db, TABLE);
    await storedRecord(records, 'settle-1');

    // Act
    const first = await records.settle(CASE_ID, 'settle-1', refused);
    const afterRefusal = await records.get(CASE_ID, 'settle-1');
    const second = await records.settle(CASE_ID, 'settle-1', { status: 'received', kind: 'pdf' }, 'refused');
    const afterReceipt = await records.get(CASE_ID, 'settle-1');

    // Assert
    expect([first, second]).toEqual([true, true]);
    expect(afterRefusal).toMatchObject({ ...refused, receivedAt: expect.any(String) });
    expect(afterRefusal).not.toHaveProperty('kind');
    expect(afterReceipt).toMatchObject({ status: 'received', kind: 'pdf', receivedAt: expect.any(String) });
    for (const gone of ['refusedCode', 'refusedReason', 'refusedMember']) {
      expect(afterReceipt).not.toHaveProperty(gone);
    }
  });

  it('drops the kind of a received record that a replacement refuses', async () => {
    const records = new DynamoRecordStore(db, TABLE);
    await storedRecord(records, 'settle-2');
    await records.settle(CASE_ID, 'settle-2', { status: 'received', kind: 'png' });

    await records.settle(
      CASE_ID,
      'settle-2',
      { status: 'refused', refusedCode: 'empty', refusedReason: 'x' },
      'received',
    );

    const record = await records.get(CASE_ID, 'settle-2');
    expect(record).toMatchObject({ status: 'refused', refusedCode: 'empty' });
    expect(record).not.toHaveProperty('kind');
    expect(record).not.toHaveProperty('refusedMember');
  });

  it('moves a record only from the status given', async () => {
    const records = new DynamoRecordStore(db, TABLE);
    await storedRecord(records, 'settle-3');

    expect(await records.settle(CASE_ID, 'settle-3', { status: 'received', kind: 'pdf' }, 'refused')).toBe(
      false,
    );
    expect((await records.get(CASE_ID, 'settle-3'))!.status).toBe('requested');
  });
});
