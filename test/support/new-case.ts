/** A case stored as intake stores it and confirmed by its submitter, in memory: what the step use-cases start from. */
import type { CaseIntake, CaseStore, Secrets } from '../../functions/domain/ports.js';
import { CONFIRMED_STEP } from '../../functions/domain/confirmation.js';
import type { Intake } from '../../functions/schemas/intake.js';
import { createCase, type CreateCasePorts } from '../../functions/use-cases/create-case.js';
import {
  MemorySecrets,
  MemoryCaseStore,
  MemoryGrants,
  MemoryOutbox,
  MemoryQuotas,
} from './fakes/memory-ports.js';

export const TEST_SETTINGS: CreateCasePorts['settings'] = {
  idempotencyTtlSeconds: 60,
  confirmationSeconds: 24 * 60 * 60,
  intakesPerAddress: 1000,
  publicUrl: 'https://concord.test',
};

export const GRANT_SETTINGS = { publicUrl: 'https://concord.test', linkGrantSeconds: 14 * 24 * 60 * 60 };

/** What grants links (status, report, claim) in memory, over the given cases (for the case-wide take-back). */
export function grantPorts(cases?: MemoryCaseStore, secrets: Secrets = new MemorySecrets()) {
  return { grants: new MemoryGrants(cases), secrets, settings: GRANT_SETTINGS };
}

/** createCase's ports over the given store, with an outbox, quotas and settings of their own. */
export function intakePorts(cases: CaseIntake, secrets: Secrets = new MemorySecrets()): CreateCasePorts {
  return { cases, secrets, outbox: new MemoryOutbox(), quotas: new MemoryQuotas(), settings: TEST_SETTINGS };
}

/** Stores the intake and confirms it as the confirmation link does (status `received`, the step recorded). */
export async function newConfirmedCase(
  intake: Intake,
  cases: CaseIntake & CaseStore,
  secrets: Secrets = new MemorySecrets(),
) {
  const created = await createCase(intake, undefined, intakePorts(cases, secrets));
  await cases.recordStep(created.caseId, CONFIRMED_STEP, { status: 'received' }, { type: 'case-confirmed' });
  return created;
}
