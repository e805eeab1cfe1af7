import { winAnsiBytes, type FontName } from './fonts.js';

/**
 * A text-only PDF 1.4 writer: pages of lines in the standard fonts, an Info dictionary and an
 * xref table. Content streams stay uncompressed: they stay readable, and a report is tens of KB.
 *
 * The file is built as a binary string (every char below 256 is one byte), so a string's length
 * is the byte offset the xref table needs.
 */

/** Width and height in points (1/72 inch). */
export const PAGE_SIZES = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
} as const satisfies Record<string, readonly [number, number]>;

export type PageSize = keyof typeof PAGE_SIZES;

/** The name each font has in a page's resources, as content streams refer to it. */
const FONT_KEYS: Readonly<Record<FontName, string>> = { Helvetica: 'F1', 'Helvetica-Bold': 'F2' };

/** The Info dictionary, and the document's language (a BCP 47 tag, the catalog's /Lang). */
export interface DocumentInfo {
  lang: string;
  title: string;
  subject: string;
  author: string;
  creator: string;
  producer: string;
  created: Date;
}

/** Up to two decimals, never exponent notation. */
function num(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** A literal string: the three characters with a meaning inside one are escaped. */
function literal(bytes: string): string {
  return `(${bytes.replace(/[\\()]/g, '\\$&')})`;
}

/**
 * A text string outside content streams (Info, /Lang): ASCII as a literal; anything else ("Informe de segunda
 * opinión") as UTF-16BE with its byte-order mark, in hex (PDF 1.7 §7.9.2.2).
 */
function infoString(text: string): string {
  if (/^[ -~]*$/.test(text)) return literal(text);
  // A JavaScript string is UTF-16 code units already.
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ, in UTC. */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]|\.\d+Z$/g, '')}Z`;
}

export class PdfPage {
  private content = '';

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** One line of text with its baseline starting at (x, y) from the bottom-left corner. */
  drawText(text: string, options: { x: number; y: number; size: number; font: FontName }): void {
    const { x, y, size, font } = options;
    const line = `BT /${FONT_KEYS[font]} ${num(size)} Tf ${num(x)} ${num(y)} Td ${literal(winAnsiBytes(text))} Tj ET`;
    this.content += `${line}\n`;
  }

  get contentStream(): string {
    return this.content;
  }
}

export class PdfDocument {
  private readonly pageList: PdfPage[] = [];

  constructor(private readonly size: PageSize = 'Letter') {}

  get pages(): readonly PdfPage[] {
    return this.pageList;
  }

  addPage(): PdfPage {
    const [width, height] = PAGE_SIZES[this.size];
    const page = new PdfPage(width, height);
    this.pageList.push(page);
    return page;
  }

  save(info: DocumentInfo): Uint8Array {
    const objects: string[] = [];
    // Objects are numbered from 1 in the order they are added; the catalog and the page tree
    // refer to objects added after them, so they are reserved first and filled in last.
    const add = (body: string): number => objects.push(body);
    const ref = (id: number): string => `${id} 0 R`;
    const catalog = add('');
    const pageTree = add('');
    const fonts = Object.entries(FONT_KEYS).map(([name, key]) => {
      const font = add(`<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`);
      return `/${key} ${ref(font)}`;
    });
    const kids = this.pageList.map((page) => {
      const stream = page.contentStream;
      const contents = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
      return add(
        `<< /Type /Page /Parent ${ref(pageTree)} /MediaBox [0 0 ${num(page.width)} ${num(page.height)}]` +
          ` /Resources << /Font << ${fonts.join(' ')} >> >> /Contents ${ref(contents)} >>`,
      );
    });
    // /Lang for screen readers and text extraction; the viewer's window shows the title, not the file name.
    objects[catalog - 1] =
      `<< /Type /Catalog /Pages ${ref(pageTree)} /Lang ${infoString(info.lang)}` +
      ` /ViewerPreferences << /DisplayDocTitle true >> >>`;
    objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map(ref).join(' ')}] /Count ${kids.length} >>`;
    const date = literal(pdfDate(info.created));
    const infoDictionary = add(
      [
        `<< /Title ${infoString(info.title)} /Subject ${infoString(info.subject)}`,
        `/Author ${infoString(info.author)} /Creator ${infoString(info.creator)} /Producer ${infoString(info.producer)}`,
        `/CreationDate ${date} /ModDate ${date} >>`,
      ].join(' '),
    );
    return serialize(objects, catalog, infoDictionary);
  }
}

function serialize(objects: readonly string[], root: number, info: number): Uint8Array {
  // The comment's bytes above 127 tell transfer tools that the file is binary.
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  // Each entry is exactly 20 bytes, its line ending included.
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R /Info ${info} 0 R >>\n`;
  pdf += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
