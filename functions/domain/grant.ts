/**
 * Links that can be taken back (issue 20 §4): every link emailed to a patient, physician or insurer is a grant
 * kept on the server (recipient, case, purpose, expiry, revoked?) and checked on every open, so taking it back
 * works from the next request on. The signature still guards the link's id and expiry, as every signed link's.
 */

/** `case`: the status page and the report (patient and physician); `claim`: the FHIR Claim (insurer). */
export const GRANT_PURPOSES = ['case', 'claim'] as const;
export type GrantPurpose = (typeof GRANT_PURPOSES)[number];

export interface Grant {
  grantId: string;
  caseId: string;
  purpose: GrantPurpose;
  /** The address the link was emailed to. */
  recipient: string;
  /** When it was granted (ISO): a case's links taken back at or after this time include it. */
  grantedAt: string;
  /** Epoch seconds, also signed into the link. */
  until: number;
  /** Taken back, this one alone. */
  revoked?: boolean;
}

export type GrantState = 'open' | 'revoked' | 'expired';

/** Whether a grant opens now: not revoked, alone or with every link of its case, and not past its time. */
export function grantState(grant: Grant, linksRevokedAt: string | undefined, nowSeconds: number): GrantState {
  if (grant.revoked || (linksRevokedAt !== undefined && grant.grantedAt <= linksRevokedAt)) return 'revoked';
  return grant.until <= nowSeconds ? 'expired' : 'open';
}
