import {
  decideCoverage,
  describeCoverage,
  type CoverageDecision,
  type CoverageOutcome,
  type CoverageReason,
} from '../../../functions/domain/coverage.js';
import type { Insurance } from '../../../functions/schemas/intake.js';
import type { Payer } from '../../../functions/schemas/directory.js';

const PAYER_ID = 'test-plan';

function payer(
  rules: Pick<Payer, 'coversSecondOpinion' | 'requiresPriorAuth' | 'mandatesSecondOpinion' | 'inNetworkOnly'>,
): Payer {
  return {
    payerId: PAYER_ID,
    name: 'Test Plan',
    ...rules,
    claimsEmail: 'claims@test-plan.example',
    priorAuthEmail: 'pa@test-plan.example',
  };
}

const member: Insurance = { payerId: PAYER_ID, memberId: 'M123456' };

const T = true;
const F = false;

describe('decideCoverage', () => {
  // Every combination of the four payer rules, with the expected decision written out by hand.
  // covers, priorAuth, mandates, inNetworkOnly → outcome, reason, inforce, authorizationRequired, mandated, inNetworkOnly
  it.each<
    [boolean, boolean, boolean, boolean, CoverageOutcome, CoverageReason, boolean, boolean, boolean, boolean]
  >([
    [F, F, F, F, 'not-covered', 'not-covered-by-plan', F, F, F, F],
    [F, F, F, T, 'not-covered', 'not-covered-by-plan', F, F, F, T],
    [F, F, T, F, 'covered', 'mandated-by-plan', T, F, T, F],
    [F, F, T, T, 'covered', 'mandated-by-plan', T, F, T, T],
    [F, T, F, F, 'not-covered', 'not-covered-by-plan', F, F, F, F],
    [F, T, F, T, 'not-covered', 'not-covered-by-plan', F, F, F, T],
    [F, T, T, F, 'prior-auth-required', 'prior-authorization-required', T, T, T, F],
    [F, T, T, T, 'prior-auth-required', 'prior-authorization-required', T, T, T, T],
    [T, F, F, F, 'covered', 'covered-by-plan', T, F, F, F],
    [T, F, F, T, 'covered', 'covered-by-plan', T, F, F, T],
    [T, F, T, F, 'covered', 'mandated-by-plan', T, F, T, F],
    [T, F, T, T, 'covered', 'mandated-by-plan', T, F, T, T],
    [T, T, F, F, 'prior-auth-required', 'prior-authorization-required', T, T, F, F],
    [T, T, F, T, 'prior-auth-required', 'prior-authorization-required', T, T, F, T],
    [T, T, T, F, 'prior-auth-required', 'prior-authorization-required', T, T, T, F],
    [T, T, T, T, 'prior-auth-required', 'prior-authorization-required', T, T, T, T],
  ])(
    'covers=%s priorAuth=%s mandates=%s inNetworkOnly=%s → %s (%s)',
    (
      coversSecondOpinion,
      requiresPriorAuth,
      mandatesSecondOpinion,
      inNetworkOnlyRule,
      outcome,
      reason,
      inforce,
      authorizationRequired,
      mandated,
      inNetworkOnly,
    ) => {
      // Arrange
      const plan = payer({
        coversSecondOpinion,
        requiresPriorAuth,
        mandatesSecondOpinion,
        inNetworkOnly: inNetworkOnlyRule,
      });

      // Act
      const decision = decideCoverage(member, plan);

      // Assert
      expect(decision).toEqual<CoverageDecision>({
        outcome,
        reason,
        payerId: PAYER_ID,
        inforce,
        authorizationRequired,
        mandated,
        inNetworkOnly,
      });
    },
  );

  it('treats a self-paying patient as self-pay without any payer terms', () => {
    // Act
    const decision = decideCoverage({ selfPay: true }, undefined);

    // Assert
    expect(decision).toEqual<CoverageDecision>({
      outcome: 'self-pay',
      reason: 'self-pay',
      inforce: false,
      authorizationRequired: false,
      mandated: false,
      inNetworkOnly: false,
    });
  });

  it('ignores any payer passed alongside self-pay insurance', () => {
    // Arrange
    const strictPlan = payer({
      coversSecondOpinion: true,
      requiresPriorAuth: true,
      mandatesSecondOpinion: true,
      inNetworkOnly: true,
    });

    // Act
    const decision = decideCoverage({ selfPay: true }, strictPlan);

    // Assert
    expect(decision).toEqual<CoverageDecision>({
      outcome: 'self-pay',
      reason: 'self-pay',
      inforce: false,
      authorizationRequired: false,
      mandated: false,
      inNetworkOnly: false,
    });
  });

  it('does not cover a payer missing from the directory, and names it', () => {
    // Arrange
    const insurance: Insurance = { payerId: 'ghost-plan', memberId: 'G1', groupNumber: 'GRP-9' };

    // Act
    const decision = decideCoverage(insurance, undefined);

    // Assert
    expect(decision).toEqual<CoverageDecision>({
      outcome: 'not-covered',
      reason: 'unknown-payer',
      payerId: 'ghost-plan',
      inforce: false,
      authorizationRequired: false,
      mandated: false,
      inNetworkOnly: false,
    });
  });
});

describe('describeCoverage', () => {
  // The object literal makes the compiler insist on every reason.
  const reasons = Object.keys({
    'self-pay': true,
    'covered-by-plan': true,
    'mandated-by-plan': true,
    'prior-authorization-required': true,
    'unknown-payer': true,
    'not-covered-by-plan': true,
  } satisfies Record<CoverageReason, true>) as CoverageReason[];

  const decisionWith = (reason: CoverageReason): CoverageDecision => ({
    outcome: 'not-covered',
    reason,
    inforce: false,
    authorizationRequired: false,
    mandated: false,
    inNetworkOnly: false,
  });

  it.each(reasons)('gives a non-empty text for %s', (reason) => {
    // Act
    const text = describeCoverage(decisionWith(reason));

    // Assert
    expect(typeof text).toBe('string');
    expect(text.trim().length).toBeGreaterThan(0);
  });

  it('gives a different text for each reason', () => {
    // Act
    const texts = reasons.map((reason) => describeCoverage(decisionWith(reason)));

    // Assert
    expect(new Set(texts).size).toBe(reasons.length);
  });

  it('describes a real decision', () => {
    // Arrange
    const decision = decideCoverage(
      member,
      payer({
        coversSecondOpinion: true,
        requiresPriorAuth: true,
        mandatesSecondOpinion: false,
        inNetworkOnly: false,
      }),
    );

    // Act
    const text = describeCoverage(decision);

    // Assert
    expect(text).toMatch(/prior authorization/i);
  });
});
