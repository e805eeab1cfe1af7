/**
 * Small files of each kind, as their first bytes make them (what the sniffer reads): enough to be
 * told apart, not full documents.
 */
const bytes = (...parts: Array<string | number[] | Uint8Array>): Buffer =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part as ArrayLike<number>),
    ),
  );

export const FILES = {
  pdf: () => bytes('%PDF-1.4\n% pathology\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
  png: () => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', Buffer.alloc(17)),
  jpeg: () => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', Buffer.alloc(16)),
  /** A DICOM Part 10 file: a 128-byte preamble, then "DICM". */
  dicom: () => bytes(Buffer.alloc(128), 'DICM', [0x02, 0x00, 0x00, 0x00], 'UL', Buffer.alloc(8)),
  text: () => Buffer.from('Lab results\tCA 15-3: 22 U/mL\r\nHER2: negative (IHC 1+)\n', 'utf8'),
  /** A Windows PE executable (MZ header). */
  windowsExe: () =>
    bytes('MZ', [0x90, 0x00, 0x03], Buffer.alloc(59), 'This program cannot be run in DOS mode'),
  /** A Linux ELF executable. */
  elf: () => bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01], Buffer.alloc(57)),
  /** Binary junk: control bytes and invalid UTF-8, no known signature. */
  junk: () => bytes([0x00, 0x01, 0x02, 0xfe, 0x9c, 0x13, 0x00, 0x07, 0x1b, 0xc0, 0xaf]),
} as const;
