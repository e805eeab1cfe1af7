import type { RecordKind } from '../../../functions/domain/record-checks/verdict.js';
import {
  activeContentReason,
  memberReason,
  REFUSAL_REASONS,
} from '../../../functions/domain/record-checks/reasons.js';
import type { MalwareScan } from '../../../functions/domain/record-checks/malware-scan.js';
import { recordKey } from '../../../functions/domain/record-keys.js';
import type { RecordRequest } from '../../../functions/schemas/records.js';
import { recordChecklist } from '../../../functions/use-cases/records.js';
import { FILES } from '../../support/files.js';
import {
  HOSTILE_PDF,
  HOSTILE_TEXT,
  HOSTILE_ZIP,
  cleanPdf,
  pdfWithJavaScriptInObjectStream,
  tiff,
} from '../../support/hostile-files.js';
import {
  eventsOfType,
  MAX_BYTES,
  pageUpload,
  pdfRequest,
  setupRecordsCase,
  upload,
  type RecordsCase,
} from '../../support/records-case.js';

const setup = () => setupRecordsCase();

/** A record announced as plain text (what issue 20 saw marked received) or a PDF, whose file is `content`. */
const announcedAs =
  (contentType: 'text/plain' | 'application/pdf') =>
  async (s: RecordsCase, file: Uint8Array | Promise<Uint8Array>) => {
    const content = await file;
    return upload(s, { type: 'other', fileName: 'file', contentType, sizeBytes: content.length }, content);
  };
const asText = (s: RecordsCase, text: string) => announcedAs('text/plain')(s, Buffer.from(text));
const asPdf = announcedAs('application/pdf');

describe('recordUploaded: what is received', () => {
  it('counts a file that arrived as announced: received with its kind, kept, on the timeline', async () => {
    // Arrange
    const s = await setup();
    const content = FILES.pdf();

    // Act
    const { grant, key, outcome } = await upload(s, pdfRequest('pathology-report', content.length), content);

    // Assert
    expect(outcome).toBe('received');
    expect(await s.records.get(s.caseId, grant.recordId)).toMatchObject({
      status: 'received',
      receivedAt: expect.any(String),
      kind: 'pdf',
    });
    expect(s.files.has(key)).toBe(true);
    expect(s.files.removed).toEqual([]);
    expect(await eventsOfType(s, 'record-received')).toEqual([
      expect.objectContaining({ detail: 'pathology-report', actor: 'concord' }),
    ]);
    const list = await recordChecklist(s.caseId, s.records);
    expect(list.items[0]).toEqual({ type: 'pathology-report', required: true, received: true });
  });

  it('counts a file smaller than announced', async () => {
    const s = await setup();
    const content = FILES.pdf();

    const { outcome } = await upload(s, pdfRequest('imaging', content.length + 100), content);

    expect(outcome).toBe('received');
  });

  it.each<[string, () => Buffer | Promise<Buffer>, RecordRequest['contentType'], RecordKind]>([
    ['a PNG', FILES.png, 'image/png', 'png'],
    ['a JPEG', FILES.jpeg, 'image/jpeg', 'jpeg'],
    ['a TIFF', tiff, 'image/tiff', 'tiff'],
    ['a ZIP of images and a PDF', HOSTILE_ZIP.clean, 'application/zip', 'zip'],
    ['a DICOM file', FILES.dicom, 'application/dicom', 'dicom'],
    ['plain text', FILES.text, 'text/plain', 'text'],
    ['a PDF as pdf-lib writes it', cleanPdf, 'application/pdf', 'pdf'],
  ])('counts %s, keeping its sniffed kind', async (_name, file, contentType, kind) => {
    const s = await setup();
    const content = await file();

    const { grant, outcome } = await upload(
      s,
      { type: 'imaging', fileName: 'study', contentType, sizeBytes: content.length },
      content,
    );

    expect(outcome).toBe('received');
    expect((await s.records.get(s.caseId, grant.recordId))!.kind).toBe(kind);
  });

  it('takes the kind from the content, not from what was announced (a PNG announced as a PDF)', async () => {
    const s = await setup();

    const { grant, outcome } = await upload(s, pdfRequest('imaging', FILES.png().length), FILES.png());

    expect(outcome).toBe('received');
    expect((await s.records.get(s.caseId, grant.recordId))!.kind).toBe('png');
  });

  it('creates and receives the record of a page upload (nothing announced beforehand)', async () => {
    const s = await setup();

    const { recordId, key, outcome } = await pageUpload(s, 'treatment-plan', FILES.png());

    expect(outcome).toBe('received');
    expect(await s.records.get(s.caseId, recordId)).toEqual({
      recordId,
      caseId: s.caseId,
      type: 'treatment-plan',
      key,
      status: 'received',
      kind: 'png',
      createdAt: expect.any(String),
      receivedAt: expect.any(String),
    });
  });
});

describe.each<[string, (s: RecordsCase) => Promise<{ key: string; outcome: string }>, string, string?]>([
  ['an HTML application announced as text', (s) => asText(s, HOSTILE_TEXT.hta), 'text-markup'],
  ['a batch file announced as text', (s) => asText(s, HOSTILE_TEXT.bat), 'text-script'],
  ['a PowerShell script announced as text', (s) => asText(s, HOSTILE_TEXT.ps1), 'text-script'],
  ['a Windows Script Host script announced as text', (s) => asText(s, HOSTILE_TEXT.js), 'text-script'],
  ['HTML with script announced as text', (s) => asText(s, HOSTILE_TEXT.html), 'text-markup'],
  ['SVG with script announced as text', (s) => asText(s, HOSTILE_TEXT.svg), 'text-markup'],
  [
    'a PDF with /OpenAction /JavaScript',
    (s) => asPdf(s, HOSTILE_PDF.openActionJavaScript()),
    'pdf-active-content',
  ],
  [
    'a PDF with JavaScript in a compressed object stream',
    (s) => asPdf(s, pdfWithJavaScriptInObjectStream()),
    'pdf-active-content',
  ],
  ['a PDF/HTML polyglot', (s) => asPdf(s, HOSTILE_PDF.htmlPolyglot()), 'pdf-polyglot'],
  ['an executable announced as a PDF of its exact size', (s) => asPdf(s, FILES.windowsExe()), 'executable'],
  ['a ZIP holding an executable', (s) => asPdf(s, HOSTILE_ZIP.withExecutable()), 'executable', 'scan-2.jpg'],
  ['a ZIP bomb', (s) => asPdf(s, HOSTILE_ZIP.bomb()), 'zip-bomb'],
  ['binary junk (a page upload)', (s) => pageUpload(s, 'other', FILES.junk()), 'not-allowed-type'],
  ['an empty file (a page upload)', (s) => pageUpload(s, 'other', new Uint8Array()), 'empty'],
  [
    'a file larger than announced',
    (s) => upload(s, pdfRequest('other', 10), FILES.pdf()),
    'larger-than-announced',
  ],
  [
    'a file over the limit (a page upload, nothing announced)',
    (s) => pageUpload(s, 'other', Buffer.concat([FILES.pdf(), Buffer.alloc(MAX_BYTES, 0x20)])),
    'too-large',
  ],
])('recordUploaded refuses %s', (_name, act, code, member) => {
  let s: RecordsCase;
  let result: { key: string; outcome: string };

  beforeAll(async () => {
    s = await setup();
    result = await act(s);
  });

  it('answers refused and deletes the file', () => {
    expect(result.outcome).toBe('refused');
    expect(s.files.removed).toEqual([result.key]);
    expect(s.files.has(result.key)).toBe(false);
  });

  it('stores the code, the reason the uploader reads (and the ZIP member); the checklist does not count it', async () => {
    const list = await recordChecklist(s.caseId, s.records);
    expect(list.records).toEqual([
      expect.objectContaining({ type: 'other', status: 'refused', refusedCode: code }),
    ]);
    const [record] = await s.records.list(s.caseId);
    const reason = REFUSAL_REASONS[code as keyof typeof REFUSAL_REASONS];
    if (member) {
      expect(record!.refusedMember).toBe(member);
      expect(record!.refusedReason).toBe(memberReason(member, reason));
    } else {
      expect(record).not.toHaveProperty('refusedMember');
      // Both hostile PDFs run JavaScript.
      expect(record!.refusedReason).toBe(
        code === 'pdf-active-content' ? activeContentReason('javascript') : reason,
      );
    }
    expect(list.items.find((item) => item.type === 'other')).toMatchObject({ received: false });
  });

  it('puts a record-refused event on the timeline with the type and code only', async () => {
    expect((await eventsOfType(s, 'record-refused')).map((event) => event.detail)).toEqual([
      `other: ${code}`,
    ]);
    expect(await eventsOfType(s, 'record-received')).toEqual([]);
  });
});

describe('recordUploaded: events again, and files replaced', () => {
  it.each([
    ['received', FILES.pdf().length, false],
    ['refused (larger than announced)', 10, true],
  ])('changes nothing on a replayed event for a %s file', async (_name, announcedSize, refused) => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('lab-results', announcedSize), FILES.pdf());
    const recordBefore = await s.records.get(s.caseId, grant.recordId);
    const timelineBefore = await s.cases.timeline(s.caseId);

    // Act
    const replay = await s.arrived(key);

    // Assert
    expect(replay).toBe('ignored');
    expect(await s.records.get(s.caseId, grant.recordId)).toEqual(recordBefore);
    expect(await s.cases.timeline(s.caseId)).toEqual(timelineBefore);
    expect(s.records.size()).toBe(1);
    expect(s.files.removed).toEqual(refused ? [key] : []);
  });

  /** A PDF received, then other bytes at its key: the upload URL outlives its first use. */
  async function replaced(bytes: Buffer, versionId?: string) {
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('other', 4096), FILES.pdf());
    s.files.store(key, bytes);
    const outcome = await s.arrived(key, versionId ? { versionId } : {});
    return { s, key, outcome, record: (await s.records.get(s.caseId, grant.recordId))! };
  }

  it('refuses and removes a bad file that replaces a received one through the same URL', async () => {
    const { s, key, outcome, record } = await replaced(FILES.windowsExe());

    expect(outcome).toBe('refused');
    expect(s.files.has(key)).toBe(false);
    expect(record).toMatchObject({ status: 'refused', refusedCode: 'executable' });
    expect(record).not.toHaveProperty('kind');
  });

  it('keeps a received record when a versioned bucket drops the bad replacement version', async () => {
    const { s, outcome, record } = await replaced(FILES.elf(), 'version-2');

    // The checked version is current again, so the record still counts.
    expect(outcome).toBe('refused');
    expect(record).toMatchObject({ status: 'received', kind: 'pdf' });
    expect((await eventsOfType(s, 'record-refused')).map((e) => e.detail)).toEqual(['other: executable']);
  });

  it('counts a good file uploaded again after a refusal', async () => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('lab-results', 4096), FILES.windowsExe());

    // Act
    s.files.store(key, FILES.pdf());
    const outcome = await s.arrived(key);

    // Assert
    expect(outcome).toBe('received');
    const record = (await s.records.get(s.caseId, grant.recordId))!;
    expect(record).toMatchObject({ status: 'received', kind: 'pdf' });
    expect(record).not.toHaveProperty('refusedCode');
    expect(record).not.toHaveProperty('refusedReason');
    expect(await eventsOfType(s, 'record-received')).toHaveLength(1);
  });
});

describe('recordUploaded: keys Concord did not issue', () => {
  it.each([
    [
      'a record id of the old shape (a UUID)',
      (caseId: string) => recordKey(caseId, 'imaging', '0b6e2a77-51c4-4d0e-8f3a-9d2c1b0a7e65'),
    ],
    [
      'a forged record id of the right shape',
      (caseId: string) => recordKey(caseId, 'imaging', 'A'.repeat(44)),
    ],
    ['an unknown record type', (caseId: string) => `cases/${caseId}/records/passport/${'A'.repeat(44)}`],
    ['a case id that is not one', () => `cases/${'x'.repeat(2048)}/records/imaging/${'A'.repeat(44)}`],
    [
      'a file name where the record id goes',
      (caseId: string) => `cases/${caseId}/records/imaging/Ana Silva.pdf`,
    ],
  ])('deletes the object under %s, unread, storing nothing', async (_name, keyOf) => {
    // Arrange
    const s = await setup();
    const key = keyOf(s.caseId);
    s.files.store(key, FILES.pdf());

    // Act
    const outcome = await s.arrived(key);

    // Assert
    expect(outcome).toBe('deleted');
    expect(s.files.removed).toEqual([key]);
    expect(s.records.size()).toBe(0);
    expect(await s.cases.timeline(s.caseId)).toHaveLength(1);
  });

  it('does not take an id issued for another type', async () => {
    const s = await setup();
    const issued = s.pageKey('imaging');
    const moved = issued.replace('/imaging/', '/lab-results/');
    s.files.store(moved, FILES.pdf());

    expect(await s.arrived(moved)).toBe('deleted');
  });

  it('ignores an object outside the records key space, storing and deleting nothing', async () => {
    const s = await setup();
    s.files.store('exports/report.pdf', FILES.pdf());

    const outcome = await s.arrived('exports/report.pdf');

    expect(outcome).toBe('ignored');
    expect(s.records.size()).toBe(0);
    expect(s.files.removed).toEqual([]);
  });
});

describe('recordUploaded: the malware scan', () => {
  it.each<[MalwareScan, 'off' | 'required', string, string]>([
    ['not-scanned', 'off', 'received', ''],
    ['no-threats-found', 'off', 'received', ''],
    ['no-threats-found', 'required', 'received', ''],
    ['unsupported', 'off', 'received', ''],
    ['failed', 'off', 'received', ''],
    ['threats-found', 'off', 'refused', 'malware'],
    ['threats-found', 'required', 'refused', 'malware'],
    ['unsupported', 'required', 'refused', 'scan-unsupported'],
    ['access-denied', 'required', 'refused', 'scan-failed'],
    ['failed', 'required', 'refused', 'scan-failed'],
  ])('a clean PDF scanned %s, with scans %s: %s', async (scan, malwareScan, outcome, code) => {
    // Arrange
    const s = await setupRecordsCase({ malwareScan });
    const grant = await s.announce(pdfRequest('imaging'));
    const { key } = s.files.puts.at(-1)!;
    s.files.store(key, FILES.pdf());

    // Act
    const result = await s.arrived(key, { scan, versionId: 'v1' });

    // Assert
    expect(result).toBe(outcome);
    const record = (await s.records.get(s.caseId, grant.recordId))!;
    expect(record.status).toBe(outcome);
    if (code) {
      expect(record).toMatchObject({ refusedCode: code, refusedReason: REFUSAL_REASONS[code as 'malware'] });
      expect(s.files.has(key)).toBe(false);
      expect((await eventsOfType(s, 'record-refused')).map((e) => e.detail)).toEqual([`imaging: ${code}`]);
    } else expect(s.files.has(key)).toBe(true);
  });

  it('waits for the scan when scans are required and the event carries none: nothing read, nothing changed', async () => {
    // Arrange
    const s = await setupRecordsCase({ malwareScan: 'required' });
    const grant = await s.announce(pdfRequest('imaging'));
    const { key } = s.files.puts.at(-1)!;
    s.files.store(key, HOSTILE_PDF.openActionJavaScript());

    // Act
    const outcome = await s.arrived(key);

    // Assert
    expect(outcome).toBe('awaiting-scan');
    expect((await s.records.get(s.caseId, grant.recordId))!.status).toBe('requested');
    expect(s.files.has(key)).toBe(true);
    expect(await s.cases.timeline(s.caseId)).toHaveLength(1);
  });

  it('runs the structural checks after a scan that found nothing: active content is still refused', async () => {
    const s = await setupRecordsCase({ malwareScan: 'required' });
    await s.announce(pdfRequest('imaging', 4096));
    const { key } = s.files.puts.at(-1)!;
    s.files.store(key, HOSTILE_PDF.openActionJavaScript());

    const outcome = await s.arrived(key, { scan: 'no-threats-found' });

    expect(outcome).toBe('refused');
    expect((await s.records.list(s.caseId))[0]).toMatchObject({ refusedCode: 'pdf-active-content' });
  });

  it('changes nothing when a threat verdict comes again for a file already deleted', async () => {
    const s = await setupRecordsCase({ malwareScan: 'required' });
    await s.announce(pdfRequest('imaging'));
    const { key } = s.files.puts.at(-1)!;
    s.files.store(key, FILES.pdf());
    await s.arrived(key, { scan: 'threats-found' });
    const timeline = await s.cases.timeline(s.caseId);

    expect(await s.arrived(key, { scan: 'threats-found' })).toBe('ignored');
    expect(await s.cases.timeline(s.caseId)).toEqual(timeline);
  });
});
