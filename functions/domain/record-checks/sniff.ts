import { fileTypeFromBuffer } from 'file-type/core';
import type { RecordKind } from './verdict.js';

/** How much of a file's start the detector reads to decide (file-type's reasonableDetectionSizeInBytes, untyped). */
export const SNIFF_BYTES = 4100;

/** file-type's extension for each kind a record may be. */
const KINDS: Readonly<Record<string, RecordKind>> = {
  pdf: 'pdf',
  dcm: 'dicom',
  jpg: 'jpeg',
  png: 'png',
  tif: 'tiff',
  zip: 'zip',
};

/** Containers of other files: inside a ZIP, a nested archive. */
const ARCHIVES = new Set(
  'zip 7z rar gz tar tar.gz bz2 xz zst lz lz4 lzh Z ar arj ace cab cpio deb rpm dmg asar'.split(' '),
);

/** What runs: programs, installers and packaged code. */
const PROGRAMS = new Set('exe elf macho class wasm lnk swf chm apk jar xpi crx reg'.split(' '));

export type Sniffed =
  | { kind: RecordKind }
  /** Known, and not a record: an archive, a program, or any other type (a Word file, a video...). */
  | { family: 'archive' | 'program' | 'other' }
  /** No signature found: only text is left for it to be. */
  | { family: 'none' };

/** What the start of a file says it is, by file-type's signatures (a malformed start is no signature). */
export async function sniff(head: Uint8Array): Promise<Sniffed> {
  const type = await fileTypeFromBuffer(head).catch(() => undefined);
  if (!type) return { family: 'none' };
  const kind = KINDS[type.ext];
  if (kind) return { kind };
  if (ARCHIVES.has(type.ext)) return { family: 'archive' };
  return { family: PROGRAMS.has(type.ext) ? 'program' : 'other' };
}
