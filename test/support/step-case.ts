/** A case ready for the workflow's steps, in memory: the set-up the step use-cases' tests share. */
import { IntakeSchema, type IntakeInput } from '../../functions/schemas/intake.js';
import type { Payer } from '../../functions/schemas/directory.js';
import { MemoryCaseStore, MemoryDirectory, MemoryMailer, MemoryOutbox } from './fakes/memory-ports.js';
import { payer as seedPayer } from './case-records.js';
import { exampleIntake } from './intake.js';
import { grantPorts, newConfirmedCase } from './new-case.js';

export const COORDINATOR = 'coordinator@concord.local';
export const UNKNOWN_CASE = '00000000-0000-4000-8000-000000000000';

/** A payer named by its id (support/case-records.ts's payer, otherwise). */
export function payer(payerId: string, rules: Partial<Payer>): Payer {
  return seedPayer(payerId, { name: payerId, ...rules });
}

const PAYERS = [
  payer('acme-health', {}),
  payer('summit-care', { requiresPriorAuth: true }),
  payer('basic-benefit', { coversSecondOpinion: false }),
];

/** A new case, stored as intake stores it, with the directory and outbox the workflow steps use. */
export async function setupStepCase(
  insurance: IntakeInput['insurance'] = { payerId: 'acme-health', memberId: 'A123456789' },
  preferredLanguage = 'en',
) {
  const cases = new MemoryCaseStore();
  const directory = new MemoryDirectory(PAYERS);
  const mailer = new MemoryMailer();
  const draft = exampleIntake();
  draft.insurance = insurance;
  draft.patient.preferredLanguage = preferredLanguage;
  const { caseId } = await newConfirmedCase(IntakeSchema.parse(draft), cases);
  const coveragePorts = {
    cases,
    directory,
    outbox: new MemoryOutbox(mailer),
    ...grantPorts(cases),
  };
  return { cases, directory, mailer, coveragePorts, caseId };
}

/** How many events of each type the timeline holds (events in the same millisecond sort by step key). */
export async function eventCounts(cases: MemoryCaseStore, caseId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { type } of await cases.timeline(caseId)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
