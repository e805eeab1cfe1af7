import { gradeOpinions } from '../../../../functions/domain/clinical/grade.js';
import { clinicalPositionOf } from '../../../../functions/domain/clinical/position.js';
import { casePacket } from '../../../../functions/use-cases/assignment/packet.js';
import { openCallback } from '../../../../functions/use-cases/callbacks.js';
import { MemoryRecordFiles } from '../../../support/fakes/memory-records.js';
import { CALLBACK_ID, setupAssignmentCase as setup } from '../../../support/assignment-case.js';
import { position } from '../../../support/positions.js';

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
