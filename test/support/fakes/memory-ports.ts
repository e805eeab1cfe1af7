import {
  executionName,
  type CaseRecord,
  type StepChanges,
  type TimelineEvent,
} from '../../../functions/domain/case.js';
import type {
  CaseIntake,
  CaseStore,
  Directory,
  IdempotencyClaim,
  Mailer,
  Outbox,
  OutboxMessage,
  Grants,
  OutgoingEmail,
  Quotas,
  Secrets,
  Workflow,
} from '../../../functions/domain/ports.js';
import type { CancerType } from '../../../functions/domain/cancer-type.js';
import type { Grant } from '../../../functions/domain/grant.js';
import { queuePlaceAfter } from '../../../functions/domain/queue.js';
import type { Payer, Specialist } from '../../../functions/schemas/directory.js';
import { keyRing, nextSecretVersion, type KeyRing } from '../../../functions/domain/signing-keys.js';
import { CaseNotFoundError } from '../../../functions/shared/errors.js';
import { CREATED_SUFFIX, eventSuffix } from '../../../functions/adapters/keys.js';
import { outboxMessage } from '../../../functions/adapters/outbox-message.js';

/** A clock tests move by hand, so expiry is tested without waiting. */
export class ManualClock {
  constructor(private millis = Date.parse('2026-01-15T09:00:00.000Z')) {}

  now(): number {
    return this.millis;
  }

  advance(seconds: number): void {
    this.millis += seconds * 1000;
  }
}

interface StoredClaim extends IdempotencyClaim {
  /** Epoch seconds, as the DynamoDB item's TTL attribute. */
  expiresAt: number;
}

/**
 * CaseStore in memory, with the semantics of DynamoCaseStore: `create` is idempotent, `recordStep`
 * applies once per step key, events are keyed like the table's `EVENT#<at>#<suffix>` sort key (so a
 * replay overwrites its own event) and the timeline comes back in sort-key order.
 * Everything is copied in and out, as a database would.
 */
export class MemoryCaseStore implements CaseStore, CaseIntake {
  private readonly cases = new Map<string, CaseRecord>();
  private readonly events = new Map<string, Map<string, TimelineEvent>>();
  private readonly claims = new Map<string, StoredClaim>();

  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }) {}

  async create(record: CaseRecord, event: Omit<TimelineEvent, 'at'>): Promise<CaseRecord> {
    if (!this.cases.has(record.caseId)) this.cases.set(record.caseId, structuredClone(record));
    this.putEvent(record.caseId, { ...event, at: this.cases.get(record.caseId)!.createdAt }, CREATED_SUFFIX);
    return structuredClone(this.cases.get(record.caseId)!);
  }

  async releaseIdempotencyKey(keyHash: string): Promise<void> {
    this.claims.delete(keyHash);
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const record = this.cases.get(caseId);
    return record && structuredClone(record);
  }

  async discard(caseId: string): Promise<boolean> {
    if (this.cases.get(caseId)?.status !== 'awaiting-confirmation') return false;
    this.cases.delete(caseId);
    this.events.delete(caseId);
    return true;
  }

  async timeline(caseId: string, asOf?: Pick<CaseRecord, 'steps'>): Promise<TimelineEvent[]> {
    const steps = (asOf ?? this.cases.get(caseId))?.steps;
    const events = this.events.get(caseId) ?? new Map<string, TimelineEvent>();
    return [...events.entries()]
      .filter(([key, event]) => {
        const suffix = eventSuffix({ SK: key, at: event.at });
        return suffix === CREATED_SUFFIX || steps?.[suffix] === event.at;
      })
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([, event]) => structuredClone(event));
  }

  async recordStep(
    caseId: string,
    stepKey: string,
    changes: StepChanges,
    event: Omit<TimelineEvent, 'at'>,
    known?: CaseRecord,
  ): Promise<{ applied: boolean; at: string }> {
    if (known && known.caseId !== caseId) throw new Error(`A record of case ${known.caseId}, not ${caseId}`);
    // As DynamoCaseStore: a step the caller's record shows applied is taken as applied without a look.
    const knownAt = known?.steps[stepKey];
    if (knownAt !== undefined) {
      this.putEvent(caseId, { ...event, at: knownAt }, stepKey);
      return { applied: false, at: knownAt };
    }
    const record = this.cases.get(caseId);
    if (!record) throw new CaseNotFoundError(caseId);
    const firstAt = record.steps[stepKey];
    if (firstAt !== undefined) {
      this.putEvent(caseId, { ...event, at: firstAt }, stepKey);
      return { applied: false, at: firstAt };
    }
    const at = new Date(this.clock.now()).toISOString();
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (changes.status) {
      // As DynamoCaseStore: a new status moves the case in the queue; what it no longer waits on goes.
      const { waitingOn, dueAt, ...place } = queuePlaceAfter(
        { ...changes, status: changes.status },
        record.intake,
        at,
      );
      delete record.waitingOn;
      delete record.dueAt;
      Object.assign(defined, place, waitingOn ? { waitingOn } : {}, dueAt ? { dueAt } : {});
    }
    Object.assign(record, structuredClone(defined), {
      steps: { ...record.steps, [stepKey]: at },
      updatedAt: at,
      version: record.version + 1,
    });
    this.putEvent(caseId, { ...event, at }, stepKey);
    return { applied: true, at };
  }

  async claimIdempotencyKey(
    keyHash: string,
    claim: IdempotencyClaim,
    ttlSeconds: number,
  ): Promise<IdempotencyClaim | undefined> {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    const earlier = this.claims.get(keyHash);
    // As in DynamoDB: a live claim wins; an expired one may be taken over.
    if (earlier && !(earlier.expiresAt < nowSeconds)) {
      return { caseId: earlier.caseId, bodyHash: earlier.bodyHash };
    }
    this.claims.set(keyHash, { ...claim, expiresAt: nowSeconds + ttlSeconds });
    return undefined;
  }

  /** As DynamoGrants.revokeAll writes it on the case item. */
  setLinksRevokedAt(caseId: string, at: string): void {
    const record = this.cases.get(caseId);
    if (record) record.linksRevokedAt = at;
  }

  /** Every stored case, for assertions such as "still one case". */
  allCases(): CaseRecord[] {
    return [...this.cases.values()].map((record) => structuredClone(record));
  }

  /** Everything the store holds, serialized: lets a test prove a value was never written. */
  dump(): string {
    return JSON.stringify({
      cases: [...this.cases.values()],
      events: [...this.events.entries()].map(([caseId, events]) => [caseId, [...events.entries()]]),
      claims: [...this.claims.entries()],
    });
  }

  private putEvent(caseId: string, event: TimelineEvent, suffix: string): void {
    let events = this.events.get(caseId);
    if (!events) {
      events = new Map();
      this.events.set(caseId, events);
    }
    events.set(`EVENT#${event.at}#${suffix}`, structuredClone(event));
  }
}

export class MemoryDirectory implements Directory {
  private readonly payers = new Map<string, Payer>();
  private readonly specialists = new Map<string, Specialist>();

  constructor(payers: readonly Payer[] = [], specialists: readonly Specialist[] = []) {
    for (const payer of payers) this.putPayer(payer);
    for (const specialist of specialists) this.putSpecialist(specialist);
  }

  putSpecialist(specialist: Specialist): void {
    this.specialists.set(specialist.specialistId, structuredClone(specialist));
  }

  async getSpecialist(specialistId: string): Promise<Specialist | undefined> {
    const specialist = this.specialists.get(specialistId);
    return specialist && structuredClone(specialist);
  }

  async specialistsFor(cancerType: CancerType): Promise<Specialist[]> {
    return [...this.specialists.values()]
      .filter((s) => s.cancerTypes.includes(cancerType))
      .map((s) => structuredClone(s));
  }

  putPayer(payer: Payer): void {
    this.payers.set(payer.payerId, structuredClone(payer));
  }

  async getPayer(payerId: string): Promise<Payer | undefined> {
    const payer = this.payers.get(payerId);
    return payer && structuredClone(payer);
  }
}

/** Records every start and stop; like Step Functions with execution names, one execution per name. */
export class MemoryWorkflow implements Workflow {
  readonly starts: string[] = [];
  readonly executions = new Set<string>();
  readonly stopped: Array<{ name: string; cause: string }> = [];

  async start(caseId: string, resumes?: number): Promise<void> {
    const name = executionName(caseId, resumes);
    this.starts.push(name);
    this.executions.add(name);
  }

  async stop(caseId: string, resumes: number | undefined, cause: string): Promise<void> {
    this.stopped.push({ name: executionName(caseId, resumes), cause });
  }
}

/**
 * The signing secret's versions in memory, read as SecretsManagerSecrets reads them: `keys()` answers the ring
 * as last read (a warm function's cache), `reload()` reads it again. `rotate()` rotates as the rotation
 * function does, leaving what was read alone until the next reload.
 */
export class MemorySecrets implements Secrets {
  reloads = 0;
  private previous: string | undefined;
  private ring: KeyRing;

  /** A plain secret (the format from before rotation), as every existing deployment's first version is. */
  constructor(private current: string | Buffer = 'test-signing-key-0123456789abcdef') {
    this.ring = keyRing(String(current));
  }

  async keys(): Promise<KeyRing> {
    return this.ring;
  }

  async reload(): Promise<KeyRing> {
    this.reloads++;
    this.ring = this.latest();
    return this.ring;
  }

  /** The ring a function reading the secret now would get. */
  latest(): KeyRing {
    return keyRing(String(this.current), this.previous);
  }

  rotate(): void {
    this.previous = String(this.current);
    this.current = nextSecretVersion(this.previous);
  }
}

/** Records sent emails; `failNext` makes the next send throw, as SES might. */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  private failures: Error[] = [];

  failNext(error: Error = Object.assign(new Error('SES unavailable'), { name: 'ServiceUnavailable' })): void {
    this.failures.push(error);
  }

  async send(email: OutgoingEmail): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(structuredClone(email));
  }
}

export interface SentMessage {
  caseId: string;
  key: string;
  email: OutgoingEmail;
}

/**
 * Outbox in memory with DynamoOutbox's semantics: a message is looked up, sent (through `mailer`, when one is
 * given), then recorded as sent, by its key; a replay of a sent message sends nothing, a replay after a failed
 * send sends again. Without a mailer, the look and the record happen with nothing awaited between.
 */
export class MemoryOutbox implements Outbox {
  readonly sent: SentMessage[] = [];

  constructor(private readonly mailer?: Mailer) {}

  async wasSent(caseId: string, key: string): Promise<boolean> {
    return this.has(caseId, key);
  }

  message(caseId: string, key: string): OutboxMessage {
    return outboxMessage(this.wasSent(caseId, key), (email, sent) => this.sendOnce(caseId, key, email, sent));
  }

  async sendOnce(caseId: string, key: string, email: OutgoingEmail, sent?: boolean): Promise<boolean> {
    if (sent ?? this.has(caseId, key)) return false;
    if (this.mailer) await this.mailer.send(email);
    this.sent.push({ caseId, key, email: structuredClone(email) });
    return true;
  }

  emails(): OutgoingEmail[] {
    return this.sent.map((message) => message.email);
  }

  private has(caseId: string, key: string): boolean {
    return this.sent.some((message) => message.caseId === caseId && message.key === key);
  }
}

/** Daily quotas in memory: counts per scope and subject (tests start on one day). */
export class MemoryQuotas implements Quotas {
  readonly counts = new Map<string, number>();

  async take(scope: string, subject: string, limit: number): Promise<boolean> {
    const key = `${scope}#${subject}`;
    const count = this.counts.get(key) ?? 0;
    if (count >= limit) return false;
    this.counts.set(key, count + 1);
    return true;
  }
}

/** Granted links in memory, with the case-wide take-back kept beside them (as on the case item). */
export class MemoryGrants implements Grants {
  readonly stored = new Map<string, Grant>();
  readonly revokedAt = new Map<string, string>();

  constructor(private readonly cases?: MemoryCaseStore) {}

  async put(grant: Grant): Promise<void> {
    if (this.stored.has(grant.grantId)) throw new Error(`Grant ${grant.grantId} exists`);
    this.stored.set(grant.grantId, structuredClone(grant));
  }

  async get(grantId: string): Promise<Grant | undefined> {
    const grant = this.stored.get(grantId);
    return grant && structuredClone(grant);
  }

  async revokeAll(caseId: string, at: string): Promise<boolean> {
    if (this.cases && !(await this.cases.get(caseId))) return false;
    this.revokedAt.set(caseId, at);
    this.cases?.setLinksRevokedAt(caseId, at);
    return true;
  }
}
