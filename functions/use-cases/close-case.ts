import { localeOf } from '../views/i18n/locale.js';
import type { CaseStore, Outbox } from '../domain/ports.js';
import { caseClosedEmail } from '../views/emails/patient.js';
import { requireCase } from './require-case.js';

/** CloseCase: the case ends without an opinion; the patient is told, with no PHI in the email. */
export async function closeCase(
  caseId: string,
  reason: string,
  ports: { cases: CaseStore; outbox: Outbox },
): Promise<void> {
  const notice = ports.outbox.message(caseId, 'case-closed');
  const record = await requireCase(ports.cases, caseId);
  await ports.cases.recordStep(
    caseId,
    'close',
    { status: 'closed' },
    { type: 'case-closed', detail: reason, actor: 'concord' },
    record,
  );
  await notice.send(
    caseClosedEmail(record.intake.patient.email, caseId, localeOf(record.intake.patient.preferredLanguage)),
  );
}
