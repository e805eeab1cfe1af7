import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { PdfScanner } from '../../../../functions/domain/record-checks/pdf.js';
import { scan } from '../../../../functions/domain/record-checks/scanner.js';
import { HOSTILE_PDF, cleanPdf, pdfWithJavaScriptInObjectStream } from '../../../support/hostile-files.js';
import { objectStream, pdf, streamObject, type PdfObject } from '../../../support/pdf-writer.js';

const PAGES = '<< /Type /Pages /Kids [] /Count 0 >>';
const MiB = 1024 * 1024;

/** The PDF checks' verdict for the bytes, in the chunks given (one by default). */
async function pdfVerdict(bytes: Uint8Array, options: { cuts?: number[]; maxInflated?: number } = {}) {
  const cuts = [0, ...(options.cuts ?? []).sort((a, b) => a - b), bytes.length];
  const chunks = cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
  return scan(new PdfScanner(options.maxInflated ?? 64 * MiB), chunks);
}
const code = async (bytes: Uint8Array, options?: Parameters<typeof pdfVerdict>[1]) => {
  const verdict = await pdfVerdict(bytes, options);
  return verdict ? [verdict.code, verdict.feature].filter(Boolean).join(':') : 'accepted';
};
/** A catalog (object 1) with `entries`, the page tree (2), and more objects from 3. */
const document = (entries: string, ...objects: PdfObject[]) =>
  pdf([`<< /Type /Catalog /Pages 2 0 R ${entries} >>`, PAGES, ...objects]);

describe('PdfScanner: active names', () => {
  it.each([
    ['/Names << /JavaScript 3 0 R >>', 'javascript'],
    ['/AcroForm << /Fields [] >> /X << /S /JavaScript /JS (x) >>', 'javascript'],
    ['/X << /S /Launch /F (calc.exe) >>', 'launch'],
    ['/Names << /EmbeddedFiles 3 0 R >>', 'embedded-file'],
    ['/X << /Type /Filespec /EF << /F 3 0 R >> >>', 'embedded-file'],
    ['/X << /Subtype /FileAttachment >>', 'embedded-file'],
    ['/X << /Subtype /RichMedia >>', 'rich-media'],
    ['/AcroForm << /XFA 3 0 R >>', 'xfa-form'],
    ['/AA << /O 3 0 R >>', 'automatic-action'],
    ['/X << /S /GoToR /F (\\\\\\\\203.0.113.9\\\\share\\\\x.pdf) >>', 'outside-action'],
    ['/X << /S /GoToE >>', 'outside-action'],
    ['/X << /S /SubmitForm /F (https://203.0.113.9/) >>', 'outside-action'],
    ['/X << /S /ImportData /F (x.fdf) >>', 'outside-action'],
  ])('refuses %s', async (entries, feature) => {
    expect(await code(document(entries))).toBe(`pdf-active-content:${feature}`);
  });

  it.each([
    ['/J#53', 'javascript'],
    ['/#41A', 'automatic-action'],
    ['/X#46A', 'xfa-form'],
    ['/#4C#61#75#6E#63#68', 'launch'],
  ])('reads #xx escapes: %s', async (name, feature) => {
    expect(await code(document(`/X << ${name} (x) >>`))).toBe(`pdf-active-content:${feature}`);
  });

  it.each([
    ['/AA', 'automatic-action'],
    ['/JS', 'javascript'],
    ['/XFA', 'xfa-form'],
    ['/EF', 'embedded-file'],
  ])(
    'finds %s inside a compressed object stream, where the file\u2019s bytes do not show it',
    async (name, feature) => {
      // Arrange
      const bytes = document('', objectStream([[4, `<< ${name} 5 0 R >>`]]));
      expect(bytes.toString('latin1')).not.toContain(name);

      // Act / Assert
      expect(await code(bytes)).toBe(`pdf-active-content:${feature}`);
    },
  );

  it('reads a stream with /N and /First as an object stream, whatever its /Type says', async () => {
    const hidden = streamObject('4 0\n<< /AA 5 0 R >>', '/N 1 /First 4 ');
    expect(await code(document('', hidden))).toBe('pdf-active-content:automatic-action');
  });

  it('reads an object stream that is not compressed', async () => {
    expect(await code(document('', objectStream([[4, '<< /JS (x) >>']], false)))).toBe(
      'pdf-active-content:javascript',
    );
  });

  it('finds a long active name hidden where the tokenizer steps over (a string a reader may jump into)', async () => {
    expect(await code(document('/Title (4 0 obj << /S /Launch /F (calc.exe) >> endobj)'))).toBe(
      'pdf-active-content:launch',
    );
  });
});

describe('PdfScanner: names that act on nothing are not refused', () => {
  it.each([
    ['a string', '/Title (Notes on /JS and /AA)'],
    ['a hex string', '/ID [<4A53> <4141>]'],
    ['a comment', '\n% /JS /AA\n'],
    ['a longer name', '/JSX 1 /AAB 2 /XFAform 3'],
    ['a URI link', '/X << /S /URI /URI (https://example.org/report) >>'],
  ])('in %s', async (_, entries) => {
    expect(await code(document(entries))).toBe('accepted');
  });

  it('in the data of a stream that is not an object stream (compressed bytes may hold /JS by chance)', async () => {
    const image = {
      dict: '<< /Type /XObject /Subtype /Image /Length 12 >>',
      stream: Buffer.from('\x00/JS /AA\x01\x02'),
    };
    expect(await code(document('', image))).toBe('accepted');
  });
});

describe('PdfScanner: /OpenAction', () => {
  const goTo = '<< /S /GoTo /D [2 0 R /Fit] >>';

  it.each([
    ['a destination array', '/OpenAction [2 0 R /Fit]', []],
    ['an inline GoTo', `/OpenAction ${goTo}`, []],
    ['a reference to a GoTo action', '/OpenAction 3 0 R', [goTo]],
    ['a reference to a destination', '/OpenAction 3 0 R', ['[2 0 R /Fit]']],
    ['a reference to no object', '/OpenAction 9 0 R', []],
  ])('passes %s', async (_, entries, objects) => {
    expect(await code(document(entries, ...objects))).toBe('accepted');
  });

  it.each([
    ['an inline URI', '/OpenAction << /S /URI /URI (https://203.0.113.9/beacon) >>', []],
    ['an inline Named action', '/OpenAction << /S /Named /N /Print >>', []],
    ['an inline GoTo chaining another action', '/OpenAction << /S /GoTo /D [2 0 R /Fit] /Next 3 0 R >>', []],
    ['a reference to a URI action', '/OpenAction 3 0 R', ['<< /S /URI /URI (https://203.0.113.9/) >>']],
    ['a reference to a GoTo chaining more', '/OpenAction 3 0 R', ['<< /S /GoTo /D [2 0 R] /Next 4 0 R >>']],
  ])('refuses %s', async (_, entries, objects) => {
    expect(await code(document(entries, ...objects))).toBe('pdf-active-content:automatic-action');
  });

  it('refuses a reference to a URI action kept in an object stream', async () => {
    const bytes = document(
      '/OpenAction 4 0 R',
      objectStream([[4, '<< /S /URI /URI (https://203.0.113.9/) >>']]),
    );
    expect(await code(bytes)).toBe('pdf-active-content:automatic-action');
  });
});

describe('PdfScanner: object streams it cannot read', () => {
  it.each([
    ['an LZW filter', '/Filter /LZWDecode'],
    ['a chain of filters', '/Filter [/ASCIIHexDecode /FlateDecode]'],
    ['a PNG predictor', '/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>'],
  ])('refuses %s', async (_, filter) => {
    const stream = {
      dict: `<< /Type /ObjStm /N 1 /First 4 ${filter} /Length 5 >>`,
      stream: Buffer.from('abcde'),
    };
    expect(await code(document('', stream))).toBe('pdf-uninspectable');
  });

  it('refuses data that does not inflate', async () => {
    const stream = {
      dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 5 >>',
      stream: Buffer.from('abcde'),
    };
    expect(await code(document('', stream))).toBe('pdf-uninspectable');
  });

  it('refuses object streams that inflate past the budget', async () => {
    const big = objectStream([[4, `<< /Padding (${'x'.repeat(200_000)}) >>`]]);
    expect(await code(document('', big), { maxInflated: 100_000 })).toBe('pdf-uninspectable');
    expect(await code(document('', big), { maxInflated: 300_000 })).toBe('accepted');
  });

  it('reads what a truncated object stream holds, as a reader would show it', async () => {
    // Arrange
    const content = Buffer.from(`4 0\n<< /JS (x) /Padding (${'y'.repeat(50_000)}) >>`, 'latin1');
    const cut = deflateSync(content).subarray(0, 200);
    const stream = {
      dict: `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${cut.length} >>`,
      stream: cut,
    };

    // Act / Assert
    expect(await code(document('', stream))).toBe('pdf-active-content:javascript');
  });

  it('says an encrypted PDF is encrypted, though its object streams do not inflate either', async () => {
    const scrambled = {
      dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 8 >>',
      stream: Buffer.from('\x8f\x11\x02\xc4\x90\x33\x7e\x01', 'latin1'),
    };
    const bytes = pdf(
      ['<< /Type /Catalog /Pages 2 0 R >>', PAGES, scrambled, '<< /Filter /Standard /V 2 >>'],
      { trailer: '/Root 1 0 R /Encrypt 4 0 R' },
    );
    expect(await code(bytes)).toBe('pdf-encrypted');
  });
});

describe('PdfScanner: polyglots', () => {
  it('refuses markup hidden in a comment', async () => {
    expect(await code(document('', '<< >>'), {})).toBe('accepted');
    expect(
      await code(
        pdf(['<< /Type /Catalog /Pages 2 0 R >>', PAGES], { prefix: '%<script>alert(1)</script>\n' }),
      ),
    ).toBe('pdf-polyglot');
  });

  it('refuses markup in a string', async () => {
    expect(await code(document('/Title (<iframe src=//203.0.113.9>)'))).toBe('pdf-polyglot');
  });

  it('passes XML inside stream data (XMP metadata)', async () => {
    const xmp =
      '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<?xml version="1.0"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><html>not a page</html></x:xmpmeta>';
    expect(
      await code(document('/Metadata 3 0 R', streamObject(xmp, '/Type /Metadata /Subtype /XML ', false))),
    ).toBe('accepted');
  });
});

describe('PdfScanner: real documents', () => {
  it('passes pdf-lib\u2019s PDFs, with and without object streams', async () => {
    const clean = await PDFDocument.load(await cleanPdf());
    expect(await code(await clean.save({ useObjectStreams: true }))).toBe('accepted');
    expect(await code(await clean.save({ useObjectStreams: false }))).toBe('accepted');
  });

  it('refuses pdf-lib\u2019s PDF with an attached file', async () => {
    const document = await PDFDocument.load(await cleanPdf());
    await document.attach(Buffer.from('MZ\x90\x00'), 'setup.exe', { mimeType: 'application/octet-stream' });
    expect(await code(await document.save())).toBe('pdf-active-content:embedded-file');
  });
});

describe('PdfScanner: chunk boundaries change nothing', () => {
  it('gives the same verdict however the file is cut into chunks', async () => {
    const fixtures = [
      await cleanPdf(),
      await pdfWithJavaScriptInObjectStream(),
      HOSTILE_PDF.escapedName(),
      HOSTILE_PDF.htmlPolyglot(),
      HOSTILE_PDF.javaScriptInObjectStream(),
      document('/OpenAction 3 0 R', '<< /S /URI /URI (https://203.0.113.9/) >>'),
      document('/X << /J#53 (x) >>'),
    ];
    const whole = await Promise.all(fixtures.map((bytes) => code(bytes)));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: fixtures.length - 1 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (which, cuts) => {
          const bytes = fixtures[which]!;
          expect(await code(bytes, { cuts: cuts.map((c) => c % bytes.length) })).toBe(whole[which]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same verdict one byte at a time', async () => {
    const bytes = HOSTILE_PDF.javaScriptInObjectStream();
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await code(bytes, { cuts: everyByte })).toBe('pdf-active-content:javascript');
  });
});
