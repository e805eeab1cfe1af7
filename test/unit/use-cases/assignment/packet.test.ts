import type { MedicalRecord } from '../../../../functions/domain/records.js';
import { gradeOpinions } from '../../../../functions/domain/clinical/grade.js';
import { clinicalPositionOf } from '../../../../functions/domain/clinical/position.js';
import { casePacket } from '../../../../functions/use-cases/assignment/packet.js';
import { openCallback } from '../../../../functions/use-cases/callbacks.js';
import { MemoryRecordFiles } from '../../../support/fakes/memory-records.js';
import { CALLBACK_ID, setupAssignmentCase as setup } from '../../../support/assignment-case.js';
import { position } from '../../../support/positions.js';

const RECORD_ID = 'Qm9va3NoZWxmLXJlY29yZC0xLWlkX19hYmNkZWZnaGlq';

/** The packet of a case holding one received record (as recordUploaded leaves it). */
async function packetWith(record: Partial<MedicalRecord>) {
  const s = await setup();
  await s.ports.records.put({
    recordId: RECORD_ID,
    caseId: s.caseId,
    type: 'pathology-report',
    key: `cases/${s.caseId}/records/pathology-report/${RECORD_ID}`,
    status: 'received',
    createdAt: new Date().toISOString(),
    ...record,
  });
  const packet = await casePacket(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), {
    ...s.ports,
    files: new MemoryRecordFiles(),
    settings: { downloadUrlSeconds: 600 },
  });
  const [shown] = packet.records;
  return { shown: shown!, download: new URL(shown!.downloadUrl).searchParams };
}

describe('casePacket', () => {
  it('shows the name as it may be shown, and signs the download under the type, the id and the sniffed kind', async () => {
    // Arrange: the uploader named the file after the patient, with an executable's extension
    const displayName = 'Ana Silva 1968-04-02 biopsy.exe';

    // Act
    const { shown, download } = await packetWith({ displayName, kind: 'pdf', contentType: 'text/plain' });

    // Assert
    expect(shown).toMatchObject({ type: 'pathology-report', fileName: displayName });
    expect(download.get('download')).toBe(`pathology-report-${RECORD_ID}.pdf`);
    expect(download.get('type')).toBe('application/pdf');
    expect(download.get('expires')).toBe('600');
    expect(shown.downloadUrl).not.toMatch(/Silva|1968|exe/);
  });

  it.each([
    ['dicom', 'dcm', 'application/dicom'],
    ['jpeg', 'jpg', 'image/jpeg'],
    ['png', 'png', 'image/png'],
    ['tiff', 'tif', 'image/tiff'],
    ['text', 'txt', 'text/plain; charset=utf-8'],
    ['zip', 'zip', 'application/zip'],
  ] as const)('offers a %s record as .%s, typed %s', async (kind, extension, type) => {
    const { download } = await packetWith({ kind });

    expect(download.get('download')).toBe(`pathology-report-${RECORD_ID}.${extension}`);
    expect(download.get('type')).toBe(type);
  });

  it('names a page upload (no name announced) after its type and id', async () => {
    const { shown } = await packetWith({ kind: 'png' });

    expect(shown.fileName).toBe(`pathology-report-${RECORD_ID}.png`);
  });

  it('offers a record received before its kind was kept as bytes to save, without an extension', async () => {
    const { download } = await packetWith({});

    expect(download.get('download')).toBe(`pathology-report-${RECORD_ID}`);
    expect(download.get('type')).toBe('application/octet-stream');
  });

  it('gives a third reviewer the earlier opinions’ positions, without their authors, and what they dispute', async () => {
    // Arrange: opinion 2 is in and disputes the plan; this link seeks opinion 3
    const s = await setup({ opinionNumber: 3 });
    const second = position('C50.911', 'IIA', ['chemotherapy', 'surgery']);
    await s.assignments.putOpinion(s.caseId, {
      number: 2,
      author: 'Dr. Second',
      organization: 'Second Org',
      specialistId: 's-2',
      disciplines: ['surgical-oncology'],
      callbackId: `${s.caseId}#0`,
      ...second,
    });
    const grade = gradeOpinions(s.intake.firstOpinion, second);
    await s.cases.recordStep(
      s.caseId,
      'compare:2',
      { opinions: 2, discordance: grade },
      { type: 'opinions-compared' },
    );

    // Act
    const packet = await casePacket(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), {
      ...s.ports,
      files: new MemoryRecordFiles(),
      settings: { downloadUrlSeconds: 600 },
    });

    // Assert
    expect(grade.level).toBe('major');
    expect(packet.earlierOpinions).toEqual([
      { number: 2, disciplines: ['surgical-oncology'], position: clinicalPositionOf(second) },
    ]);
    expect(JSON.stringify(packet.earlierOpinions)).not.toMatch(/Dr\. Second|Second Org|s-2/);
    expect(packet.dispute).toEqual(grade);
  });

  it('gives a second reviewer no earlier opinion and no dispute', async () => {
    const s = await setup();

    const packet = await casePacket(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), {
      ...s.ports,
      files: new MemoryRecordFiles(),
      settings: { downloadUrlSeconds: 600 },
    });

    expect(packet.earlierOpinions).toEqual([]);
    expect(packet.dispute).toBeUndefined();
  });
});
