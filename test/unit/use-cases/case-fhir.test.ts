import { jest } from '@jest/globals';
import type { Bundle, Claim, Condition } from '@medplum/fhirtypes';
import type { CaseRecord } from '../../../functions/domain/case.js';
import type { MedicalRecord } from '../../../functions/domain/records.js';
import { NotFoundError } from '../../../functions/shared/errors.js';
import { caseFhir, type CaseFhirPorts } from '../../../functions/use-cases/case-fhir.js';
import { MemoryAssignmentStore } from '../../support/fakes/memory-assignments.js';
import { MemoryDirectory } from '../../support/fakes/memory-ports.js';
import { MemoryRecordStore } from '../../support/fakes/memory-records.js';
import { caseRecord, payer, PHI } from '../../support/case-records.js';
import { resolveContained } from '../../support/fhir.js';

const ACME = payer('acme-health', { name: 'Acme Health' });
const PUBLIC_URL = 'https://concord.example';

async function setup(record: CaseRecord) {
  const assignments = new MemoryAssignmentStore();
  await assignments.putOpinion(record.caseId, {
    number: 2,
    callbackId: 'callback-2',
    author: 'Dr Rao',
    organization: 'University Cancer Center',
    submittedAt: '2026-11-20T12:00:00.000Z',
    notCancer: { finding: 'Granulomatous inflammation', icd10: 'D86.0' },
    treatmentPlan: [{ modality: 'active-surveillance' }],
  });
  const records = new MemoryRecordStore();
  const received: MedicalRecord = {
    recordId: '0b8f6a52-1c3e-4d7f-9a2b-5e6c7d8f9a01',
    caseId: record.caseId,
    type: 'pathology-report',
    key: `cases/${record.caseId}/records/pathology-report/0b8f6a52-1c3e-4d7f-9a2b-5e6c7d8f9a01`,
    status: 'received',
    displayName: 'biopsy.pdf',
    contentType: 'application/pdf',
    sizeBytes: 52_311,
    createdAt: '2026-11-03T10:00:00.000Z',
    receivedAt: '2026-11-03T10:05:00.000Z',
  };
  await records.put(received);
  const directory = new MemoryDirectory([ACME]);
  const ports: CaseFhirPorts = { assignments, records, directory, publicUrl: PUBLIC_URL };
  return { ports, directory, assignments, records };
}

const opened = (record: CaseRecord) => async (caseId: string) => {
  if (caseId !== record.caseId) throw new NotFoundError('No such case');
  return record;
};

const ofType = <T>(bundle: Bundle, type: string) =>
  (bundle.entry ?? []).map((entry) => entry.resource!).filter((r) => r.resourceType === type) as T[];

describe('caseFhir', () => {
  it('answers the case its reader opens: every opinion, the records, and the Claim to the billed insurer', async () => {
    // Arrange
    const record = caseRecord(ACME, { billing: { party: 'insurer', basis: 'covered-by-plan' } });
    const { ports } = await setup(record);

    // Act
    const bundle = await caseFhir(record.caseId, opened(record), ports);

    // Assert
    expect(bundle.type).toBe('collection');
    expect(bundle.entry![0]!.fullUrl).toBe(
      `${PUBLIC_URL}/cases/${record.caseId}/fhir/Patient/${record.caseId}-patient`,
    );
    const conditions = ofType<Condition>(bundle, 'Condition');
    expect(conditions.map((c) => c.id)).toEqual([
      `${record.caseId}-op1-condition`,
      `${record.caseId}-op2-condition`,
    ]);
    expect(conditions[0]!.code!.coding!.map((c) => c.code)).toContain(PHI.icd10);
    expect(conditions[1]!.code!.coding!.map((c) => c.code)).toContain('D86.0');
    expect(ofType(bundle, 'DocumentReference')).toHaveLength(1);
    const [claim] = ofType<Claim>(bundle, 'Claim');
    expect(resolveContained(claim!, claim!.insurer!.reference)).toMatchObject({ name: 'Acme Health' });
  });

  it('leaves the Claim out when the insurer is not the one billed, without asking the directory', async () => {
    // Arrange
    const record = caseRecord(ACME, { billing: { party: 'self-pay', basis: 'self-pay' } });
    const { ports, directory } = await setup(record);
    const getPayer = jest.spyOn(directory, 'getPayer');

    // Act
    const bundle = await caseFhir(record.caseId, opened(record), ports);

    // Assert
    expect(ofType(bundle, 'Claim')).toEqual([]);
    expect(getPayer).not.toHaveBeenCalled();
  });

  it('reads nothing of the case when its reader refuses the caller', async () => {
    // Arrange
    const record = caseRecord(ACME, { billing: { party: 'insurer', basis: 'covered-by-plan' } });
    const { ports, assignments, records, directory } = await setup(record);
    const reads = [
      jest.spyOn(assignments, 'opinions'),
      jest.spyOn(records, 'list'),
      jest.spyOn(directory, 'getPayer'),
    ];
    const refuse = async () => {
      throw new NotFoundError('No such case');
    };

    // Act
    const answer = caseFhir(record.caseId, refuse, ports);

    // Assert
    await expect(answer).rejects.toBeInstanceOf(NotFoundError);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });
});
