import { deflateSync } from 'node:zlib';

/** An object's dictionary (or any value), and the data of its stream when it has one. */
export type PdfObject = string | { dict: string; stream: Uint8Array };

/**
 * A minimal PDF writer for tests: objects numbered from 1 in the order given, a cross-reference table with
 * their offsets, and a trailer (the catalog is object 1 unless told otherwise). `prefix` goes after the header.
 */
export function pdf(
  objects: readonly PdfObject[],
  options: { trailer?: string; prefix?: string } = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${options.prefix ?? ''}`, 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const add = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, index) => {
    offsets.push(length);
    if (typeof object === 'string') {
      add(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
    } else {
      add(Buffer.from(`${index + 1} 0 obj\n${object.dict}\nstream\n`, 'latin1'));
      add(Buffer.from(object.stream));
      add(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} ${options.trailer ?? '/Root 1 0 R'} >>`,
    'startxref',
    String(length),
    '%%EOF\n',
  ].join('\n');
  add(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A stream object whose data is `content`, Flate-compressed unless told otherwise. */
export function streamObject(content: string | Uint8Array, extraDict = '', compress = true): PdfObject {
  const raw = typeof content === 'string' ? Buffer.from(content, 'latin1') : Buffer.from(content);
  const data = compress ? deflateSync(raw) : raw;
  const filter = compress ? '/Filter /FlateDecode ' : '';
  return { dict: `<< ${filter}/Length ${data.length} ${extraDict}>>`, stream: data };
}

/** An object stream (/Type /ObjStm) holding the given objects by number. */
export function objectStream(objects: ReadonlyArray<[number, string]>, compress = true): PdfObject {
  let body = '';
  const header: string[] = [];
  for (const [number, value] of objects) {
    header.push(`${number} ${body.length}`);
    body += `${value}\n`;
  }
  const head = `${header.join(' ')}\n`;
  return streamObject(head + body, `/Type /ObjStm /N ${objects.length} /First ${head.length} `, compress);
}
