import { IntakeSchema, type Intake } from '../../../functions/schemas/intake.js';
import { sha256 } from '../../../functions/shared/crypto.js';
import { CaseLeftBehindError, IdempotencyMismatchError } from '../../../functions/shared/errors.js';
import { createCase, type CreateCasePorts } from '../../../functions/use-cases/create-case.js';
import { getCase } from '../../../functions/use-cases/get-case.js';
import {
  MemorySecrets,
  ManualClock,
  MemoryCaseStore,
  MemoryWorkflow,
} from '../../support/fakes/memory-ports.js';
import { exampleIntake } from '../../support/intake.js';

const TTL_SECONDS = 24 * 60 * 60;

function setup() {
  const clock = new ManualClock();
  const cases = new MemoryCaseStore(clock);
  const workflow = new MemoryWorkflow();
  const ports: CreateCasePorts = {
    cases,
    workflow,
    secrets: new MemorySecrets(),
    idempotencyTtlSeconds: TTL_SECONDS,
  };
  return { clock, cases, workflow, ports };
}

function intake(change: (draft: ReturnType<typeof exampleIntake>) => void = () => undefined): Intake {
  const draft = exampleIntake();
  change(draft);
  return IntakeSchema.parse(draft);
}

describe('createCase', () => {
  it('stores the case as received, with one opinion and the cancer type derived from the ICD-10 code', async () => {
    // Arrange
    const { cases, ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    const record = await cases.get(created.caseId);
    expect(record).toMatchObject({
      caseId: created.caseId,
      status: 'received',
      opinions: 1,
      cancerType: 'breast',
      version: 1,
      steps: {},
      intake: intake(),
    });
    expect(await cases.timeline(created.caseId)).toEqual([
      { at: record!.createdAt, type: 'case-received', detail: 'Cancer type breast' },
    ]);
  });

  it('derives the cancer type from another neoplasm code (C61 → prostate)', async () => {
    // Arrange
    const { cases, ports } = setup();
    const prostate = intake((draft) => {
      draft.diagnosis.icd10 = 'C61';
      draft.firstOpinion.icd10 = 'C61';
    });

    // Act
    const created = await createCase(prostate, undefined, ports);

    // Assert
    expect((await cases.get(created.caseId))?.cancerType).toBe('prostate');
  });

  it('answers received with the case link and an access token', async () => {
    // Arrange
    const { ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    expect(created).toEqual({
      caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'received',
      accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/),
      links: { self: `/cases/${created.caseId}` },
    });
  });

  it('stores the access token only as its hash: the plain token is written nowhere', async () => {
    // Arrange
    const { cases, ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    const record = await cases.get(created.caseId);
    expect(record?.accessTokenHash).toBe(sha256(created.accessToken));
    expect(JSON.stringify(record)).not.toContain(created.accessToken);
    expect(cases.dump()).not.toContain(created.accessToken);
  });

  it('also never stores the token derived for an Idempotency-Key', async () => {
    // Arrange
    const { cases, ports } = setup();

    // Act
    const created = await createCase(intake(), 'key-derived-token', ports);

    // Assert
    expect(cases.dump()).not.toContain(created.accessToken);
    expect(cases.dump()).not.toContain('key-derived-token');
  });

  it('starts the workflow named after the case id', async () => {
    // Arrange
    const { workflow, ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    expect(workflow.starts).toEqual([created.caseId]);
  });

  it('takes the case back when its workflow does not start and no Idempotency-Key lets a retry find it', async () => {
    // Arrange
    const { cases, workflow, ports } = setup();
    workflow.start = async () => {
      throw new Error('Step Functions unavailable');
    };

    // Act
    const creating = createCase(intake(), undefined, ports);

    // Assert
    await expect(creating).rejects.toThrow('Step Functions unavailable');
    expect(cases.allCases()).toEqual([]);
  });

  it('keeps the case for the retry when its workflow does not start under an Idempotency-Key', async () => {
    // Arrange
    const { cases, workflow, ports } = setup();
    const start = workflow.start.bind(workflow);
    workflow.start = async () => {
      throw new Error('Step Functions unavailable');
    };
    await expect(createCase(intake(), 'retry-after-start', ports)).rejects.toThrow(
      'Step Functions unavailable',
    );
    workflow.start = start;

    // Act
    const retry = await createCase(intake(), 'retry-after-start', ports);

    // Assert
    expect(cases.allCases().map((c) => c.caseId)).toEqual([retry.caseId]);
    expect(workflow.starts).toEqual([retry.caseId]);
  });

  it('names the case left behind when taking it back fails too', async () => {
    // Arrange
    const { cases, workflow, ports } = setup();
    workflow.start = async () => {
      throw new Error('Step Functions unavailable');
    };
    cases.discard = async () => {
      throw new Error('DynamoDB unavailable');
    };

    // Act
    const error = (await createCase(intake(), undefined, ports).catch(
      (e: unknown) => e,
    )) as CaseLeftBehindError;

    // Assert
    const [stored] = cases.allCases();
    expect(error).toBeInstanceOf(CaseLeftBehindError);
    expect(error.message).toBe(
      `Case ${stored!.caseId} was stored but its workflow did not start, and it could not be taken back`,
    );
    expect(error.errors.map((e) => (e as Error).message)).toEqual([
      'Step Functions unavailable',
      'DynamoDB unavailable',
    ]);
  });

  it('makes a new case, with its own token, for each request without an Idempotency-Key', async () => {
    // Arrange
    const { cases, ports } = setup();

    // Act
    const first = await createCase(intake(), undefined, ports);
    const second = await createCase(intake(), undefined, ports);

    // Assert
    expect(second.caseId).not.toBe(first.caseId);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(cases.allCases()).toHaveLength(2);
  });

  describe('with an Idempotency-Key', () => {
    it('answers a retry with the same body with the same case id and access token, and keeps one case', async () => {
      // Arrange
      const { cases, workflow, ports } = setup();
      const first = await createCase(intake(), 'retry-key-1', ports);

      // Act
      const retry = await createCase(intake(), 'retry-key-1', ports);

      // Assert
      expect(retry).toEqual(first);
      expect(cases.allCases()).toHaveLength(1);
      expect(await cases.timeline(first.caseId)).toHaveLength(1);
      expect([...workflow.executions]).toEqual([first.caseId]);
    });

    it('answers a retry after the signing key rotated (twice) with the same access token', async () => {
      // Arrange
      const { cases, ports } = setup();
      const secrets = ports.secrets as MemorySecrets;
      const first = await createCase(intake(), 'retry-key-rotated', ports);
      secrets.rotate();
      secrets.rotate();
      await secrets.reload();

      // Act
      const retry = await createCase(intake(), 'retry-key-rotated', ports);

      // Assert
      expect(retry).toEqual(first);
      await expect(getCase(first.caseId, retry.accessToken, cases)).resolves.toMatchObject({
        caseId: first.caseId,
      });
    });

    it('lets the replayed token read the case', async () => {
      // Arrange
      const { cases, ports } = setup();
      const first = await createCase(intake(), 'retry-key-2', ports);
      const retry = await createCase(intake(), 'retry-key-2', ports);

      // Act
      const view = await getCase(first.caseId, retry.accessToken, cases);

      // Assert
      expect(view.caseId).toBe(first.caseId);
    });

    it('rejects the same key with a different body with IdempotencyMismatchError (422) and stores nothing new', async () => {
      // Arrange
      const { cases, workflow, ports } = setup();
      const first = await createCase(intake(), 'retry-key-3', ports);
      const changed = intake((draft) => {
        draft.urgency = 'expedited';
      });

      // Act
      const retry = createCase(changed, 'retry-key-3', ports);

      // Assert
      await expect(retry).rejects.toBeInstanceOf(IdempotencyMismatchError);
      await expect(retry).rejects.toMatchObject({ status: 422, name: 'IdempotencyMismatchError' });
      expect(cases.allCases().map((record) => record.caseId)).toEqual([first.caseId]);
      expect(workflow.starts).toEqual([first.caseId]);
    });

    it('treats different keys as different requests', async () => {
      // Arrange
      const { cases, ports } = setup();

      // Act
      const first = await createCase(intake(), 'key-a', ports);
      const second = await createCase(intake(), 'key-b', ports);

      // Assert
      expect(second.caseId).not.toBe(first.caseId);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(cases.allCases()).toHaveLength(2);
    });

    it('still answers with the first case just before the claim expires', async () => {
      // Arrange
      const { clock, cases, ports } = setup();
      const first = await createCase(intake(), 'retry-key-4', ports);
      clock.advance(TTL_SECONDS);

      // Act
      const retry = await createCase(intake(), 'retry-key-4', ports);

      // Assert
      expect(retry.caseId).toBe(first.caseId);
      expect(cases.allCases()).toHaveLength(1);
    });

    it('makes a new case once the claim has expired', async () => {
      // Arrange
      const { clock, cases, workflow, ports } = setup();
      const first = await createCase(intake(), 'retry-key-5', ports);
      clock.advance(TTL_SECONDS + 2);

      // Act
      const later = await createCase(intake(), 'retry-key-5', ports);

      // Assert
      expect(later.caseId).not.toBe(first.caseId);
      expect(cases.allCases()).toHaveLength(2);
      expect(workflow.starts).toEqual([first.caseId, later.caseId]);
    });

    it('accepts a different body under the key once the claim has expired', async () => {
      // Arrange
      const { clock, ports } = setup();
      const first = await createCase(intake(), 'retry-key-6', ports);
      clock.advance(TTL_SECONDS + 2);
      const changed = intake((draft) => {
        draft.urgency = 'expedited';
      });

      // Act
      const later = await createCase(changed, 'retry-key-6', ports);

      // Assert
      expect(later.caseId).not.toBe(first.caseId);
    });
  });
});
