import fc from 'fast-check';
import {
  ALLOWED_CONTENT_TYPES,
  checklist,
  parseRecordKey,
  RECORD_TYPES,
  recordKey,
  refusalReason,
  REQUIRED_RECORD_TYPES,
  sniffContentType,
  type MedicalRecord,
  type RecordStatus,
  type RecordType,
} from '../../../functions/domain/records.js';
import { FILES } from '../../support/files.js';

const CASE_ID = '4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f';
const RECORD_ID = '0b6e2a77-51c4-4d0e-8f3a-9d2c1b0a7e65';
const MAX = 1_000;

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

const sniff = (content: Uint8Array) => sniffContentType(content);

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

  it('accepts PDF, DICOM, JPEG, PNG, plain text and zip', () => {
    expect([...ALLOWED_CONTENT_TYPES].sort()).toEqual(
      [
        'application/dicom',
        'application/pdf',
        'application/zip',
        'image/jpeg',
        'image/png',
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

describe('recordKey / parseRecordKey', () => {
  it('lays keys out as cases/<caseId>/records/<type>/<recordId>, with no file name in them', () => {
    expect(recordKey(CASE_ID, 'lab-results', RECORD_ID)).toBe(
      `cases/${CASE_ID}/records/lab-results/${RECORD_ID}`,
    );
  });

  it('round-trips every type with UUIDs', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom(...RECORD_TYPES), fc.uuid(), (caseId, type, recordId) => {
        expect(parseRecordKey(recordKey(caseId, type, recordId))).toEqual({ caseId, type, recordId });
      }),
    );
  });

  it.each([
    ['an object outside the records layout', `uploads/${CASE_ID}/${RECORD_ID}`],
    ['an unknown record type', `cases/${CASE_ID}/records/x-rays/${RECORD_ID}`],
    ['a file name instead of a record id', `cases/${CASE_ID}/records/imaging/scan.pdf`],
    ['an extra path segment', `cases/${CASE_ID}/records/imaging/${RECORD_ID}/more`],
    ['a leading slash', `/cases/${CASE_ID}/records/imaging/${RECORD_ID}`],
    ['a missing record id', `cases/${CASE_ID}/records/imaging/`],
    ['a missing case id', `cases//records/imaging/${RECORD_ID}`],
    ['a traversal in the record id', `cases/${CASE_ID}/records/imaging/..`],
    ['the bucket root', ''],
  ])('rejects %s', (_name, key) => {
    expect(parseRecordKey(key)).toBeUndefined();
  });
});

describe('sniffContentType', () => {
  it.each<[string, () => Buffer, string]>([
    ['a PDF', FILES.pdf, 'application/pdf'],
    ['a PNG', FILES.png, 'image/png'],
    ['a JPEG', FILES.jpeg, 'image/jpeg'],
    ['a zip', FILES.zip, 'application/zip'],
    ['a DICOM file (DICM at offset 128)', FILES.dicom, 'application/dicom'],
    ['plain text with tabs and CRLF', FILES.text, 'text/plain'],
  ])('recognises %s', (_name, file, expected) => {
    expect(sniff(file())).toBe(expected);
  });

  it('covers every allowed content type', () => {
    const sniffed = [FILES.pdf, FILES.png, FILES.jpeg, FILES.zip, FILES.dicom, FILES.text].map((file) =>
      sniff(file()),
    );

    expect(new Set(sniffed)).toEqual(new Set(ALLOWED_CONTENT_TYPES));
  });

  it.each<[string, () => Buffer]>([
    ['a Windows executable (MZ)', FILES.windowsExe],
    ['an ELF executable', FILES.elf],
    ['a script (#!)', FILES.script],
    ['a Mach-O executable', () => Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01])],
  ])('calls %s executable', (_name, file) => {
    expect(sniff(file())).toBe('executable');
  });

  it('calls an executable executable whatever follows its header (even text)', () => {
    expect(sniff(Buffer.from('MZ plain-looking text after the header\n'))).toBe('executable');
  });

  it.each<[string, Uint8Array]>([
    ['binary junk', FILES.junk()],
    ['nothing at all', new Uint8Array()],
    ['text with a NUL byte', Buffer.from('Lab results\0 22 U/mL\n')],
    ['text with an escape sequence', Buffer.from('\x1b[31mred\x1b[0m\n')],
    ['invalid UTF-8 in a short file', Buffer.from([0x4c, 0x61, 0x62, 0xc3, 0x28, 0x0a])],
    ['"DICM" too early (not at offset 128)', Buffer.concat([Buffer.from('DICM'), Buffer.alloc(128)])],
  ])('calls %s unknown', (_name, head) => {
    expect(sniff(head)).toBe('unknown');
  });

  it('accepts UTF-8 text with multi-byte characters', () => {
    expect(
      sniff(Buffer.from('Pathologie: carcinome canalaire — grade 2, HER2 négatif; 病理報告 ✓\n', 'utf8')),
    ).toBe('text/plain');
  });

  it.each([
    ['a two-byte character', 'é'],
    ['a three-byte character', '€'],
    ['a four-byte character', '🩺'],
  ])('accepts text whose %s is cut by the 512-byte sample', (_name, char) => {
    const width = Buffer.byteLength(char, 'utf8');
    // The character starts one byte before the sample's end, so the sample holds only its first byte.
    const text = Buffer.concat([
      Buffer.from('a'.repeat(511), 'utf8'),
      Buffer.from(char, 'utf8'),
      Buffer.from(' more notes\n'.repeat(50), 'utf8'),
    ]);
    expect(width).toBeGreaterThan(1);
    expect(text.subarray(0, 512).toString('utf8')).toContain('\ufffd');

    expect(sniff(text)).toBe('text/plain');
  });

  it('still refuses a long file whose first 512 bytes hold invalid UTF-8 before the end', () => {
    const text = Buffer.concat([
      Buffer.from('a'.repeat(100)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('b'.repeat(600)),
    ]);

    expect(sniff(text)).toBe('unknown');
  });

  it('refuses a long file with a control character early on', () => {
    const text = Buffer.concat([Buffer.from('notes '), Buffer.from([0x07]), Buffer.from('x'.repeat(1000))]);

    expect(sniff(text)).toBe('unknown');
  });
});

describe('refusalReason', () => {
  const pdf = (sizeBytes: number) => ({ sizeBytes, sniffed: 'application/pdf' as const });

  it('accepts a file as announced', () => {
    expect(refusalReason(pdf(500), { sizeBytes: 500, contentType: 'application/pdf' }, MAX)).toBeUndefined();
  });

  it('accepts a file smaller than announced', () => {
    expect(refusalReason(pdf(499), { sizeBytes: 500, contentType: 'application/pdf' }, MAX)).toBeUndefined();
  });

  it('accepts a page upload (nothing announced) within the limit', () => {
    expect(refusalReason(pdf(MAX), {}, MAX)).toBeUndefined();
  });

  it('refuses a file over the limit, naming the limit', () => {
    const reason = refusalReason(pdf(MAX + 1), {}, MAX);

    expect(reason).toBe(`The file is larger than the ${MAX}-byte limit`);
  });

  it('refuses a file over the limit even when it was announced that large', () => {
    expect(refusalReason(pdf(MAX + 1), { sizeBytes: MAX + 1, contentType: 'application/pdf' }, MAX)).toMatch(
      /larger than the 1000-byte limit/,
    );
  });

  it('refuses a file larger than announced, with both sizes', () => {
    const reason = refusalReason(pdf(600), { sizeBytes: 500, contentType: 'application/pdf' }, MAX);

    expect(reason).toBe('The file (600 bytes) is larger than announced (500 bytes)');
  });

  it('refuses a file of another type than announced, naming both', () => {
    const reason = refusalReason(
      { sizeBytes: 100, sniffed: 'image/png' },
      { sizeBytes: 100, contentType: 'application/pdf' },
      MAX,
    );

    expect(reason).toBe('The file is image/png, not application/pdf as announced');
  });

  it('refuses an empty file', () => {
    expect(refusalReason({ sizeBytes: 0, sniffed: 'text/plain' }, {}, MAX)).toBe('The file is empty');
  });

  it('refuses an executable, even one announced as a PDF of its exact size', () => {
    const reason = refusalReason(
      { sizeBytes: 100, sniffed: 'executable' },
      { sizeBytes: 100, contentType: 'application/pdf' },
      MAX,
    );

    expect(reason).toBe('Executable files are not accepted');
  });

  it('refuses an unknown kind of file, listing what is accepted', () => {
    const reason = refusalReason({ sizeBytes: 100, sniffed: 'unknown' }, {}, MAX);

    expect(reason).toMatch(/Only PDF, DICOM, JPEG, PNG, plain text or zip files are accepted/);
  });

  it('never accepts an executable or an unknown file, whatever was announced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('executable' as const, 'unknown' as const),
        fc.integer({ min: 1, max: MAX }),
        fc.option(fc.constantFrom(...ALLOWED_CONTENT_TYPES), { nil: undefined }),
        (sniffed, sizeBytes, contentType) => {
          expect(refusalReason({ sizeBytes, sniffed }, { sizeBytes, contentType }, MAX)).toEqual(
            expect.any(String),
          );
        },
      ),
    );
  });

  it('accepts any allowed type within the limit and as announced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALLOWED_CONTENT_TYPES),
        fc.integer({ min: 1, max: MAX }),
        fc.integer({ min: 0, max: MAX }),
        (sniffed, sizeBytes, slack) => {
          const announced = { sizeBytes: Math.min(MAX, sizeBytes + slack), contentType: sniffed };
          expect(refusalReason({ sizeBytes, sniffed }, announced, MAX)).toBeUndefined();
        },
      ),
    );
  });
});
