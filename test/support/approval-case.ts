import { DynamoCallbackWaits } from '../../functions/adapters/dynamo-callback-waits.js';
import { DynamoCaseIntake } from '../../functions/adapters/dynamo-case-intake.js';
import { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { ItemClient } from '../../functions/adapters/item-client.js';
import { CONFIRMED_STEP } from '../../functions/domain/confirmation.js';
import type { CallbackWaits, CaseIntake, CaseStore } from '../../functions/domain/ports.js';
import { callbackId } from '../../functions/domain/signed-link.js';
import { IntakeSchema } from '../../functions/schemas/intake.js';
import { approvalPresenter } from '../../functions/use-cases/approvals.js';
import { requestCallback, type WaitPorts } from '../../functions/use-cases/callbacks.js';
import { checkCoverage } from '../../functions/use-cases/check-coverage.js';
import { createCase } from '../../functions/use-cases/create-case.js';
import { MemoryAssignmentStore } from './fakes/memory-assignments.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from './fakes/memory-callbacks.js';
import { MemoryCaseStore, MemoryDirectory, MemoryOutbox, MemorySecrets } from './fakes/memory-ports.js';
import { MemoryRecordStore } from './fakes/memory-records.js';
import type { DynaliteTable } from './dynalite.js';
import { exampleIntake } from './intake.js';
import { grantPorts, intakePorts } from './new-case.js';

export const APPROVAL_KEY = Buffer.from('approval-case-test-key-0123456789abcdef', 'utf8');
export const COORDINATOR_EMAIL = 'coordinator@concord.local';
/** The waiting task's token, shaped like a real one. */
export const APPROVAL_TOKEN = 'AAAAKGV4ZWN1dGlvbi0xLXRhc2stdG9rZW4tZmlyc3Q-approval-token';

export type CaseStores = { cases: CaseStore; intake: CaseIntake; callbacks: CallbackWaits };

export const memoryStores = (): CaseStores => {
  const cases = new MemoryCaseStore();
  return { cases, intake: cases, callbacks: new MemoryCallbackStore() };
};

/** The real stores on a dynalite table (their conditional writes). */
export const dynamoStores = (table: DynaliteTable, tableName: string): CaseStores => {
  const items = new ItemClient(table.raw);
  return {
    cases: new DynamoCaseStore(items, tableName),
    intake: new DynamoCaseIntake(items, tableName),
    callbacks: new DynamoCallbackWaits(items, tableName),
  };
};

/**
 * A case whose payer is unknown, waiting on the coordinator's coverage approval: its callback id and the
 * signature of the link emailed to the coordinator, and the ports that decide it.
 */
export async function approvalCase(stores: CaseStores, publicUrl: string) {
  const secrets = new MemorySecrets(APPROVAL_KEY);
  const directory = new MemoryDirectory([]);
  const outbox = new MemoryOutbox();
  const tasks = new RecordingTaskCallbacks();
  const intake = exampleIntake();
  intake.insurance = { payerId: 'nobody-health', memberId: 'N000000001' };
  const { caseId } = await createCase(
    IntakeSchema.parse(intake),
    undefined,
    intakePorts(stores.intake, secrets),
  );
  await stores.cases.recordStep(caseId, CONFIRMED_STEP, { status: 'received' }, { type: 'case-confirmed' });
  await checkCoverage(caseId, {
    cases: stores.cases,
    directory,
    outbox: new MemoryOutbox(),
    ...grantPorts(undefined, secrets),
  });
  const ports: WaitPorts = {
    cases: stores.cases,
    callbacks: stores.callbacks,
    outbox,
    tasks,
    secrets,
    directory,
    records: new MemoryRecordStore(),
    assignments: new MemoryAssignmentStore(),
    settings: {
      publicUrl,
      coordinatorEmail: COORDINATOR_EMAIL,
      approvalReminders: 2,
      recordsReminders: 3,
      opinionReminders: 1,
    },
  };
  const ref = { caseId, kind: 'approval', purpose: 'coverage', round: 1 } as const;
  await requestCallback(ref, { taskToken: APPROVAL_TOKEN, timeoutSeconds: 3600 }, approvalPresenter, ports);
  const id = callbackId(APPROVAL_KEY, caseId, 'approval', 'coverage', 1);
  const sig = /\/approvals\/[A-Za-z0-9_-]+\?sig=([^\s"<]+)/.exec(outbox.emails()[0]!.text)![1]!;
  return { caseId, id, sig, ports, tasks, secrets, directory };
}
