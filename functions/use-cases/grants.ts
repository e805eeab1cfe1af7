import type { CaseRecord } from '../domain/case.js';
import { grantState, type Grant, type GrantPurpose } from '../domain/grant.js';
import type { CaseReads, Grants, Secrets } from '../domain/ports.js';
import { randomToken } from '../shared/crypto.js';
import { GoneError, LinkTakenBackError, NotFoundError } from '../shared/errors.js';
import type { StatusLink } from '../views/emails/people.js';
import { linkSignature, verifyLinkSignature } from './link-signatures.js';

export interface GrantPorts {
  grants: Grants;
  secrets: Secrets;
  settings: { publicUrl: string; linkGrantSeconds: number };
}

/** Where each purpose's link leads: a `case` grant opens the status page (and, through it, the report). */
const GRANT_PATHS: Record<GrantPurpose, string> = { case: 'status', claim: 'claims' };

/** Grants a new link to one recipient for one case and purpose, and answers it with its expiry. */
export async function grantLink(
  caseId: string,
  purpose: GrantPurpose,
  recipient: string,
  ports: GrantPorts,
  path = GRANT_PATHS[purpose],
): Promise<StatusLink> {
  const now = new Date();
  const grant: Grant = {
    grantId: randomToken(16),
    caseId,
    purpose,
    recipient,
    grantedAt: now.toISOString(),
    until: Math.floor(now.getTime() / 1000) + ports.settings.linkGrantSeconds,
  };
  const [sig] = await Promise.all([
    linkSignature(ports.secrets, grant.grantId, purpose, grant.until),
    ports.grants.put(grant),
  ]);
  return {
    url: `${ports.settings.publicUrl}/${path}/${grant.grantId}?sig=${encodeURIComponent(sig)}`,
    until: grant.until,
  };
}

export interface OpenGrantPorts {
  grants: Grants;
  cases: CaseReads;
  secrets: Secrets;
}

/**
 * What a granted link opens: its grant and its case, checked on every open. 403 a signature that does not
 * match (or a link of another purpose), 410 expired or taken back, 404 unknown.
 */
export async function openGrant(
  grantId: string,
  sig: string | undefined,
  purpose: GrantPurpose,
  ports: OpenGrantPorts,
): Promise<{ grant: Grant; record: CaseRecord }> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  if ((await verifyLinkSignature(ports.secrets, grantId, purpose, sig)).expired)
    throw new GoneError('This link has expired');
  const grant = await ports.grants.get(grantId);
  if (!grant || grant.purpose !== purpose) throw new NotFoundError('This link does not lead anywhere');
  const record = await ports.cases.get(grant.caseId);
  if (!record) throw new NotFoundError('This link does not lead anywhere');
  const state = grantState(grant, record.linksRevokedAt, nowSeconds);
  if (state === 'revoked') throw new LinkTakenBackError();
  if (state === 'expired') throw new GoneError('This link has expired');
  return { grant, record };
}

/**
 * Takes back every link granted for the case so far (status, report, claim): from the next request on they
 * answer 410. For the coordinator's console ("take back this case's links"); links granted later work.
 */
export async function revokeCaseLinks(caseId: string, ports: { grants: Grants }): Promise<void> {
  if (!(await ports.grants.revokeAll(caseId, new Date().toISOString())))
    throw new NotFoundError('No such case');
}
