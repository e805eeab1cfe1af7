import { holdId, type Assignment } from '../../../functions/domain/assignment.js';
import type { CoverageOutcome, CoverageReason } from '../../../functions/domain/coverage.js';
import { IntakeSchema, type IntakeInput } from '../../../functions/schemas/intake.js';
import type { Payer } from '../../../functions/schemas/directory.js';
import { CaseNotFoundError } from '../../../functions/shared/errors.js';
import { createCase } from '../../../functions/use-cases/create-case.js';
import { checkCoverage } from '../../../functions/use-cases/check-coverage.js';
import { finishCase } from '../../../functions/use-cases/finish-case.js';
import { markNeedsAttention } from '../../../functions/use-cases/needs-attention.js';
import { MemoryAssignmentStore, MemoryCapacityLedger } from '../../support/fakes/memory-assignments.js';
import {
  FixedSecrets,
  MemoryCaseStore,
  MemoryDirectory,
  MemoryMailer,
  MemoryOutbox,
  MemoryWorkflow,
} from '../../support/fakes/memory-ports.js';
import { payer as seedPayer } from '../../support/case-records.js';
import { exampleIntake } from '../../support/intake.js';

const COORDINATOR = 'coordinator@concord.local';
const UNKNOWN_CASE = '00000000-0000-4000-8000-000000000000';

/** A payer named by its id (support/case-records.ts's payer, otherwise). */
function payer(payerId: string, rules: Partial<Payer>): Payer {
  return seedPayer(payerId, { name: payerId, ...rules });
}

const PAYERS = [
  payer('acme-health', {}),
  payer('summit-care', { requiresPriorAuth: true }),
  payer('basic-benefit', { coversSecondOpinion: false }),
];

async function setup(
  insurance: IntakeInput['insurance'] = { payerId: 'acme-health', memberId: 'A123456789' },
) {
  const cases = new MemoryCaseStore();
  const directory = new MemoryDirectory(PAYERS);
  const mailer = new MemoryMailer();
  const draft = exampleIntake();
  draft.insurance = insurance;
  const { caseId } = await createCase(IntakeSchema.parse(draft), undefined, {
    cases,
    workflow: new MemoryWorkflow(),
    secrets: new FixedSecrets(),
    idempotencyTtlSeconds: 60,
  });
  const coveragePorts = { cases, directory, outbox: new MemoryOutbox(mailer) };
  return { cases, directory, mailer, coveragePorts, caseId };
}

/** How many events of each type the timeline holds (events in the same millisecond sort by step key). */
async function eventCounts(cases: MemoryCaseStore, caseId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { type } of await cases.timeline(caseId)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe('checkCoverage', () => {
  it.each<[string, IntakeInput['insurance'], CoverageOutcome, CoverageReason]>([
    ['a covering payer', { payerId: 'acme-health', memberId: 'A1' }, 'covered', 'covered-by-plan'],
    [
      'a payer requiring prior authorization',
      { payerId: 'summit-care', memberId: 'S1' },
      'prior-auth-required',
      'prior-authorization-required',
    ],
    [
      'a payer that does not cover',
      { payerId: 'basic-benefit', memberId: 'B1' },
      'not-covered',
      'not-covered-by-plan',
    ],
    [
      'a payer not in the directory',
      { payerId: 'nobody-health', memberId: 'N1' },
      'not-covered',
      'unknown-payer',
    ],
    ['self-pay', { selfPay: true }, 'self-pay', 'self-pay'],
  ])('decides %s: %s (%s)', async (_label, insurance, outcome, reason) => {
    // Arrange
    const { cases, coveragePorts, caseId } = await setup(insurance);

    // Act
    const result = await checkCoverage(caseId, coveragePorts);

    // Assert
    expect(result).toEqual({ outcome });
    const record = await cases.get(caseId);
    expect(record?.status).toBe('checking-coverage');
    expect(record?.coverage).toMatchObject({ outcome, reason });
    const decided = (await cases.timeline(caseId)).filter((event) => event.type === 'coverage-decided');
    expect(decided).toEqual([
      expect.objectContaining({
        type: 'coverage-decided',
        detail: expect.stringMatching(new RegExp(`^${outcome}: `)),
      }),
    ]);
  });

  it('stores the full decision, payer terms included', async () => {
    // Arrange
    const { cases, coveragePorts, caseId } = await setup({ payerId: 'summit-care', memberId: 'S1' });

    // Act
    await checkCoverage(caseId, coveragePorts);

    // Assert
    expect((await cases.get(caseId))?.coverage).toEqual({
      outcome: 'prior-auth-required',
      reason: 'prior-authorization-required',
      payerId: 'summit-care',
      inforce: true,
      authorizationRequired: true,
      mandated: false,
      inNetworkOnly: false,
    });
  });

  it('tells the patient, once, when the plan covers the second opinion', async () => {
    // Arrange
    const { mailer, coveragePorts, caseId } = await setup();

    // Act
    await checkCoverage(caseId, coveragePorts);
    await checkCoverage(caseId, coveragePorts);

    // Assert
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.to).toEqual([exampleIntake().patient.email]);
    expect(mailer.sent[0]!.subject).toContain(caseId);
  });

  it.each<[string, IntakeInput['insurance']]>([
    ['prior authorization', { payerId: 'summit-care', memberId: 'S1' }],
    ['not covered', { payerId: 'basic-benefit', memberId: 'B1' }],
    ['self-pay', { selfPay: true }],
  ])('sends no coverage email for %s', async (_label, insurance) => {
    // Arrange
    const { mailer, coveragePorts, caseId } = await setup(insurance);

    // Act
    await checkCoverage(caseId, coveragePorts);

    // Assert
    expect(mailer.sent).toEqual([]);
  });

  it('returns the same outcome on a replay, with no second event and no second change', async () => {
    // Arrange
    const { cases, coveragePorts, caseId } = await setup();
    const first = await checkCoverage(caseId, coveragePorts);
    const afterFirst = await cases.get(caseId);

    // Act
    const replay = await checkCoverage(caseId, coveragePorts);

    // Assert
    expect(replay).toEqual(first);
    expect(await cases.get(caseId)).toEqual(afterFirst);
    expect(await eventCounts(cases, caseId)).toEqual({ 'case-received': 1, 'coverage-decided': 1 });
  });

  it('keeps the first decision on a replay even if the directory changed in between', async () => {
    // Arrange
    const { coveragePorts, caseId } = await setup();
    await checkCoverage(caseId, coveragePorts);
    coveragePorts.directory.putPayer(payer('acme-health', { coversSecondOpinion: false }));

    // Act
    const replay = await checkCoverage(caseId, coveragePorts);

    // Assert
    expect(replay).toEqual({ outcome: 'covered' });
  });

  it('fails with CaseNotFoundError for an unknown case', async () => {
    // Arrange
    const { coveragePorts } = await setup();

    // Act
    const act = checkCoverage(UNKNOWN_CASE, coveragePorts);

    // Assert
    await expect(act).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});

describe('finishCase', () => {
  it('marks the case completed with a case-completed event', async () => {
    // Arrange
    const { cases, coveragePorts, caseId } = await setup();
    await checkCoverage(caseId, coveragePorts);

    // Act
    await finishCase(caseId, cases);

    // Assert
    expect((await cases.get(caseId))?.status).toBe('completed');
    expect(await eventCounts(cases, caseId)).toEqual({
      'case-received': 1,
      'coverage-decided': 1,
      'case-completed': 1,
    });
  });

  it('changes nothing on a replay', async () => {
    // Arrange
    const { cases, caseId } = await setup();
    await finishCase(caseId, cases);
    const afterFirst = await cases.get(caseId);

    // Act
    await finishCase(caseId, cases);

    // Assert
    expect(await cases.get(caseId)).toEqual(afterFirst);
    expect(await eventCounts(cases, caseId)).toEqual({ 'case-received': 1, 'case-completed': 1 });
  });

  it('fails with CaseNotFoundError for an unknown case', async () => {
    // Arrange
    const { cases } = await setup();

    // Act
    const act = finishCase(UNKNOWN_CASE, cases);

    // Assert
    await expect(act).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});

describe('markNeedsAttention', () => {
  function attentionPorts(cases: MemoryCaseStore, mailer: MemoryMailer) {
    return {
      cases,
      outbox: new MemoryOutbox(mailer),
      coordinatorEmail: COORDINATOR,
      assignments: new MemoryAssignmentStore(),
      capacity: new MemoryCapacityLedger(),
    };
  }

  /** A match attempt of the case in `status`, holding its specialist's capacity as matching leaves it. */
  async function openAttempt(
    ports: ReturnType<typeof attentionPorts>,
    caseId: string,
    attempt: number,
    specialistId: string,
    status: Assignment['status'],
  ): Promise<void> {
    await ports.assignments.put({
      caseId,
      attempt,
      opinionNumber: 2,
      specialistId,
      organization: 'University Cancer Center',
      disciplines: ['medical-oncology'],
      alternates: [],
      score: 1,
      eligible: 1,
      status,
      proposedAt: new Date().toISOString(),
    });
    if (status === 'proposed' || status === 'accepted')
      await ports.capacity.reserve(specialistId, holdId(caseId, specialistId), 5);
  }

  /** Every identifying value in the example intake: none may reach the coordinator's alert. */
  function patientIdentifiers(): string[] {
    const intake = exampleIntake();
    return [
      intake.patient.firstName,
      intake.patient.lastName,
      intake.patient.email,
      intake.patient.phone!,
      intake.patient.dateOfBirth,
      intake.referringPhysician!.name,
      intake.referringPhysician!.email,
      (intake.insurance as { memberId: string }).memberId,
    ];
  }

  it('sets needs-attention and records why', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();

    // Act
    await markNeedsAttention(caseId, 'CaseNotFoundError', attentionPorts(cases, mailer));

    // Assert
    expect((await cases.get(caseId))?.status).toBe('needs-attention');
    expect(await cases.timeline(caseId)).toContainEqual(
      expect.objectContaining({ type: 'needs-attention', detail: 'Workflow stopped: CaseNotFoundError' }),
    );
  });

  it('alerts the coordinator once, naming the case id and the error and nothing about the patient', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();

    // Act
    await markNeedsAttention(caseId, 'States.Timeout', attentionPorts(cases, mailer));

    // Assert
    expect(mailer.sent).toHaveLength(1);
    const [email] = mailer.sent;
    expect(email!.to).toEqual([COORDINATOR]);
    expect(email!.subject).toContain(caseId);
    expect(email!.text).toContain(caseId);
    expect(email!.text).toContain('States.Timeout');
    expect(email!.html).toContain(caseId);
    const everything = JSON.stringify(email);
    for (const value of patientIdentifiers()) expect(everything).not.toContain(value);
  });

  it('tells the coordinator why no specialist was found, and that nothing will resume the case by itself', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();

    // Act
    await markNeedsAttention(caseId, 'NoSpecialistError', attentionPorts(cases, mailer));

    // Assert
    const text = mailer.sent[0]!.text;
    expect(text).toContain('no eligible specialist is left for the next opinion');
    expect(text).toContain('Concord will not continue it by itself');
    expect(text).not.toMatch(/restart/i);
  });

  it('keeps patient details out of the alert for a known error too', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();

    // Act
    await markNeedsAttention(caseId, 'CaseNotFoundError', attentionPorts(cases, mailer));

    // Assert
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.text).toContain(caseId);
    const everything = JSON.stringify(mailer.sent[0]);
    for (const value of patientIdentifiers()) expect(everything).not.toContain(value);
  });

  it('sends no second email and adds no second event on a replay', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();
    const ports = attentionPorts(cases, mailer);
    await markNeedsAttention(caseId, 'CaseNotFoundError', ports);

    // Act
    await markNeedsAttention(caseId, 'CaseNotFoundError', ports);

    // Assert
    expect(mailer.sent).toHaveLength(1);
    expect(await eventCounts(cases, caseId)).toEqual({ 'case-received': 1, 'needs-attention': 1 });
  });

  it('escapes the error name in the HTML alert', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();

    // Act
    await markNeedsAttention(caseId, '<Boom>', attentionPorts(cases, mailer));

    // Assert
    expect(mailer.sent[0]!.html).toContain('&lt;Boom&gt;');
    expect(mailer.sent[0]!.html).not.toContain('<Boom>');
  });

  it('gives the capacity of the attempts still open back, and leaves finished ones as they were', async () => {
    // Arrange: the opinion of s-1 is in; s-2 accepted the third-opinion request, s-3 was proposed for another case
    const { cases, mailer, caseId } = await setup();
    const ports = attentionPorts(cases, mailer);
    await openAttempt(ports, caseId, 1, 's-1', 'completed');
    await openAttempt(ports, caseId, 2, 's-2', 'accepted');
    await openAttempt(ports, 'another-case', 1, 's-3', 'proposed');

    // Act
    await markNeedsAttention(caseId, 'States.Timeout', ports);

    // Assert
    expect(ports.capacity.holds.get('s-2')?.size).toBe(0);
    expect(ports.capacity.holds.get('s-3')).toEqual(new Set([holdId('another-case', 's-3')]));
    expect((await ports.assignments.list(caseId)).map((a) => a.status)).toEqual(['completed', 'released']);
    expect((await ports.assignments.get('another-case', 1))?.status).toBe('proposed');
  });

  it('gives the capacity back before the case shows needs-attention', async () => {
    // Arrange: note the attempt and the hold at the moment the status is written
    const { cases, mailer, caseId } = await setup();
    const ports = attentionPorts(cases, mailer);
    await openAttempt(ports, caseId, 1, 's-1', 'proposed');
    const recordStep = cases.recordStep.bind(cases);
    const seen: { attempt?: string; holds?: number }[] = [];
    cases.recordStep = async (...args: Parameters<typeof recordStep>) => {
      seen.push({
        attempt: (await ports.assignments.get(caseId, 1))?.status,
        holds: ports.capacity.holds.get('s-1')?.size,
      });
      return recordStep(...args);
    };

    // Act
    await markNeedsAttention(caseId, 'States.Timeout', ports);

    // Assert
    expect(seen).toEqual([{ attempt: 'released', holds: 0 }]);
  });

  it('releases the hold on a retry when giving it back failed the first time', async () => {
    // Arrange: the first run could not reach the ledger
    const { cases, mailer, caseId } = await setup();
    const ports = attentionPorts(cases, mailer);
    await openAttempt(ports, caseId, 1, 's-1', 'proposed');
    const release = ports.capacity.release.bind(ports.capacity);
    ports.capacity.release = async () => {
      throw new Error('DynamoDB unavailable');
    };
    await expect(markNeedsAttention(caseId, 'States.Timeout', ports)).rejects.toThrow('DynamoDB unavailable');
    ports.capacity.release = release;

    // Act
    await markNeedsAttention(caseId, 'States.Timeout', ports);

    // Assert
    expect(ports.capacity.holds.get('s-1')?.size).toBe(0);
    expect((await ports.assignments.get(caseId, 1))?.status).toBe('released');
  });

  it('still alerts the coordinator when the first send failed and the step is retried', async () => {
    // Arrange
    const { cases, mailer, caseId } = await setup();
    const ports = attentionPorts(cases, mailer);
    mailer.failNext();
    await expect(markNeedsAttention(caseId, 'CaseNotFoundError', ports)).rejects.toThrow('SES unavailable');

    // Act
    await markNeedsAttention(caseId, 'CaseNotFoundError', ports);

    // Assert
    expect(mailer.sent).toHaveLength(1);
    expect((await cases.get(caseId))?.status).toBe('needs-attention');
  });
});
