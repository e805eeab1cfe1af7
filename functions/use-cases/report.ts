import { localeOf } from '../views/i18n/locale.js';
import type { CaseRecord } from '../domain/case.js';
import type { AssignmentStore, CaseStore, Outbox } from '../domain/ports.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { reportReadyEmail } from '../views/emails/patient.js';
import type { ReportData } from '../views/report-data.js';
import { allOpinions } from './opinions.js';
import { grantLink, openGrant, type GrantPorts, type OpenGrantPorts } from './grants.js';
import { requireCase } from './require-case.js';

/** Where a report link leads (its grant is the patient's or physician's `case` grant). */
export const REPORT_LINK_PATH = 'reports';

export interface ReportPorts extends OpenGrantPorts {
  assignments: AssignmentStore;
}

/**
 * Everything the report shows, from the case and its opinions, graded as CompareOpinions graded them (the
 * report comes after it): the report reads the grade and the majority and does not grade again.
 */
export async function reportData(record: CaseRecord, assignments: AssignmentStore): Promise<ReportData> {
  if (!record.discordance)
    throw new ConflictError(`The opinions of case ${record.caseId} are not compared yet`);
  const opinions = await allOpinions(record, assignments);
  return {
    caseId: record.caseId,
    locale: localeOf(record.intake.patient.preferredLanguage),
    generatedAt: record.steps.report ?? new Date().toISOString(),
    cancerType: record.cancerType,
    patientName: `${record.intake.patient.firstName} ${record.intake.patient.lastName}`,
    questions: record.intake.questions,
    opinions,
    grading: record.discordance,
    ...(record.consensus ? { consensus: record.consensus } : {}),
    tumorBoard: record.tumorBoard ?? false,
  };
}

/**
 * DeliverReport: the report is ready; the patient and the referring physician each get one email
 * with a signed link. The email names no diagnosis and no result.
 */
export async function deliverReport(
  caseId: string,
  ports: GrantPorts & { cases: CaseStore; outbox: Outbox },
): Promise<void> {
  const record = await requireCase(ports.cases, caseId);
  const recipients = [
    {
      key: 'report-ready:patient',
      address: record.intake.patient.email,
      locale: localeOf(record.intake.patient.preferredLanguage),
    },
    // A physician reads English.
    ...(record.intake.referringPhysician
      ? [
          {
            key: 'report-ready:physician',
            address: record.intake.referringPhysician.email,
            locale: 'en' as const,
          },
        ]
      : []),
  ];
  // The link opens only once the step is recorded, so the emails wait for it; what was sent already is
  // looked up meanwhile.
  const messages = recipients.map(({ key, address, locale }) => ({
    address,
    locale,
    notice: ports.outbox.message(caseId, key),
  }));
  await ports.cases.recordStep(caseId, 'report', {}, { type: 'report-ready', actor: 'concord' }, record);
  // Two recipients, two independent messages, each with a link granted to its reader: sent together. A
  // replay grants no link for a message already sent.
  await Promise.all(
    messages.map(async ({ address, locale, notice }) => {
      if (await notice.wasSent()) return;
      const link = await grantLink(caseId, 'case', address, ports, REPORT_LINK_PATH);
      await notice.send(reportReadyEmail(address, caseId, link.url, locale));
    }),
  );
}

/**
 * The case a report link opens: a link granted to the patient or physician (the status page's grant opens the
 * report too). 403 bad signature, 410 expired or taken back, 404 unknown or no report yet.
 */
export async function openReport(
  grantId: string,
  sig: string | undefined,
  ports: ReportPorts,
): Promise<ReportData> {
  const { record } = await openGrant(grantId, sig, 'case', ports);
  if (!record.steps.report) throw new NotFoundError('This link does not lead anywhere');
  return reportData(record, ports.assignments);
}
