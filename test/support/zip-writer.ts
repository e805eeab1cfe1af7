import { crc32, deflateRawSync } from 'node:zlib';

/** One file to put in a ZIP, and what to falsify about it (hostile fixtures). */
export interface ZipMember {
  name: string;
  content: Uint8Array | string;
  /** Stored as is, or deflated (the default). */
  method?: 'stored' | 'deflated';
  /** The general-purpose bit flag (bit 0: encrypted). */
  flags?: number;
  /** A compression method number written instead of the real one (99: AES). */
  methodNumber?: number;
  /** Points this entry's directory record at an earlier member's local header (overlapping entries). */
  sameDataAs?: number;
}

/**
 * A minimal ZIP writer for tests (yazl is not installed): local headers, data, central directory, end record.
 * No data descriptors, no ZIP64, names in UTF-8 (bit 11).
 */
export function zip(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const content =
      typeof member.content === 'string' ? Buffer.from(member.content, 'utf8') : Buffer.from(member.content);
    const deflated = member.method !== 'stored';
    const data = deflated ? deflateRawSync(content) : content;
    const method = member.methodNumber ?? (deflated ? 8 : 0);
    const flags = 0x800 | (member.flags ?? 0);
    const fields = { method, flags, crc: crc32(content), packed: data.length, unpacked: content.length };
    const reused = member.sameDataAs;
    const localOffset = reused === undefined ? offset : offsets[reused]!;
    offsets.push(localOffset);
    if (reused === undefined) {
      const local = Buffer.concat([localHeader(fields, name), name, data]);
      locals.push(local);
      offset += local.length;
    }
    directory.push(Buffer.concat([directoryHeader(fields, name, localOffset), name]));
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

interface Fields {
  method: number;
  flags: number;
  crc: number;
  packed: number;
  unpacked: number;
}

function localHeader(fields: Fields, name: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(fields.flags, 6);
  header.writeUInt16LE(fields.method, 8);
  header.writeUInt32LE(fields.crc, 14);
  header.writeUInt32LE(fields.packed, 18);
  header.writeUInt32LE(fields.unpacked, 22);
  header.writeUInt16LE(name.length, 26);
  return header;
}

function directoryHeader(fields: Fields, name: Buffer, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(fields.flags, 8);
  header.writeUInt16LE(fields.method, 10);
  header.writeUInt32LE(fields.crc, 16);
  header.writeUInt32LE(fields.packed, 20);
  header.writeUInt32LE(fields.unpacked, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(localOffset, 42);
  return header;
}
