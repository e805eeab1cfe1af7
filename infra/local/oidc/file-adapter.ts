import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; absent: kept until destroyed. */
  expiresAt?: number;
}

/**
 * oidc-provider's storage (its sessions, grants, codes and refresh tokens) in one JSON file in the data dir,
 * owner-only, written on every change: a restart keeps people signed in, as the console's sessions (in the
 * table) outlive it. A handful of people on one machine: lookups by uid or grant scan every entry.
 */
export class FileStorage {
  private readonly entries: Map<string, Entry>;

  constructor(private readonly file: string) {
    const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>) : {};
    this.entries = new Map(Object.entries(stored).filter(([, entry]) => this.live(entry)));
  }

  /** The adapter factory oidc-provider takes: one adapter per model, over this one store. */
  adapterFor = (model: string): Adapter => new FileAdapter(model, this);

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    return entry && this.live(entry) ? entry.payload : undefined;
  }

  find(predicate: (key: string, payload: AdapterPayload) => boolean): [string, AdapterPayload] | undefined {
    for (const [key, entry] of this.entries) {
      if (this.live(entry) && predicate(key, entry.payload)) return [key, entry.payload];
    }
    return undefined;
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds?: number): void {
    const expiresAt = expiresInSeconds === undefined ? undefined : Date.now() + expiresInSeconds * 1000;
    this.entries.set(key, { payload, expiresAt });
    this.save();
  }

  /** Marks an entry (as consumed), keeping its expiry. */
  mark(key: string, changes: Partial<AdapterPayload>): void {
    const entry = this.entries.get(key);
    if (!entry || !this.live(entry)) return;
    this.entries.set(key, { ...entry, payload: { ...entry.payload, ...changes } });
    this.save();
  }

  delete(predicate: (key: string, payload: AdapterPayload) => boolean): void {
    for (const [key, entry] of this.entries) if (predicate(key, entry.payload)) this.entries.delete(key);
    this.save();
  }

  private live(entry: Entry): boolean {
    return entry.expiresAt === undefined || entry.expiresAt > Date.now();
  }

  private save(): void {
    const live = [...this.entries].filter(([, entry]) => this.live(entry));
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(live)), { mode: 0o600 });
  }
}

class FileAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly storage: FileStorage,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.storage.set(this.key(id), payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.storage.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.storage.find((key, payload) => key.startsWith(`${this.model}:`) && payload.uid === uid)?.[1];
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.storage.find(
      (key, payload) => key.startsWith(`${this.model}:`) && payload.userCode === userCode,
    )?.[1];
  }

  async consume(id: string): Promise<void> {
    this.storage.mark(this.key(id), { consumed: Math.floor(Date.now() / 1000) });
  }

  async destroy(id: string): Promise<void> {
    this.storage.delete((key) => key === this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.storage.delete((_key, payload) => payload.grantId === grantId);
  }
}
