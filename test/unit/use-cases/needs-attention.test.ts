import { holdId, type Assignment } from '../../../functions/domain/assignment.js';
import { markNeedsAttention } from '../../../functions/use-cases/needs-attention.js';
import { MemoryAssignmentStore, MemoryCapacityLedger } from '../../support/fakes/memory-assignments.js';
import { MemoryCaseStore, MemoryMailer, MemoryOutbox } from '../../support/fakes/memory-ports.js';
import { exampleIntake } from '../../support/intake.js';
import { COORDINATOR, eventCounts, setupStepCase as setup } from '../../support/step-case.js';

describe('markNeedsAttention', () => {
  function attentionPorts(cases: MemoryCaseStore, mailer: MemoryMailer) {
    return {
      cases,
      outbox: new MemoryOutbox(mailer),
      coordinatorEmail: COORDINATOR,
      publicUrl: 'https://concord.test',
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

  it('names the request that went unanswered, in words, and links to the case in the console', async () => {
    // Arrange: the records request expired after its reminders, as callbackTimedOut records it
    const { cases, mailer, caseId } = await setup();
    await cases.recordStep(
      caseId,
      'callback-expired:cb-1',
      {},
      { type: 'records-expired', detail: 'records: no answer after 3 reminder(s)', actor: 'concord' },
    );

    // Act
    await markNeedsAttention(caseId, 'CallbackExpiredError', attentionPorts(cases, mailer));

    // Assert
    const [email] = mailer.sent;
    expect(email!.text).toContain(
      `Case ${caseId} stopped because nobody answered the request for medical records (to the referring physician, or the patient), after every reminder`,
    );
    expect(email!.text).toContain(
      `Open the case in the console: https://concord.test/console/cases/${caseId}`,
    );
    expect(email!.html).toContain(`href="https://concord.test/console/cases/${caseId}"`);
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
    expect(await eventCounts(cases, caseId)).toEqual({
      'case-received': 1,
      'case-confirmed': 1,
      'needs-attention': 1,
    });
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
