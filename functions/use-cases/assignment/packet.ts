import { clinicalPositionOf } from '../../domain/clinical/position.js';
import type { MedicalRecord } from '../../domain/records.js';
import type { CaseReads, Download, RecordFiles } from '../../domain/ports.js';
import { RECORD_KINDS } from '../../domain/record-checks/verdict.js';
import type { CasePacket } from '../../views/assignment-page.js';
import type { CallbackPorts, OpenedCallback } from '../callbacks.js';
import { assignmentOf } from './request.js';

/**
 * How a record is downloaded: named `<type>-<recordId>.<ext>` and typed from its checked content alone, never
 * from the uploader's name or announced type (a name may also name the patient, and would travel in the URL's
 * query, so in the bucket's access logs). The page shows the name as text. A record received before its kind
 * was kept goes out as bytes to save, not to open.
 */
export function download({
  type,
  recordId,
  kind,
}: Pick<MedicalRecord, 'type' | 'recordId' | 'kind'>): Download {
  if (!kind) return { fileName: `${type}-${recordId}`, contentType: 'application/octet-stream' };
  const { extension, mime } = RECORD_KINDS[kind];
  return { fileName: `${type}-${recordId}.${extension}`, contentType: mime };
}

/** What the specialist's case packet reads: the link, the case, its records, and their files to presign. */
export type CasePacketPorts = Pick<CallbackPorts, 'callbacks' | 'secrets' | 'assignments' | 'records'> & {
  cases: CaseReads;
  files: Pick<RecordFiles, 'presignGet'>;
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
      received.map(async (r) => {
        const offered = download(r);
        return {
          type: r.type,
          fileName: r.displayName ?? offered.fileName,
          downloadUrl: await ports.files.presignGet(r.key, offered, ports.settings.downloadUrlSeconds),
        };
      }),
    ),
  };
}
