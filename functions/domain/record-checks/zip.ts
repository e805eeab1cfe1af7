import { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ByteSource } from '../ports.js';
import { blockCache } from './block-cache.js';
import { checkContent } from './content.js';
import type { RecordCheckLimits } from './limits.js';
import { SNIFF_BYTES, sniff } from './sniff.js';
import { accept, refuse, refuseMember, type RecordKind, type Refused, type Verdict } from './verdict.js';
import { displayName, hasHiddenCharacters } from './display-name.js';

/** Ratios count only past this size: a small text file may shrink a hundredfold, and hurts no one. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const STORED = 0;
const DEFLATED = 8;
/** WinZip's AES encryption, marked as a compression method. */
const AES = 99;
const ENCRYPTED_FLAG = 0x1;
/** What a member's name may end in, for what it really is; a name without a (lettered) extension is fine. */
const MEMBER_EXTENSIONS: Readonly<Record<RecordKind, readonly string[]>> = {
  pdf: ['pdf'],
  dicom: ['dcm', 'dicom', 'dic', 'ima'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png'],
  tiff: ['tif', 'tiff'],
  text: ['txt', 'text'],
  zip: [],
};
/** A DICOM file named by its UID ("1.2.840.113619.2.55") has digits after its last dot: no extension. */
const EXTENSION = /\.([a-z][a-z0-9]{0,9})$/i;
/** Members are read in pieces this size: a member's first bytes cost one piece, not a whole chunk. */
const MEMBER_READ_BYTES = 64 * 1024;
/** macOS's Archive Utility adds `__MACOSX/._name` entries holding file metadata (AppleDouble), not files. */
const APPLE_DOUBLE = { folder: '__MACOSX/', magic: [0x00, 0x05, 0x16, 0x07] } as const;
const MEMBER_NAME_LENGTH = 60;

interface Member {
  entry: Entry;
  name: string;
}

/**
 * A ZIP whose every member is itself an allowed record: its central directory read with yauzl (never its
 * local headers alone), then each member's first bytes sniffed, and PDF and text members read whole through
 * the same checks, inflation bounded by the sizes the directory declares (yauzl holds members to them).
 */
export async function checkZip(source: ByteSource, limits: RecordCheckLimits): Promise<Verdict> {
  const reader = new SourceReader(blockCache(source));
  let zip: ZipFile | undefined;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(reader, source.size, {
      autoClose: false,
      decodeStrings: false,
    });
    if (zip.entryCount === 0) return refuse('empty');
    if (zip.entryCount > limits.maxZipEntries) return refuse('zip-too-many-entries');
    const members: Member[] = [];
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      if (yauzl.validateFileName(name) !== null || hasHiddenCharacters(name))
        return refuse('zip-unsafe-path');
      members.push({ entry, name });
    }
    const directoryRefusal = checkDirectory(members, source.size, limits);
    if (directoryRefusal) return directoryRefusal;
    members.sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
    for (const member of members) {
      const refused = await checkMember(zip, member, limits);
      if (refused) return refused;
    }
    return accept('zip');
  } catch (error) {
    // The store failing is a fault to retry; anything else is the ZIP's own.
    if (reader.fault) throw reader.fault;
    return refuse(
      (error as Error).message === 'strong encryption is not supported' ? 'zip-encrypted' : 'zip-unreadable',
    );
  } finally {
    zip?.close();
  }
}

/** What the central directory alone shows: encryption, unknown packing, and sizes that only a bomb declares. */
function checkDirectory(
  members: readonly Member[],
  archiveBytes: number,
  limits: RecordCheckLimits,
): Refused | undefined {
  let packed = 0;
  let unpacked = 0;
  const offsets = new Set<number>();
  for (const { entry } of members) {
    if (entry.generalPurposeBitFlag & ENCRYPTED_FLAG || entry.compressionMethod === AES)
      return refuse('zip-encrypted');
    if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)
      return refuse('zip-unreadable');
    if (isBomb(entry.uncompressedSize, entry.compressedSize, limits)) return refuse('zip-bomb');
    // Members sharing their bytes (overlapping entries) unpack the same data many times over.
    if (offsets.has(entry.relativeOffsetOfLocalHeader)) return refuse('zip-bomb');
    offsets.add(entry.relativeOffsetOfLocalHeader);
    packed += entry.compressedSize;
    unpacked += entry.uncompressedSize;
  }
  if (packed > archiveBytes || unpacked > limits.maxUnzippedBytes || isBomb(unpacked, packed, limits)) {
    return refuse('zip-bomb');
  }
  return undefined;
}

function isBomb(unpacked: number, packed: number, limits: RecordCheckLimits): boolean {
  return unpacked > RATIO_FLOOR_BYTES && unpacked > limits.maxZipRatio * Math.max(packed, 1);
}

/** A member's content checked like a file of its own, and its name matched against what it really is. */
async function checkMember(
  zip: ZipFile,
  { entry, name }: Member,
  limits: RecordCheckLimits,
): Promise<Refused | undefined> {
  const shown = displayName(name, MEMBER_NAME_LENGTH) ?? '';
  const directory = name.endsWith('/');
  if (directory && entry.uncompressedSize === 0) return undefined;
  const extension = EXTENSION.exec(directory ? '' : name)?.[1]?.toLowerCase();
  if (entry.uncompressedSize === 0) {
    const known = Object.values(MEMBER_EXTENSIONS).some((list) => list.includes(extension ?? ''));
    return extension === undefined || known ? undefined : refuseMember(refuse('zip-misnamed-member'), shown);
  }
  const stream = await zip.openReadStreamPromise(entry);
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const buffered: Buffer[] = [];
    let headBytes = 0;
    while (headBytes < SNIFF_BYTES) {
      const next = await chunks.next();
      if (next.done) break;
      buffered.push(next.value);
      headBytes += next.value.length;
    }
    const head = Buffer.concat(buffered).subarray(0, SNIFF_BYTES);
    if (name.startsWith(APPLE_DOUBLE.folder) && APPLE_DOUBLE.magic.every((b, i) => head[i] === b))
      return undefined;
    const verdict = await checkContent(await sniff(head), head, replay(buffered, chunks), limits, 'member');
    if (!verdict.accepted) return refuseMember(verdict, shown);
    if (extension !== undefined && !MEMBER_EXTENSIONS[verdict.kind].includes(extension)) {
      return refuseMember(refuse('zip-misnamed-member'), shown);
    }
    return undefined;
  } finally {
    await chunks.return?.();
  }
}

/** The chunks already read, then the rest. */
async function* replay(buffered: readonly Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Uint8Array> {
  yield* buffered;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** yauzl's reader over a ByteSource; a failed read is kept, to be thrown as the fault it is. */
class SourceReader extends yauzl.RandomAccessReader {
  fault: unknown;

  constructor(private readonly source: ByteSource) {
    super();
  }

  _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(this.chunks(start, end), { objectMode: false });
  }

  private async *chunks(start: number, end: number): AsyncGenerator<Buffer> {
    for (let at = start; at < end; at += MEMBER_READ_BYTES) {
      try {
        const bytes = await this.source.read(at, Math.min(MEMBER_READ_BYTES, end - at));
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      } catch (error) {
        this.fault ??= error;
        throw error;
      }
    }
  }
}
