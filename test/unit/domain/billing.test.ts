import {
  billingFromApproval,
  billingFromCoverage,
  billingFromPriorAuthorization,
  type Billing,
} from '../../../functions/domain/billing.js';
import type { CallbackDecision } from '../../../functions/domain/decision.js';
import { decideCoverage, type CoverageDecision } from '../../../functions/domain/coverage.js';
import { payer } from '../../support/case-records.js';

const PAYERS = {
  covers: payer('acme-health'),
  mandates: payer('northstar-health', { mandatesSecondOpinion: true, inNetworkOnly: true }),
  mandatesWithoutCoverFlag: payer('mandate-only', {
    coversSecondOpinion: false,
    mandatesSecondOpinion: true,
  }),
  priorAuth: payer('summit-care', { requiresPriorAuth: true }),
  doesNotCover: payer('basic-benefit', { coversSecondOpinion: false }),
};

const member = (payerId: string) => ({ payerId, memberId: 'M-1' });

/** The coverage decisions the workflow can hold, made by the real rules. */
const COVERAGE = {
  covered: decideCoverage(member('acme-health'), PAYERS.covers),
  mandated: decideCoverage(member('northstar-health'), PAYERS.mandates),
  mandatedOnly: decideCoverage(member('mandate-only'), PAYERS.mandatesWithoutCoverFlag),
  priorAuth: decideCoverage(member('summit-care'), PAYERS.priorAuth),
  notCovered: decideCoverage(member('basic-benefit'), PAYERS.doesNotCover),
  unknownPayer: decideCoverage(member('nobody-health'), undefined),
  selfPay: decideCoverage({ selfPay: true }, undefined),
} satisfies Record<string, CoverageDecision>;

function decision(fields: Pick<CallbackDecision, 'decision'> & Partial<CallbackDecision>): CallbackDecision {
  return { decidedBy: 'someone@example.org', decidedAt: '2026-11-20T10:00:00.000Z', ...fields };
}

describe('billingFromCoverage', () => {
  it.each<[string, CoverageDecision, Billing | undefined]>([
    ['self-pay: the patient pays', COVERAGE.selfPay, { party: 'self-pay', basis: 'self-pay' }],
    ['covered: the insurer pays', COVERAGE.covered, { party: 'insurer', basis: 'covered-by-plan' }],
    ['mandated: the insurer pays', COVERAGE.mandated, { party: 'insurer', basis: 'mandated-by-plan' }],
    [
      'mandated though not flagged as covering: the insurer pays',
      COVERAGE.mandatedOnly,
      { party: 'insurer', basis: 'mandated-by-plan' },
    ],
    ['prior auth required: not settled until the insurer answers', COVERAGE.priorAuth, undefined],
    ['not covered: not settled until a coordinator decides', COVERAGE.notCovered, undefined],
    ['unknown payer: not settled until a coordinator decides', COVERAGE.unknownPayer, undefined],
  ])('%s', (_name, coverage, expected) => {
    expect(billingFromCoverage(coverage)).toEqual(expected);
  });

  it('sanity: the coverage table holds the outcomes it claims to', () => {
    expect(Object.fromEntries(Object.entries(COVERAGE).map(([key, value]) => [key, value.outcome]))).toEqual({
      covered: 'covered',
      mandated: 'covered',
      mandatedOnly: 'covered',
      priorAuth: 'prior-auth-required',
      notCovered: 'not-covered',
      unknownPayer: 'not-covered',
      selfPay: 'self-pay',
    });
  });
});

describe('billingFromApproval', () => {
  it.each<[string, CallbackDecision, CoverageDecision | undefined, Billing | undefined]>([
    // Coverage approval (not covered, known payer)
    [
      'approve self-pay, known payer',
      decision({ decision: 'approve', basis: 'self-pay' }),
      COVERAGE.notCovered,
      { party: 'self-pay', basis: 'self-pay' },
    ],
    [
      'approve exception, known payer: the insurer gets the claim',
      decision({ decision: 'approve', basis: 'exception' }),
      COVERAGE.notCovered,
      { party: 'insurer', basis: 'exception' },
    ],
    // Coverage approval (unknown payer)
    [
      'approve self-pay, unknown payer',
      decision({ decision: 'approve', basis: 'self-pay' }),
      COVERAGE.unknownPayer,
      { party: 'self-pay', basis: 'self-pay' },
    ],
    [
      'approve exception, unknown payer: billed outside Concord',
      decision({ decision: 'approve', basis: 'exception' }),
      COVERAGE.unknownPayer,
      { party: 'none', basis: 'exception' },
    ],
    [
      'approve exception, coverage never decided: billed outside Concord',
      decision({ decision: 'approve', basis: 'exception' }),
      undefined,
      { party: 'none', basis: 'exception' },
    ],
    [
      'approve exception on a self-pay intake: no payer, billed outside Concord',
      decision({ decision: 'approve', basis: 'exception' }),
      COVERAGE.selfPay,
      { party: 'none', basis: 'exception' },
    ],
    // Prior authorization denied / overdue
    [
      'prior auth denied, approve self-pay',
      decision({ decision: 'approve', basis: 'self-pay' }),
      COVERAGE.priorAuth,
      { party: 'self-pay', basis: 'self-pay' },
    ],
    [
      'prior auth overdue, approve exception: the insurer gets the claim',
      decision({ decision: 'approve', basis: 'exception' }),
      COVERAGE.priorAuth,
      { party: 'insurer', basis: 'exception' },
    ],
    [
      'prior auth overdue, approve chase: nothing settled yet',
      decision({ decision: 'approve', basis: 'chase' }),
      COVERAGE.priorAuth,
      undefined,
    ],
    // Settles nothing
    ['reject', decision({ decision: 'reject' }), COVERAGE.notCovered, undefined],
    [
      'reject, even with a basis given',
      decision({ decision: 'reject', basis: 'self-pay' }),
      COVERAGE.notCovered,
      undefined,
    ],
    ['approve with no basis', decision({ decision: 'approve' }), COVERAGE.notCovered, undefined],
    [
      'an insurer answer is not an approval',
      decision({ decision: 'approved', reference: 'PA-1' }),
      COVERAGE.priorAuth,
      undefined,
    ],
  ])('%s', (_name, answer, coverage, expected) => {
    expect(billingFromApproval(answer, coverage)).toEqual(expected);
  });
});

describe('billingFromPriorAuthorization', () => {
  it.each<[string, CallbackDecision, Billing | undefined]>([
    [
      'approved: the insurer pays, with its reference',
      decision({ decision: 'approved', reference: 'PA-1' }),
      { party: 'insurer', basis: 'prior-authorization', priorAuthReference: 'PA-1' },
    ],
    [
      'approved with a comment: the reference is kept as given',
      decision({ decision: 'approved', reference: 'SUM/2026.0042-x', comment: 'ok' }),
      { party: 'insurer', basis: 'prior-authorization', priorAuthReference: 'SUM/2026.0042-x' },
    ],
    ['denied: nothing settled', decision({ decision: 'denied', reference: 'PA-DENY-9' }), undefined],
    ['a coordinator approval is not an insurer answer', decision({ decision: 'approve' }), undefined],
  ])('%s', (_name, answer, expected) => {
    expect(billingFromPriorAuthorization(answer)).toEqual(expected);
  });
});
