import { recordKey } from '../../../functions/domain/record-keys.js';
import {
  ALLOWED_CONTENT_TYPES,
  checklist,
  RECORD_TYPES,
  REQUIRED_RECORD_TYPES,
  type MedicalRecord,
  type RecordStatus,
  type RecordType,
} from '../../../functions/domain/records.js';

const CASE_ID = '4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f';

let sequence = 0;
function record(type: RecordType, status: RecordStatus = 'received'): MedicalRecord {
  sequence += 1;
  const recordId = `rec-${sequence}`;
  return {
    recordId,
    caseId: CASE_ID,
    type,
    key: recordKey(CASE_ID, type, recordId),
    status,
    createdAt: '2026-11-02T10:00:00.000Z',
  };
}

describe('the record types', () => {
  it('requires exactly the pathology report, imaging, lab results, treatment plan and physician notes', () => {
    expect([...REQUIRED_RECORD_TYPES]).toEqual([
      'pathology-report',
      'imaging',
      'lab-results',
      'treatment-plan',
      'physician-notes',
    ]);
    for (const type of REQUIRED_RECORD_TYPES) expect(RECORD_TYPES).toContain(type);
  });

  it('takes announcements of PDF, DICOM, JPEG, PNG, TIFF, plain text and zip', () => {
    expect([...ALLOWED_CONTENT_TYPES].sort()).toEqual(
      [
        'application/dicom',
        'application/pdf',
        'application/zip',
        'image/jpeg',
        'image/png',
        'image/tiff',
        'text/plain',
      ].sort(),
    );
  });
});

describe('checklist', () => {
  it('with nothing received: incomplete, every required type missing, every type listed', () => {
    const list = checklist([]);

    expect(list.complete).toBe(false);
    expect(list.missing).toEqual([...REQUIRED_RECORD_TYPES]);
    expect(list.items.map((item) => item.type)).toEqual([...RECORD_TYPES]);
    expect(list.items.filter((item) => item.required).map((item) => item.type)).toEqual([
      ...REQUIRED_RECORD_TYPES,
    ]);
    expect(list.items.every((item) => !item.received)).toBe(true);
  });

  it('with every required type received: complete, nothing missing', () => {
    const list = checklist(REQUIRED_RECORD_TYPES.map((type) => record(type)));

    expect(list.complete).toBe(true);
    expect(list.missing).toEqual([]);
    expect(list.items.filter((item) => item.received).map((item) => item.type)).toEqual([
      ...REQUIRED_RECORD_TYPES,
    ]);
  });

  it('lists what is missing, in order, and counts optional types as received without requiring them', () => {
    const list = checklist([record('imaging'), record('genetic-testing'), record('physician-notes')]);

    expect(list.complete).toBe(false);
    expect(list.missing).toEqual(['pathology-report', 'lab-results', 'treatment-plan']);
    expect(list.items.find((item) => item.type === 'genetic-testing')).toEqual({
      type: 'genetic-testing',
      required: false,
      received: true,
    });
  });

  it('counts neither requested nor refused records', () => {
    const records = [
      ...REQUIRED_RECORD_TYPES.slice(1).map((type) => record(type)),
      record('pathology-report', 'requested'),
      record('pathology-report', 'refused'),
    ];

    const list = checklist(records);

    expect(list.complete).toBe(false);
    expect(list.missing).toEqual(['pathology-report']);
    expect(list.items[0]).toEqual({ type: 'pathology-report', required: true, received: false });
  });

  it('counts a type once, however many files of it arrived', () => {
    const records = [
      ...REQUIRED_RECORD_TYPES.map((type) => record(type)),
      record('imaging'),
      record('imaging'),
    ];

    const list = checklist(records);

    expect(list.complete).toBe(true);
    expect(list.items.filter((item) => item.type === 'imaging')).toHaveLength(1);
  });
});
