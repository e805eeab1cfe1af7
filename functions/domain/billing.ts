import type { CallbackDecision } from './decision.js';
import type { CoverageDecision } from './coverage.js';

/**
 * Who pays for the second opinion, once it is known: the insurer (who then gets the claim
 * notice), the patient (who gets a receipt), or nobody Concord can bill (an exception for a payer
 * not in the directory, settled outside Concord).
 */
export type BillingParty = 'insurer' | 'self-pay' | 'none';

export interface Billing {
  party: BillingParty;
  /** Why: covered-by-plan, mandated-by-plan, prior-authorization, self-pay, exception. */
  basis: string;
  priorAuthReference?: string;
}

/** Billing settled by the coverage check alone, if any. */
export function billingFromCoverage(coverage: CoverageDecision): Billing | undefined {
  if (coverage.outcome === 'self-pay') return { party: 'self-pay', basis: 'self-pay' };
  if (coverage.outcome === 'covered') return { party: 'insurer', basis: coverage.reason };
  return undefined;
}

/** Billing settled by a coordinator's approval (undefined when it settles nothing, e.g. reject or chase). */
export function billingFromApproval(
  decision: CallbackDecision,
  coverage: CoverageDecision | undefined,
): Billing | undefined {
  if (decision.decision !== 'approve') return undefined;
  if (decision.basis === 'self-pay') return { party: 'self-pay', basis: 'self-pay' };
  if (decision.basis === 'exception') {
    const payerKnown =
      coverage !== undefined && coverage.reason !== 'unknown-payer' && coverage.payerId !== undefined;
    return { party: payerKnown ? 'insurer' : 'none', basis: 'exception' };
  }
  return undefined;
}

/** Billing settled by the insurer's prior-authorization answer. */
export function billingFromPriorAuthorization(decision: CallbackDecision): Billing | undefined {
  if (decision.decision !== 'approved') return undefined;
  return { party: 'insurer', basis: 'prior-authorization', priorAuthReference: decision.reference };
}
