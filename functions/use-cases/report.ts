import type { CaseRecord } from '../domain/case.js';
import type { AssignmentStore, CaseStore, Outbox, Secrets } from '../domain/ports.js';
import { checkLink, signLink } from '../domain/signed-link.js';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../shared/errors.js';
import { reportReadyEmail } from '../views/emails/patient.js';
import type { ReportData } from '../views/report-data.js';
import { allOpinions } from './opinions.js';
import { requireCase } from './require-case.js';

/** The signed link's purpose: a report link opens nothing else. */
export const REPORT_LINK_PATH = 'reports';

export interface ReportPorts {
  cases: CaseStore;
  assignments: AssignmentStore;
  secrets: Secrets;
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

export async function reportLink(
  caseId: string,
  ports: { secrets: Secrets; publicUrl: string; reportLinkSeconds: number },
): Promise<string> {
  const expiresAt = Math.floor(Date.now() / 1000) + ports.reportLinkSeconds;
  const sig = signLink(await ports.secrets.signingKey(), caseId, REPORT_LINK_PATH, expiresAt);
  return `${ports.publicUrl}/${REPORT_LINK_PATH}/${caseId}?sig=${sig}`;
}

/**
 * DeliverReport: the report is ready; the patient and the referring physician each get one email
 * with a signed link. The email names no diagnosis and no result.
 */
export async function deliverReport(
  caseId: string,
  ports: { cases: CaseStore; outbox: Outbox; secrets: Secrets; publicUrl: string; reportLinkSeconds: number },
): Promise<void> {
  const record = await requireCase(ports.cases, caseId);
  const recipients = [
    { key: 'report-ready:patient', address: record.intake.patient.email },
    ...(record.intake.referringPhysician
      ? [{ key: 'report-ready:physician', address: record.intake.referringPhysician.email }]
      : []),
  ];
  // The link opens only once the step is recorded, so the emails wait for it; what was sent already is
  // looked up meanwhile.
  const messages = recipients.map(({ key, address }) => ({
    address,
    notice: ports.outbox.message(caseId, key),
  }));
  const [, link] = await Promise.all([
    ports.cases.recordStep(caseId, 'report', {}, { type: 'report-ready', actor: 'concord' }, record),
    reportLink(caseId, ports),
  ]);
  // Two recipients, two independent messages: sent together.
  await Promise.all(
    messages.map(({ address, notice }) => notice.send(reportReadyEmail(address, caseId, link))),
  );
}

/** The case a report link opens: 403 bad signature, 410 expired, 404 unknown. */
export async function openReport(
  caseId: string,
  sig: string | undefined,
  ports: ReportPorts,
): Promise<ReportData> {
  const check = checkLink(
    await ports.secrets.signingKey(),
    caseId,
    REPORT_LINK_PATH,
    sig,
    Math.floor(Date.now() / 1000),
  );
  if (check === 'bad-signature')
    throw new ForbiddenError('This link is not valid: its signature does not match');
  if (check === 'expired') throw new GoneError('This link has expired');
  const record = await ports.cases.get(caseId);
  if (!record || !record.steps.report) throw new NotFoundError('This link does not lead anywhere');
  return reportData(record, ports.assignments);
}
