import { type Assignment, holdId } from '../domain/assignment.js';
import type { Opinion } from '../domain/opinion.js';
import type { MedicalRecord } from '../domain/records.js';
import type { CasePacket } from '../views/assignment-page.js';
import type { CapacityLedger, RecordFiles } from '../domain/ports.js';
import { AlreadyDecidedError, ConflictError, NotFoundError } from '../shared/errors.js';
import { email } from '../views/emails.js';
import {
  decideCallback,
  type CallbackPorts,
  type CallbackPresenter,
  type CallbackRef,
  type OpenedCallback,
} from './callbacks.js';

type Opened = OpenedCallback;

export async function assignmentOf(
  ports: Pick<CallbackPorts, 'assignments'>,
  caseId: string,
  attempt: number,
) {
  const assignment = await ports.assignments.get(caseId, attempt);
  if (!assignment) throw new NotFoundError(`Case ${caseId} has no assignment ${attempt}`);
  return assignment;
}

async function specialistOf(ports: Pick<CallbackPorts, 'directory'>, assignment: Assignment) {
  const specialist = await ports.directory.getSpecialist(assignment.specialistId);
  if (!specialist) throw new NotFoundError(`Specialist ${assignment.specialistId} is not in the directory`);
  return specialist;
}

/** The specialist's request: a `New case` email with the signed link; names no patient and no diagnosis. */
export const assignmentPresenter: CallbackPresenter = {
  async recipient(_record, ports, ref: CallbackRef) {
    return (await specialistOf(ports, await assignmentOf(ports, ref.caseId, ref.round))).email;
  },
  reminders: (settings) => settings.opinionReminders,
  waitingStatus: 'awaiting-opinion',
  requestEmail: (to, ref, link, reminder) =>
    email({
      to: [to],
      subject: `New case ${ref.caseId}: a second-opinion review${reminder ? ` — reminder ${reminder}` : ''}`,
      paragraphs: [
        `Concord's care-coordination team asks you to review case ${ref.caseId} as an independent specialist.`,
        'The link opens the case packet (the patient’s goals and questions, the first opinion and the records). Accept or decline there, then submit your structured opinion. Opening the link changes nothing.',
      ],
      link: { url: link, label: 'Open the case packet' },
    }),
};

/**
 * The name a download is saved under: the record's type and id, with the uploaded file's extension. Never
 * the uploader's file name, which may name the patient: it would travel in the URL's query (and so in the
 * bucket's access logs). The page shows it as text.
 */
function downloadName(record: Pick<MedicalRecord, 'type' | 'recordId' | 'fileName'>): string {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(record.fileName ?? '')?.[0]?.toLowerCase() ?? '';
  return `${record.type}-${record.recordId}${extension}`;
}

/** What the specialist's case packet reads: the link, the case, its records, and their files to presign. */
export type CasePacketPorts = Pick<
  CallbackPorts,
  'callbacks' | 'cases' | 'secrets' | 'assignments' | 'records'
> & {
  files: RecordFiles;
  settings: { downloadUrlSeconds: number };
};

export async function casePacket(
  opened: Opened,
  ports: Pick<CasePacketPorts, 'assignments' | 'records' | 'files' | 'settings'>,
): Promise<CasePacket> {
  const { caseRecord, callback } = opened;
  const [assignment, records] = await Promise.all([
    assignmentOf(ports, callback.caseId, callback.round),
    ports.records.list(callback.caseId),
  ]);
  const received = records.filter((r) => r.status === 'received');
  const { intake } = caseRecord;
  return {
    caseId: caseRecord.caseId,
    opinionNumber: assignment.opinionNumber,
    accepted: assignment.status === 'accepted',
    cancerType: caseRecord.cancerType,
    diagnosis: { icd10: intake.diagnosis.icd10, stage: intake.diagnosis.stage },
    firstOpinion: intake.firstOpinion,
    reasons: intake.reasons,
    questions: intake.questions,
    urgency: intake.urgency,
    consultation: intake.consultation,
    patientState: intake.patient.state,
    language: intake.patient.preferredLanguage,
    records: await Promise.all(
      received.map(async (r) => ({
        type: r.type,
        fileName: r.fileName ?? `${r.type}-${r.recordId.slice(0, 8)}`,
        downloadUrl: await ports.files.presignGet(r.key, downloadName(r), ports.settings.downloadUrlSeconds),
      })),
    ),
  };
}

/**
 * Accept: recorded once (a second accept is 409); the patient hears a specialist has taken the case.
 * An accept stored whose event or email did not follow (a fault) is finished by the next accept.
 */
export async function acceptAssignment(
  opened: Opened,
  ports: CallbackPorts,
): Promise<{ acceptedAt: string }> {
  const { callback, caseRecord } = opened;
  const messageKey = `specialist-assigned:${callback.round}`;
  const accepted =
    (await ports.assignments.update(
      callback.caseId,
      callback.round,
      { status: 'accepted', acceptedAt: new Date().toISOString() },
      ['proposed'],
    )) ?? (await unfinishedAccept(opened, messageKey, ports));
  const [, sent] = await Promise.all([
    ports.cases.recordStep(
      callback.caseId,
      `accepted:${callback.round}`,
      { status: 'awaiting-opinion' },
      { type: 'assignment-accepted', detail: accepted.specialistId, actor: callback.recipient },
      caseRecord,
    ),
    ports.outbox.wasSent?.(callback.caseId, messageKey),
  ]);
  await ports.outbox.sendOnce(
    callback.caseId,
    messageKey,
    email({
      to: [caseRecord.intake.patient.email],
      subject: `A specialist is reviewing your second-opinion request ${callback.caseId}`,
      paragraphs: [
        'An independent specialist has accepted your case and is reviewing your records.',
        'We will let you know when your report is ready.',
      ],
    }),
    sent,
  );
  return { acceptedAt: accepted.acceptedAt! };
}

/** The assignment of an accept that stopped before its event and email; AlreadyDecidedError otherwise. */
async function unfinishedAccept(
  { callback, caseRecord }: Opened,
  messageKey: string,
  ports: CallbackPorts,
): Promise<Assignment> {
  const now = await assignmentOf(ports, callback.caseId, callback.round);
  const finished =
    now.status !== 'accepted' ||
    (caseRecord.steps[`accepted:${callback.round}`] !== undefined &&
      (await ports.outbox.wasSent?.(callback.caseId, messageKey)) === true);
  if (finished)
    throw new AlreadyDecidedError(callback.recipient, now.acceptedAt ?? now.submittedAt ?? now.proposedAt);
  return now;
}

export async function declineAssignment(opened: Opened, comment: string | undefined, ports: CallbackPorts) {
  return decideCallback(opened, { decision: 'decline', comment }, () => ({}), ports);
}

/**
 * RecordOpinion: the submitted opinion becomes OPINION#n, the assignment completes and its capacity
 * is given back. Idempotent: each write happens once however often the step runs.
 */
export async function recordOpinion(
  caseId: string,
  attempt: number,
  ports: Pick<CallbackPorts, 'assignments' | 'cases' | 'directory'> & { capacity: CapacityLedger },
): Promise<{ opinions: number }> {
  const [assignment, caseRecord] = await Promise.all([
    assignmentOf(ports, caseId, attempt),
    ports.cases.get(caseId),
  ]);
  if (!assignment.submission || !assignment.submittedAt) {
    throw new ConflictError(`Assignment ${attempt} of case ${caseId} has no opinion`);
  }
  const specialist = await specialistOf(ports, assignment);
  const { submission } = assignment;
  const opinion: Opinion & { callbackId: string } = {
    number: assignment.opinionNumber,
    author: specialist.name,
    organization: assignment.organization,
    specialistId: assignment.specialistId,
    disciplines: assignment.disciplines,
    submittedAt: assignment.submittedAt,
    icd10: submission.icd10,
    stage: submission.stage,
    treatmentPlan: submission.treatmentPlan,
    submission,
    callbackId: `${caseId}#${attempt}`,
  };
  const stored = await ports.assignments.putOpinion(caseId, opinion);
  if (stored.callbackId !== opinion.callbackId) {
    throw new ConflictError(`Opinion ${opinion.number} of case ${caseId} came from another assignment`);
  }
  // Once the opinion is stored, the rest is independent and each part safe to repeat: together.
  await Promise.all([
    ports.assignments.update(caseId, attempt, { status: 'completed' }, ['proposed', 'accepted']),
    ports.capacity.release(assignment.specialistId, holdId(caseId, assignment.specialistId)),
    ports.cases.recordStep(
      caseId,
      `opinion:${opinion.number}`,
      { status: 'comparing-opinions', opinions: opinion.number },
      {
        type: 'opinion-received',
        detail: `opinion ${opinion.number} from ${assignment.specialistId}: ${submission.diagnosisAssessment}`,
        actor: specialist.email,
      },
      // Undefined for an unknown case: the store reads it and throws CaseNotFoundError.
      caseRecord,
    ),
  ]);
  return { opinions: opinion.number };
}
