import type { ClinicalPosition } from '../../../functions/domain/clinical/position.js';
import type { Opinion } from '../../../functions/domain/opinion.js';
import { compareOpinions } from '../../../functions/use-cases/comparison.js';
import { disputeResolved, gradeAll } from '../../../functions/domain/discordance.js';
import { MemoryOutbox, MemoryCaseStore } from '../../support/fakes/memory-ports.js';
import { MemoryAssignmentStore } from '../../support/fakes/memory-assignments.js';
import { caseRecord, payer } from '../../support/case-records.js';

const COORDINATOR = 'coordinator@concord.local';
const record = caseRecord(payer('acme-health'));
const first = record.intake.firstOpinion;
const AS_FIRST: ClinicalPosition = {
  icd10: first.icd10,
  stage: first.stage,
  treatmentPlan: first.treatmentPlan,
};
const REVERSED: ClinicalPosition = { ...AS_FIRST, treatmentPlan: [...first.treatmentPlan].reverse() };
const SUB_STAGE: ClinicalPosition = { ...AS_FIRST, stage: 'IIB' };
const OTHER_PLAN: ClinicalPosition = { ...AS_FIRST, treatmentPlan: [{ modality: 'radiation' }] };

function opinion(number: number, position: ClinicalPosition): Opinion & { callbackId: string } {
  return {
    number,
    author: `Dr. ${number}`,
    organization: `Org ${number}`,
    specialistId: `s-${number}`,
    callbackId: `${record.caseId}#${number}`,
    ...position,
  };
}

async function compare(reviews: ClinicalPosition[], maxOpinions = 3) {
  const cases = new MemoryCaseStore();
  const assignments = new MemoryAssignmentStore();
  const outbox = new MemoryOutbox();
  await cases.create({ ...record, opinions: 1 + reviews.length }, { type: 'case-received' });
  for (const [i, position] of reviews.entries())
    await assignments.putOpinion(record.caseId, opinion(i + 2, position));
  const result = await compareOpinions(record.caseId, {
    cases,
    assignments,
    outbox,
    coordinatorEmail: COORDINATOR,
    maxOpinions,
  });
  return { result, stored: (await cases.get(record.caseId))!, outbox };
}

describe('compareOpinions', () => {
  it.each([
    ['a concordant second opinion', 3, 'settled', 'none', [AS_FIRST]],
    ['a sub-stage with the same plan (minor)', 3, 'settled', 'minor', [SUB_STAGE]],
    ['a reversed treatment order under the cap', 3, 'escalate', 'major', [REVERSED]],
    ['a reversed treatment order at a cap of 2', 2, 'tumor-board', 'major', [REVERSED]],
    ['a third opinion siding with the first (a majority)', 3, 'settled', 'major', [REVERSED, AS_FIRST]],
    ['three different plans at the cap of 3', 3, 'tumor-board', 'major', [REVERSED, OTHER_PLAN]],
    ['three different plans under a cap of 4', 4, 'escalate', 'major', [REVERSED, OTHER_PLAN]],
  ] as const)('%s (cap %i) → %s, %s discordance', async (_name, cap, outcome, level, reviews) => {
    const { result, stored } = await compare([...reviews], cap);
    expect(result).toEqual({ outcome, opinions: 1 + reviews.length });
    expect(stored.discordance?.level).toBe(level);
    expect(stored.tumorBoard).toBe(outcome === 'tumor-board');
    expect(stored.status).toBe('comparing-opinions');
  });

  it('a tumor board flag tells the coordinator once, naming the case and the disputed dimension only', async () => {
    const { outbox } = await compare([REVERSED], 2);
    const emails = outbox.emails();
    expect(emails.map((e) => [e.to, e.subject])).toEqual([
      [[COORDINATOR], `Tumor board review: case ${record.caseId}`],
    ]);
    expect(emails[0]!.text).toContain('treatment');
    expect(emails[0]!.text).not.toContain(first.icd10);
  });

  it('the case grade keeps every pair’s reasons once', () => {
    const grade = gradeAll([opinion(1, AS_FIRST), opinion(2, REVERSED), opinion(3, REVERSED)]);
    expect(grade.level).toBe('major');
    expect(grade.disputed).toEqual(['treatment']);
    expect(grade.reasons).toHaveLength(1);
    expect(disputeResolved(grade, undefined)).toBe(false);
  });

  it('keeps the majority with three opinions, for the report; none with two', async () => {
    const three = await compare([REVERSED, AS_FIRST]);
    const two = await compare([AS_FIRST]);

    expect(three.stored.consensus?.treatment).toEqual({
      value: first.treatmentPlan,
      agreeing: [1, 3],
      split: false,
    });
    expect(three.stored.consensus?.diagnosis.agreeing).toEqual([1, 2, 3]);
    expect(two.stored.consensus).toBeUndefined();
  });
});
