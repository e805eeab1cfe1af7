import type {
  ByteSource,
  Download,
  PresignedForm,
  RecordFiles,
  RecordStore,
} from '../../../functions/domain/ports.js';
import type { MedicalRecord, RecordOutcome, RecordStatus } from '../../../functions/domain/records.js';
import { byteSource } from '../byte-source.js';

/**
 * RecordStore in memory with DynamoRecordStore's conditional semantics: `put` only if absent,
 * `settle` only from the expected status. Records are copied in and out, as a database would.
 */
export class MemoryRecordStore implements RecordStore {
  private readonly records = new Map<string, MedicalRecord>();

  async put(record: MedicalRecord): Promise<boolean> {
    const id = this.id(record.caseId, record.recordId);
    if (this.records.has(id)) return false;
    this.records.set(id, structuredClone(record));
    return true;
  }

  async get(caseId: string, recordId: string): Promise<MedicalRecord | undefined> {
    const record = this.records.get(this.id(caseId, recordId));
    return record && structuredClone(record);
  }

  async list(caseId: string): Promise<MedicalRecord[]> {
    return [...this.records.values()]
      .filter((record) => record.caseId === caseId)
      .map((record) => structuredClone(record));
  }

  async settle(
    caseId: string,
    recordId: string,
    outcome: RecordOutcome,
    from: RecordStatus = 'requested',
  ): Promise<boolean> {
    const id = this.id(caseId, recordId);
    const record = this.records.get(id);
    if (record?.status !== from) return false;
    // As the table's update: what the outcome says, and nothing an earlier outcome said.
    const { kind: _k, refusedCode: _c, refusedReason: _r, refusedMember: _m, ...kept } = record;
    this.records.set(id, {
      ...kept,
      receivedAt: new Date().toISOString(),
      ...structuredClone(outcome),
    });
    return true;
  }

  size(): number {
    return this.records.size;
  }

  private id(caseId: string, recordId: string): string {
    return `${caseId}#${recordId}`;
  }
}

/** One presigned PUT the fake handed out, to check what it was bound to. */
export interface PresignedPut {
  key: string;
  contentType: string;
  sizeBytes: number;
  expiresInSeconds: number;
  url: string;
}

/**
 * The records bucket in memory: `store` plays an upload arriving (whatever its bytes), presigning
 * answers fake URLs naming what they are bound to, `removed` lists deleted keys.
 */
export class MemoryRecordFiles implements RecordFiles {
  readonly puts: PresignedPut[] = [];
  readonly forms: Array<{ key: string; maxBytes: number; expiresInSeconds: number; redirect: string }> = [];
  readonly removed: string[] = [];
  private readonly objects = new Map<string, Uint8Array>();

  constructor(private readonly baseUrl = 'https://records.example') {}

  store(key: string, bytes: Uint8Array | string): void {
    this.objects.set(
      key,
      typeof bytes === 'string' ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes),
    );
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  async presignPut(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<string> {
    const url = `${this.baseUrl}/${key}?expires=${expiresInSeconds}&type=${encodeURIComponent(contentType)}&size=${sizeBytes}`;
    this.puts.push({ key, contentType, sizeBytes, expiresInSeconds, url });
    return url;
  }

  async presignGet(key: string, download: Download, expiresInSeconds: number): Promise<string> {
    const query = new URLSearchParams({
      download: download.fileName,
      type: download.contentType,
      expires: String(expiresInSeconds),
    });
    return `${this.baseUrl}/${key}?${query}`;
  }

  async presignForm(
    key: string,
    maxBytes: number,
    expiresInSeconds: number,
    redirect: string,
  ): Promise<PresignedForm> {
    this.forms.push({ key, maxBytes, expiresInSeconds, redirect });
    return { url: this.baseUrl, fields: { key, success_action_redirect: redirect } };
  }

  async open(key: string): Promise<ByteSource | undefined> {
    const bytes = this.objects.get(key);
    return bytes && byteSource(bytes);
  }

  async remove(key: string): Promise<void> {
    this.objects.delete(key);
    this.removed.push(key);
  }
}
