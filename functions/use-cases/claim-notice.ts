import { buildClaim } from '../domain/claim.js';
import type { CaseStore, Directory, Outbox } from '../domain/ports.js';
import { claimNoticeEmail } from '../views/emails/insurer.js';
import { selfPayReceiptEmail } from '../views/emails/patient.js';
import { requireCase } from './require-case.js';

/**
 * SendClaimNotice: once the opinions are delivered, the insurer gets exactly one claim notice with
 * the FHIR Claim attached (the email body holds no PHI); a self-pay patient gets a receipt instead.
 */
export async function sendClaimNotice(
  caseId: string,
  ports: { cases: CaseStore; directory: Directory; outbox: Outbox; providerName: string },
): Promise<{ sent: 'claim-notice' | 'receipt' | 'none' }> {
  const record = await requireCase(ports.cases, caseId);
  const billing = record.billing;
  const insurance = record.intake.insurance;
  if (billing?.party === 'insurer' && 'payerId' in insurance) {
    const notice = ports.outbox.message(caseId, 'claim-notice');
    const payer = await ports.directory.getPayer(insurance.payerId);
    if (!payer) throw new Error(`Payer ${insurance.payerId} of case ${caseId} is not in the directory`);
    const claim = buildClaim(record, payer, { name: ports.providerName }, new Date().toISOString());
    await ports.cases.recordStep(
      caseId,
      'claim-notice',
      { status: 'notifying-insurer' },
      { type: 'claim-notice-sent', detail: `to ${payer.payerId} (${billing.basis})`, actor: 'concord' },
      record,
    );
    await notice.send(claimNoticeEmail(payer.claimsEmail, caseId, claim));
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
    await receipt.send(selfPayReceiptEmail(record.intake.patient.email, caseId));
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
