import { checkRecord } from '../../../../functions/domain/record-checks/check-record.js';
import { DEFAULT_LIMITS, type RecordCheckLimits } from '../../../../functions/domain/record-checks/limits.js';
import type { Verdict } from '../../../../functions/domain/record-checks/verdict.js';
import { byteSource } from '../../../support/byte-source.js';
import { FILES } from '../../../support/files.js';
import { BIDI_NAMES, HOSTILE_PDF, HOSTILE_TEXT, cleanPdf, tiff } from '../../../support/hostile-files.js';
import { zip, type ZipMember } from '../../../support/zip-writer.js';

const JPEG = Buffer.concat([FILES.jpeg(), Buffer.alloc(1_000, 0x33)]);
const MiB = 1024 * 1024;

async function checkZip(members: ZipMember[], limits: Partial<RecordCheckLimits> = {}): Promise<Verdict> {
  return checkRecord(byteSource(zip(members)), { ...DEFAULT_LIMITS, ...limits });
}
const outcome = (verdict: Verdict) =>
  verdict.accepted ? 'accepted' : [verdict.code, verdict.member].filter(Boolean).join(' ');

describe('ZIP: honest archives pass', () => {
  it('passes JPEGs, PDFs, TIFFs, text and DICOM, stored or deflated, in folders', async () => {
    const verdict = await checkZip([
      { name: 'imaging/', content: '' },
      { name: 'imaging/scan-1.jpg', content: JPEG },
      { name: 'imaging/scan-2.JPEG', content: JPEG, method: 'stored' },
      { name: 'imaging/scan-3.tif', content: tiff() },
      { name: 'pathology.pdf', content: await cleanPdf() },
      { name: 'labs.txt', content: FILES.text() },
      { name: 'notes', content: 'Follow-up in 3 months.\n' },
    ]);
    expect(verdict).toEqual({ accepted: true, kind: 'zip', mime: 'application/zip', extension: 'zip' });
  });

  it('passes a DICOM series named by UIDs, with and without .dcm, and its DICOMDIR', async () => {
    const verdict = await checkZip([
      { name: 'DICOMDIR', content: FILES.dicom() },
      { name: 'SE1/1.2.840.113619.2.55.3.604688119.868', content: FILES.dicom() },
      { name: 'SE1/IM-0001-0002.dcm', content: FILES.dicom() },
      { name: 'SE1/IM0003.IMA', content: FILES.dicom() },
    ]);
    expect(outcome(verdict)).toBe('accepted');
  });

  it('passes the metadata macOS adds (__MACOSX/._name, AppleDouble), and empty files', async () => {
    const appleDouble = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, ...Array(40).fill(0)]);
    const verdict = await checkZip([
      { name: 'scan.jpg', content: JPEG },
      { name: '__MACOSX/._scan.jpg', content: appleDouble },
      { name: 'empty.txt', content: '' },
    ]);
    expect(outcome(verdict)).toBe('accepted');
  });
});

describe('ZIP: members are checked like files of their own', () => {
  it.each([
    ['a Windows program', { name: 'viewer.exe', content: FILES.windowsExe() }, 'executable viewer.exe'],
    ['a program named like a scan', { name: 'scan.jpg', content: FILES.elf() }, 'executable scan.jpg'],
    ['a script', { name: 'readme.txt', content: HOSTILE_TEXT.bat }, 'text-script readme.txt'],
    ['an HTML application', { name: 'report.txt', content: HOSTILE_TEXT.hta }, 'text-markup report.txt'],
    [
      'a PDF with JavaScript',
      { name: 'report.pdf', content: HOSTILE_PDF.openActionJavaScript() },
      'pdf-active-content report.pdf',
    ],
    [
      'a PDF/HTML polyglot',
      { name: 'report.pdf', content: HOSTILE_PDF.htmlPolyglot() },
      'pdf-polyglot report.pdf',
    ],
    ['binary junk', { name: 'data.bin', content: FILES.junk() }, 'not-allowed-type data.bin'],
  ])('refuses %s', async (_, member, expected) => {
    expect(outcome(await checkZip([{ name: 'ok.jpg', content: JPEG }, member as ZipMember]))).toBe(expected);
  });

  it('reads a text member whole: a marker past its first megabytes is found', async () => {
    const text = `${'Lab results: normal.\n'.repeat(150_000)}@echo off\n`;
    expect(outcome(await checkZip([{ name: 'labs.txt', content: text, method: 'stored' }]))).toBe(
      'text-script labs.txt',
    );
  });

  it.each([
    ['a ZIP', () => zip([{ name: 'a.jpg', content: JPEG }])],
    ['a gzip file', () => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(20)])],
    [
      'a 7z archive',
      () => Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), Buffer.alloc(26)]),
    ],
  ])('refuses %s inside, found by its bytes whatever its name', async (_, build) => {
    expect(outcome(await checkZip([{ name: 'image-0001.dcm', content: build() }]))).toBe(
      'zip-nested-archive image-0001.dcm',
    );
  });

  it.each([
    ['text named .bat', { name: 'run.bat', content: 'dir\r\n' }],
    ['text named .hta', { name: 'report.hta', content: 'Lab results\n' }],
    ['a JPEG named .pdf', { name: 'report.pdf', content: JPEG }],
    ['a PDF named .exe', { name: 'report.exe', content: FILES.pdf() }],
    ['an empty file named .lnk', { name: 'shortcut.lnk', content: '' }],
  ])('refuses %s: extracted, its name would decide what opens it', async (_, member) => {
    expect(outcome(await checkZip([member]))).toBe(`zip-misnamed-member ${member.name}`);
  });

  it('shows a long member name shortened, keeping its end', async () => {
    // Act
    const verdict = await checkZip([
      { name: `${'report-'.repeat(30)}final.pdf.exe`, content: FILES.windowsExe() },
    ]);

    // Assert
    const member = verdict.accepted ? '' : verdict.member!;
    expect(member).toMatch(/^report-report-.*\.\.\..*final\.pdf\.exe$/);
    expect(member.length).toBeLessThanOrEqual(60);
  });
});

describe('ZIP: what the central directory gives away', () => {
  it.each([
    ['the encryption flag', { flags: 0x1 }],
    ['AES (method 99)', { methodNumber: 99 }],
  ])('refuses a member with %s', async (_, falsified) => {
    expect(outcome(await checkZip([{ name: 'report.pdf', content: FILES.pdf(), ...falsified }]))).toBe(
      'zip-encrypted',
    );
  });

  it('refuses strong encryption, which yauzl will not read', async () => {
    expect(outcome(await checkZip([{ name: 'report.pdf', content: FILES.pdf(), flags: 0x41 }]))).toBe(
      'zip-encrypted',
    );
  });

  it('refuses a packing method it cannot inflate (bzip2)', async () => {
    expect(outcome(await checkZip([{ name: 'report.pdf', content: FILES.pdf(), methodNumber: 12 }]))).toBe(
      'zip-unreadable',
    );
  });

  it.each([
    ['a parent folder', '../../etc/cron.d/x'],
    ['an absolute path', '/etc/passwd'],
    ['a drive', 'C:/Windows/System32/x.txt'],
    ['a Windows parent folder', '..\\..\\Startup\\x.txt'],
    ['a right-to-left override', BIDI_NAMES.override],
    ['an isolate', BIDI_NAMES.isolate],
    ['a control character', 'notes\u0007.txt'],
  ])('refuses a name with %s', async (_, name) => {
    expect(outcome(await checkZip([{ name, content: 'Lab results\n' }]))).toBe('zip-unsafe-path');
  });

  it('refuses a member inflating a thousandfold', async () => {
    expect(outcome(await checkZip([{ name: 'notes.txt', content: Buffer.alloc(20 * MiB, 0x20) }]))).toBe(
      'zip-bomb',
    );
  });

  it('refuses members each small but inflating far past the ratio together', async () => {
    const members = Array.from({ length: 8 }, (_, i) => ({
      name: `n${i}.txt`,
      content: Buffer.alloc(MiB / 2, 0x20),
    }));
    expect(outcome(await checkZip(members))).toBe('zip-bomb');
  });

  it('passes a highly compressible member under a mebibyte (small text shrinks a lot, and hurts no one)', async () => {
    expect(outcome(await checkZip([{ name: 'notes.txt', content: Buffer.alloc(MiB / 2, 0x20) }]))).toBe(
      'accepted',
    );
  });

  it('refuses members adding up to more than the limit unpacked', async () => {
    const members = [1, 2, 3].map((i) => ({ name: `s${i}.jpg`, content: JPEG, method: 'stored' as const }));
    expect(outcome(await checkZip(members, { maxUnzippedBytes: 2 * JPEG.length }))).toBe('zip-bomb');
  });

  it('refuses entries that share their data (overlapping entries unpack it again and again)', async () => {
    const verdict = await checkZip([
      { name: 'a.jpg', content: JPEG },
      { name: 'b.jpg', content: JPEG, sameDataAs: 0 },
    ]);
    expect(outcome(verdict)).toBe('zip-bomb');
  });

  it('refuses a ZIP with nothing in it as empty', async () => {
    expect(outcome(await checkZip([]))).toBe('empty');
  });

  it('refuses more entries than allowed, before reading any', async () => {
    const members = [1, 2, 3].map((i) => ({ name: `s${i}.jpg`, content: JPEG }));
    expect(outcome(await checkZip(members, { maxZipEntries: 2 }))).toBe('zip-too-many-entries');
  });

  it('refuses a ZIP cut short as unreadable', async () => {
    const bytes = zip([{ name: 'a.jpg', content: JPEG }]);
    expect(outcome(await checkRecord(byteSource(bytes.subarray(0, bytes.length - 10))))).toBe(
      'zip-unreadable',
    );
  });

  it('refuses a ZIP whose member’s local header is not where the directory says', async () => {
    // Arrange
    const bytes = zip([
      { name: 'a.jpg', content: JPEG },
      { name: 'b.jpg', content: JPEG },
    ]);
    const second = bytes.indexOf('PK\x03\x04', 4, 'latin1');
    bytes.write('XX', second, 'latin1');

    // Act / Assert
    expect(outcome(await checkRecord(byteSource(bytes)))).toBe('zip-unreadable');
  });
});

describe('ZIP: reading', () => {
  it('reads a ZIP of many small members in a few block reads, not one per member', async () => {
    // Arrange
    const members = Array.from({ length: 300 }, (_, i) => ({ name: `IM${i}.dcm`, content: FILES.dicom() }));
    const source = byteSource(zip(members));

    // Act
    const verdict = await checkRecord(source);

    // Assert
    expect(verdict.accepted).toBe(true);
    expect(source.reads).toBeLessThanOrEqual(3); // the head, then one block holding it all
  });
});
