import { IntakeSchema } from '../../../functions/schemas/intake.js';
import { NotFoundError } from '../../../functions/shared/errors.js';
import { getCase } from '../../../functions/use-cases/get-case.js';
import { checkCoverage } from '../../../functions/use-cases/check-coverage.js';
import {
  MemoryCaseStore,
  MemoryDirectory,
  MemoryMailer,
  MemoryOutbox,
} from '../../support/fakes/memory-ports.js';
import { payer } from '../../support/case-records.js';
import { exampleIntake } from '../../support/intake.js';
import { grantPorts, newConfirmedCase } from '../../support/new-case.js';

async function storedCase() {
  const cases = new MemoryCaseStore();
  const created = await newConfirmedCase(IntakeSchema.parse(exampleIntake()), cases);
  return { cases, created };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject');
}

describe('getCase', () => {
  it('shows the case and its timeline to the holder of the access token', async () => {
    // Arrange
    const { cases, created } = await storedCase();
    const record = await cases.get(created.caseId);

    // Act
    const view = await getCase(created.caseId, created.accessToken, cases);

    // Assert
    expect(view).toEqual({
      caseId: created.caseId,
      status: 'received',
      statusText: 'Request received',
      cancerType: 'breast',
      opinions: 1,
      timeline: [
        { at: record!.createdAt, type: 'case-received', detail: 'We received your request' },
        { at: record!.steps.confirmed, type: 'case-confirmed', detail: 'The request was confirmed by email' },
      ],
    });
  });

  it('never shows the intake, the token hash or the step bookkeeping', async () => {
    // Arrange
    const { cases, created } = await storedCase();

    // Act
    const view = await getCase(created.caseId, created.accessToken, cases);

    // Assert
    expect(Object.keys(view).sort()).toEqual([
      'cancerType',
      'caseId',
      'opinions',
      'status',
      'statusText',
      'timeline',
    ]);
    expect(JSON.stringify(view)).not.toContain('Silva');
    expect(JSON.stringify(view)).not.toContain('ana@example.org');
  });

  it('shows the coverage decision and its timeline event once coverage is checked', async () => {
    // Arrange
    const { cases, created } = await storedCase();
    await checkCoverage(created.caseId, {
      cases,
      directory: new MemoryDirectory([payer('acme-health')]),
      outbox: new MemoryOutbox(new MemoryMailer()),
      ...grantPorts(cases),
    });

    // Act
    const view = await getCase(created.caseId, created.accessToken, cases);

    // Assert
    expect(view.status).toBe('checking-coverage');
    expect(view.coverage).toEqual({ outcome: 'covered', reason: 'covered-by-plan' });
    expect(view.timeline.map((event) => event.type).sort()).toEqual([
      'case-confirmed',
      'case-received',
      'coverage-decided',
    ]);
  });

  it('answers a wrong token with NotFoundError (404)', async () => {
    // Arrange
    const { cases, created } = await storedCase();

    // Act
    const error = await rejection(getCase(created.caseId, `${created.accessToken}x`, cases));

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404 });
  });

  it('answers an empty token with NotFoundError', async () => {
    // Arrange
    const { cases, created } = await storedCase();

    // Act
    const error = await rejection(getCase(created.caseId, '', cases));

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('answers an unknown case exactly as a wrong token, so case ids cannot be probed', async () => {
    // Arrange
    const { cases, created } = await storedCase();

    // Act
    const unknownCase = await rejection(
      getCase('00000000-0000-4000-8000-000000000000', created.accessToken, cases),
    );
    const wrongToken = await rejection(getCase(created.caseId, 'not-the-token', cases));

    // Assert
    expect(unknownCase).toBeInstanceOf(NotFoundError);
    expect((unknownCase as NotFoundError).message).toBe((wrongToken as NotFoundError).message);
    expect((unknownCase as NotFoundError).message).not.toContain(created.caseId);
  });
});
