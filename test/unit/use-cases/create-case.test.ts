import { IntakeSchema, type Intake } from '../../../functions/schemas/intake.js';
import { sha256 } from '../../../functions/shared/crypto.js';
import {
  CaseLeftBehindError,
  IdempotencyMismatchError,
  TooManyRequestsError,
} from '../../../functions/shared/errors.js';
import { createCase, type CreateCasePorts } from '../../../functions/use-cases/create-case.js';
import { getCase } from '../../../functions/use-cases/get-case.js';
import {
  MemorySecrets,
  ManualClock,
  MemoryCaseStore,
  MemoryMailer,
  MemoryOutbox,
  MemoryQuotas,
} from '../../support/fakes/memory-ports.js';
import { exampleIntake } from '../../support/intake.js';
import { TEST_SETTINGS } from '../../support/new-case.js';

const TTL_SECONDS = 24 * 60 * 60;
const CONFIRMATION = /https:\/\/concord\.test\/confirmations\/([0-9a-f-]{36})\?sig=\S+/;

function setup(intakesPerAddress = 1000) {
  const clock = new ManualClock();
  const cases = new MemoryCaseStore(clock);
  const mailer = new MemoryMailer();
  const quotas = new MemoryQuotas();
  const ports: CreateCasePorts = {
    cases,
    outbox: new MemoryOutbox(mailer),
    quotas,
    secrets: new MemorySecrets(),
    settings: { ...TEST_SETTINGS, idempotencyTtlSeconds: TTL_SECONDS, intakesPerAddress },
  };
  /** The cases whose confirmation went out, in order. */
  const confirmations = () => mailer.sent.map((email) => CONFIRMATION.exec(email.text)?.[1]);
  return { clock, cases, mailer, quotas, confirmations, ports };
}

const failing = (mailer: MemoryMailer) => {
  mailer.send = async () => {
    throw new Error('SES unavailable');
  };
};

function intake(change: (draft: ReturnType<typeof exampleIntake>) => void = () => undefined): Intake {
  const draft = exampleIntake();
  change(draft);
  return IntakeSchema.parse(draft);
}

describe('createCase', () => {
  it('stores the case as awaiting-confirmation, with one opinion and the cancer type derived from the ICD-10 code', async () => {
    // Arrange
    const { cases, ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    const record = await cases.get(created.caseId);
    expect(record).toMatchObject({
      caseId: created.caseId,
      status: 'awaiting-confirmation',
      confirmBy: Math.floor(Date.parse(record!.createdAt) / 1000) + TEST_SETTINGS.confirmationSeconds,
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

  it('answers awaiting-confirmation with the case link and an access token', async () => {
    // Arrange
    const { ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    expect(created).toEqual({
      caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'awaiting-confirmation',
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

  it('emails one confirmation link, to the patient who submits, and no one else', async () => {
    // Arrange
    const { mailer, confirmations, ports } = setup();

    // Act
    const created = await createCase(intake(), undefined, ports);

    // Assert
    expect(mailer.sent.map((email) => email.to)).toEqual([['ana@example.org']]);
    expect(confirmations()).toEqual([created.caseId]);
  });

  it("emails the confirmation to the physician when the physician submits, in the patient's language", async () => {
    // Arrange
    const { mailer, ports } = setup();
    const byPhysician = intake((draft) => {
      draft.submittedBy = 'physician';
      draft.patient.preferredLanguage = 'es';
    });

    // Act
    await createCase(byPhysician, undefined, ports);

    // Assert
    expect(mailer.sent.map((email) => email.to)).toEqual([[byPhysician.referringPhysician!.email]]);
    expect(mailer.sent[0]!.subject).toMatch(/^Confirme su solicitud/);
  });

  it('refuses the intake over the per-address cap with 429, naming no address and sending nothing', async () => {
    // Arrange
    const { cases, mailer, ports } = setup(2);
    await createCase(intake(), undefined, ports);
    await createCase(intake(), undefined, ports);

    // Act
    const refused = (await createCase(intake(), undefined, ports).catch((e: unknown) => e)) as Error;

    // Assert
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused).toMatchObject({ status: 429 });
    expect(refused.message).not.toContain('ana@example.org');
    expect(cases.allCases()).toHaveLength(2);
    expect(mailer.sent).toHaveLength(2);
  });

  it('counts an Idempotency-Key retry once, and lets a refused key be tried again afresh', async () => {
    // Arrange
    const { cases, ports } = setup(1);
    const first = await createCase(intake(), 'cap-key-1', ports);
    await createCase(intake(), 'cap-key-1', ports);

    // Act
    const refused = await createCase(intake(), 'cap-key-2', ports).catch((e: unknown) => e);
    const stillRefused = await createCase(intake(), 'cap-key-2', ports).catch((e: unknown) => e);

    // Assert
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(stillRefused).toBeInstanceOf(TooManyRequestsError);
    expect(cases.allCases().map((c) => c.caseId)).toEqual([first.caseId]);
  });

  it('takes the case back when its confirmation does not go and no Idempotency-Key lets a retry find it', async () => {
    // Arrange
    const { cases, mailer, ports } = setup();
    failing(mailer);

    // Act
    const creating = createCase(intake(), undefined, ports);

    // Assert
    await expect(creating).rejects.toThrow('SES unavailable');
    expect(cases.allCases()).toEqual([]);
  });

  it('keeps the case for the retry when its confirmation does not go under an Idempotency-Key', async () => {
    // Arrange
    const { cases, mailer, confirmations, ports } = setup();
    const send = mailer.send.bind(mailer);
    failing(mailer);
    await expect(createCase(intake(), 'retry-after-send', ports)).rejects.toThrow('SES unavailable');
    mailer.send = send;

    // Act
    const retry = await createCase(intake(), 'retry-after-send', ports);

    // Assert
    expect(cases.allCases().map((c) => c.caseId)).toEqual([retry.caseId]);
    expect(confirmations()).toEqual([retry.caseId]);
  });

  it('names the case left behind when taking it back fails too', async () => {
    // Arrange
    const { cases, mailer, ports } = setup();
    failing(mailer);
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
      `Case ${stored!.caseId} was stored but its confirmation email did not go, and it could not be taken back`,
    );
    expect(error.errors.map((e) => (e as Error).message)).toEqual([
      'SES unavailable',
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
      const { cases, confirmations, ports } = setup();
      const first = await createCase(intake(), 'retry-key-1', ports);

      // Act
      const retry = await createCase(intake(), 'retry-key-1', ports);

      // Assert
      expect(retry).toEqual(first);
      expect(cases.allCases()).toHaveLength(1);
      expect(await cases.timeline(first.caseId)).toHaveLength(1);
      expect(confirmations()).toEqual([first.caseId]);
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
      const { cases, confirmations, ports } = setup();
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
      expect(confirmations()).toEqual([first.caseId]);
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
      const { clock, cases, confirmations, ports } = setup();
      const first = await createCase(intake(), 'retry-key-5', ports);
      clock.advance(TTL_SECONDS + 2);

      // Act
      const later = await createCase(intake(), 'retry-key-5', ports);

      // Assert
      expect(later.caseId).not.toBe(first.caseId);
      expect(cases.allCases()).toHaveLength(2);
      expect(confirmations()).toEqual([first.caseId, later.caseId]);
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
