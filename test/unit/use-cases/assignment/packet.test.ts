import { casePacket } from '../../../../functions/use-cases/assignment/packet.js';
import { openCallback } from '../../../../functions/use-cases/callbacks.js';
import { MemoryRecordFiles } from '../../../support/fakes/memory-records.js';
import { CALLBACK_ID, setupAssignmentCase as setup } from '../../../support/assignment-case.js';

describe('casePacket', () => {
  it('shows each record under the name it was uploaded with, but signs its download under its type and id', async () => {
    // Arrange: the uploader named the file after the patient
    const s = await setup();
    const fileName = 'Ana Silva 1968-04-02 biopsy.PDF';
    await s.ports.records.put({
      recordId: 'r-1',
      caseId: s.caseId,
      type: 'pathology-report',
      key: `cases/${s.caseId}/records/pathology-report/r-1`,
      status: 'received',
      fileName,
      createdAt: new Date().toISOString(),
    });
    const files = new MemoryRecordFiles();

    // Act
    const packet = await casePacket(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), {
      ...s.ports,
      files,
      settings: { downloadUrlSeconds: 600 },
    });

    // Assert
    expect(packet.records).toEqual([
      {
        type: 'pathology-report',
        fileName,
        downloadUrl: expect.stringContaining(`download=${encodeURIComponent('pathology-report-r-1.pdf')}`),
      },
    ]);
    expect(packet.records[0]!.downloadUrl).not.toMatch(/Silva|1968/);
  });
});
