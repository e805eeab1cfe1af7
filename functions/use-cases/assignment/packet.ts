import { clinicalPositionOf } from '../../domain/clinical/position.js';
import type { MedicalRecord } from '../../domain/records.js';
import type { RecordFiles } from '../../domain/ports.js';
import type { CasePacket } from '../../views/assignment-page.js';
import type { CallbackPorts, OpenedCallback } from '../callbacks.js';
import { assignmentOf } from './request.js';

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
  opened: OpenedCallback,
  ports: Pick<CasePacketPorts, 'assignments' | 'records' | 'files' | 'settings'>,
): Promise<CasePacket> {
  const { caseRecord, callback } = opened;
  const [assignment, records, reviewed] = await Promise.all([
    assignmentOf(ports, callback.caseId, callback.round),
    ports.records.list(callback.caseId),
    // A third reviewer sees the opinions given since the first; a second reviewer has none to see.
    caseRecord.opinions > 1 ? ports.assignments.opinions(callback.caseId) : [],
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
    // Who gave them stays out: the reviewer weighs the positions, independently of their authors.
    earlierOpinions: reviewed
      .filter((o) => o.number < assignment.opinionNumber)
      .sort((a, b) => a.number - b.number)
      .map((o) => ({ number: o.number, disciplines: o.disciplines ?? [], position: clinicalPositionOf(o) })),
    ...(caseRecord.discordance?.level === 'major' ? { dispute: caseRecord.discordance } : {}),
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
