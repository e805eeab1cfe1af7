import type { CoverageOutcome, CoverageReason } from '../../../functions/domain/coverage.js';
import type { IntakeInput } from '../../../functions/schemas/intake.js';
import { CaseNotFoundError } from '../../../functions/shared/errors.js';
import { checkCoverage } from '../../../functions/use-cases/check-coverage.js';
import { exampleIntake } from '../../support/intake.js';
import { eventCounts, payer, setupStepCase as setup, UNKNOWN_CASE } from '../../support/step-case.js';

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

  it.each<[string, IntakeInput['insurance'], RegExp]>([
    [
      'prior authorization',
      { payerId: 'summit-care', memberId: 'S1' },
      /asked your insurer for that authorization/,
    ],
    ['not covered', { payerId: 'basic-benefit', memberId: 'B1' }, /That does not end your request/],
    ['self-pay', { selfPay: true }, /pay for this second opinion yourself/],
  ])(
    'tells the patient the outcome in words for %s, with a status link granted to them',
    async (_label, insurance, words) => {
      // Arrange
      const { mailer, coveragePorts, caseId } = await setup(insurance);

      // Act
      await checkCoverage(caseId, coveragePorts);

      // Assert
      expect(mailer.sent).toHaveLength(1);
      const [notice] = mailer.sent;
      expect(notice!.to).toEqual([exampleIntake().patient.email]);
      expect(notice!.text).toMatch(words);
      const grantId = /https:\/\/concord\.test\/status\/([A-Za-z0-9_-]+)\?sig=/.exec(notice!.text)?.[1];
      expect(await coveragePorts.grants.get(grantId!)).toMatchObject({
        caseId,
        purpose: 'case',
        recipient: exampleIntake().patient.email,
      });
    },
  );

  it("writes the coverage email in the patient's language", async () => {
    // Arrange
    const { mailer, coveragePorts, caseId } = await setup(undefined, 'es');

    // Act
    await checkCoverage(caseId, coveragePorts);

    // Assert
    expect(mailer.sent[0]!.subject).toMatch(/^Cobertura del seguro/);
    expect(mailer.sent[0]!.text).toContain('Su plan de salud cubre esta segunda opinión.');
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
    expect(await eventCounts(cases, caseId)).toEqual({
      'case-received': 1,
      'case-confirmed': 1,
      'coverage-decided': 1,
    });
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
