import type { Insurance } from '../schemas/intake.js';
import type { Payer } from '../schemas/directory.js';

/**
 * What Concord decided about paying for the second opinion. The names follow FHIR R4
 * CoverageEligibilityResponse where they fit: `inforce` (the plan covers the service) and
 * `authorizationRequired` (insurance.item.authorizationRequired).
 */
export type CoverageOutcome = 'covered' | 'prior-auth-required' | 'not-covered' | 'self-pay';
export type CoverageReason =
  | 'self-pay'
  | 'covered-by-plan'
  | 'mandated-by-plan'
  | 'prior-authorization-required'
  | 'unknown-payer'
  | 'not-covered-by-plan';

export interface CoverageDecision {
  outcome: CoverageOutcome;
  reason: CoverageReason;
  payerId?: string;
  inforce: boolean;
  authorizationRequired: boolean;
  /** The plan requires a second opinion before treatment. */
  mandated: boolean;
  /** Only specialists in the payer's network may be matched. */
  inNetworkOnly: boolean;
}

const REASON_TEXT: Record<CoverageReason, string> = {
  'self-pay': 'The patient pays for the second opinion themselves',
  'covered-by-plan': 'The plan covers second opinions',
  'mandated-by-plan': 'The plan requires a second opinion before treatment and covers it',
  'prior-authorization-required': 'The plan covers second opinions after prior authorization',
  'unknown-payer': 'The payer is not in the directory',
  'not-covered-by-plan': 'The plan does not cover second opinions',
};

export function describeCoverage(decision: CoverageDecision): string {
  return REASON_TEXT[decision.reason];
}

/** Applies the payer's rules from the directory to the intake's insurance. */
export function decideCoverage(insurance: Insurance, payer: Payer | undefined): CoverageDecision {
  const none = { inforce: false, authorizationRequired: false, mandated: false, inNetworkOnly: false };
  if ('selfPay' in insurance) return { ...none, outcome: 'self-pay', reason: 'self-pay' };
  if (!payer) return { ...none, outcome: 'not-covered', reason: 'unknown-payer', payerId: insurance.payerId };

  const mandated = payer.mandatesSecondOpinion;
  const terms = { payerId: payer.payerId, mandated, inNetworkOnly: payer.inNetworkOnly };
  // A plan that mandates a second opinion necessarily pays for it.
  if (!payer.coversSecondOpinion && !mandated) {
    return { ...none, ...terms, outcome: 'not-covered', reason: 'not-covered-by-plan' };
  }
  if (payer.requiresPriorAuth) {
    return {
      ...terms,
      inforce: true,
      authorizationRequired: true,
      outcome: 'prior-auth-required',
      reason: 'prior-authorization-required',
    };
  }
  return {
    ...terms,
    inforce: true,
    authorizationRequired: false,
    outcome: 'covered',
    reason: mandated ? 'mandated-by-plan' : 'covered-by-plan',
  };
}
