import { localeOf } from '../views/i18n/locale.js';
import { buildClaim } from '../domain/claim.js';
import type { CaseStore, Directory, Outbox } from '../domain/ports.js';
import { claimNoticeEmail } from '../views/emails/insurer.js';
import { selfPayReceiptEmail } from '../views/emails/patient.js';
import { grantLink, openGrant, type GrantPorts, type OpenGrantPorts } from './grants.js';
import { NotFoundError } from '../shared/errors.js';
import { requireCase } from './require-case.js';

/** Who provides the service, as the Claim names it. */
export const PROVIDER = { name: 'Concord Second Opinion Service' };

/**
 * SendClaimNotice: once the opinions are delivered, the insurer gets exactly one claim notice with a link
 * granted to its claims address, behind which the FHIR Claim waits (the email holds no PHI); a self-pay
 * patient gets a receipt instead.
 */
export async function sendClaimNotice(
  caseId: string,
  ports: GrantPorts & { cases: CaseStore; directory: Directory; outbox: Outbox },
): Promise<{ sent: 'claim-notice' | 'receipt' | 'none' }> {
  const record = await requireCase(ports.cases, caseId);
  const billing = record.billing;
  const insurance = record.intake.insurance;
  if (billing?.party === 'insurer' && 'payerId' in insurance) {
    const notice = ports.outbox.message(caseId, 'claim-notice');
    const payer = await ports.directory.getPayer(insurance.payerId);
    if (!payer) throw new Error(`Payer ${insurance.payerId} of case ${caseId} is not in the directory`);
    await ports.cases.recordStep(
      caseId,
      'claim-notice',
      { status: 'notifying-insurer' },
      { type: 'claim-notice-sent', detail: `to ${payer.payerId} (${billing.basis})`, actor: 'concord' },
      record,
    );
    // A replay grants no link for a notice already sent.
    if (!(await notice.wasSent())) {
      const link = await grantLink(caseId, 'claim', payer.claimsEmail, ports);
      await notice.send(claimNoticeEmail(payer.claimsEmail, caseId, link.url));
    }
    return { sent: 'claim-notice' };
  }
  if (billing?.party === 'self-pay') {
    const receipt = ports.outbox.message(caseId, 'self-pay-receipt');
    await ports.cases.recordStep(
      caseId,
      'claim-notice',
      {},
      { type: 'receipt-sent', detail: 'self-pay', actor: 'concord' },
      record,
    );
    await receipt.send(
      selfPayReceiptEmail(
        record.intake.patient.email,
        caseId,
        localeOf(record.intake.patient.preferredLanguage),
      ),
    );
    return { sent: 'receipt' };
  }
  await ports.cases.recordStep(
    caseId,
    'claim-notice',
    {},
    {
      type: 'no-claim-notice',
      detail: billing ? `billed outside Concord (${billing.basis})` : 'billing not settled',
      actor: 'concord',
    },
    record,
  );
  return { sent: 'none' };
}

/**
 * `GET /claims/{id}?sig=…`: the FHIR Claim of the case, for the insurer the link was granted to; changes
 * nothing. Built as the case stands, dated when the notice was sent.
 */
export async function openClaim(
  grantId: string,
  sig: string | undefined,
  ports: OpenGrantPorts & { directory: Directory },
): Promise<unknown> {
  const { record } = await openGrant(grantId, sig, 'claim', ports);
  const insurance = record.intake.insurance;
  const sentAt = record.steps['claim-notice'];
  if (!('payerId' in insurance) || !sentAt) throw new NotFoundError('This link does not lead anywhere');
  const payer = await ports.directory.getPayer(insurance.payerId);
  if (!payer) throw new NotFoundError('This link does not lead anywhere');
  return buildClaim(record, payer, PROVIDER, sentAt);
}
