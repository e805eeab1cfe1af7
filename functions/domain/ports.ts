import type { CallbackDecision } from './decision.js';
import type { CallbackRecord, DecisionStep } from './callback.js';
import type { CaseRecord, StepChanges, TimelineEvent } from './case.js';
import type { Payer, Specialist } from '../schemas/directory.js';
import type { Assignment } from './assignment.js';
import type { Grant } from './grant.js';
import type { ConsoleSession, SignInChecks, SignInTransaction } from './console-access.js';
import type { CancerType } from './cancer-type.js';
import type { Opinion } from './opinion.js';
import type { QueueQuery } from './queue.js';
import type { MedicalRecord, RecordOutcome, RecordStatus } from './records.js';
import type { KeyRing } from './signing-keys.js';

export interface IdempotencyClaim {
  caseId: string;
  bodyHash: string;
}

/** A case and its timeline, read only (the functions that show a case and never move it). */
export type CaseReads = Pick<CaseStore, 'get' | 'timeline'>;

export interface CaseStore {
  get(caseId: string): Promise<CaseRecord | undefined>;
  /**
   * The audit timeline in time order: intake's event and each applied step's event, once. `asOf`: the case as
   * the caller has just read it, so the store need not read it again; the timeline then matches that read.
   */
  timeline(caseId: string, asOf?: Pick<CaseRecord, 'steps'>): Promise<TimelineEvent[]>;
  /**
   * Applies a step's changes once; a replay gets `applied: false` and the first time it was applied.
   * `known`: the case as the caller has just read it, so the store need not read it again. A step it
   * shows applied stays applied (steps are never undone); one it does not show is still guarded by the
   * store's conditional write, so a stale record costs a request, never a second application.
   */
  recordStep(
    caseId: string,
    stepKey: string,
    changes: StepChanges,
    event: Omit<TimelineEvent, 'at'>,
    known?: CaseRecord,
  ): Promise<{ applied: boolean; at: string }>;
}

/** A page of the console's queue; `itemsRead`: what reading it cost, which never grows with the cases stored. */
export interface QueuePage {
  cases: CaseRecord[];
  /** Where the next page starts (opaque), when there may be more. */
  next?: string;
  itemsRead: number;
}

/** The console's queue: cases in the queue's order (domain/queue.ts), read from an index built for it. */
export interface CaseQueue {
  /** A page of the view; a cursor that is not one of this store's is a ValidationError on `cursor`. */
  page(query: QueueQuery): Promise<QueuePage>;
}

/** Everything stored under one case, read at once. */
export interface CaseItems {
  record: CaseRecord;
  /** As CaseStore.timeline shows it: each applied step's event once. */
  timeline: TimelineEvent[];
  records: MedicalRecord[];
  assignments: Assignment[];
  /** The reviewers' opinions (OPINION#n), in order; the first opinion is the intake's. */
  opinions: Opinion[];
}

/** The console's case view: one case whole, in a Query of its own partition, and its callbacks by id. */
export interface CaseReader {
  whole(caseId: string): Promise<CaseItems | undefined>;
  /** The callback records of these ids that exist, in no particular order. */
  callbacks(callbackIds: readonly string[]): Promise<CallbackRecord[]>;
}

/** What only intake writes: a new case, its idempotency claim, and taking back a case never started. */
export interface CaseIntake {
  /** Stores a new case and its first event; storing the same case again changes nothing. Answers it as stored. */
  create(record: CaseRecord, event: Omit<TimelineEvent, 'at'>): Promise<CaseRecord>;
  /** Claims an idempotency key for a case; answers the earlier claim if the key is taken and live. */
  claimIdempotencyKey(
    keyHash: string,
    claim: IdempotencyClaim,
    ttlSeconds: number,
  ): Promise<IdempotencyClaim | undefined>;
  /** Lets go of a claimed key whose intake was refused, so a retry with it is judged afresh. */
  releaseIdempotencyKey(keyHash: string): Promise<void>;
  /**
   * Takes back a case whose confirmation email never went: deletes it, and its first event, while it is still
   * `awaiting-confirmation`. False when there was no such case to take back (gone, or moved on: then it stays).
   */
  discard(caseId: string): Promise<boolean>;
}

/** Per-subject daily limits: the subject is a hash (of an address), never the address itself. */
export interface Quotas {
  /** Counts one more for today unless `limit` are counted already; answers whether it counted. */
  take(scope: string, subject: string, limit: number): Promise<boolean>;
}

export type ConfirmOutcome =
  | { outcome: 'confirmed'; record: CaseRecord }
  | { outcome: 'already-confirmed' | 'expired'; record: CaseRecord }
  | { outcome: 'missing' };

/** Intakes waiting for their submitter (the GSI2 partition QUEUE#unconfirmed, by expiry). */
export interface UnconfirmedCases extends CaseStore {
  /** Confirms the case while it is unconfirmed and unexpired, once; otherwise says why not. */
  confirm(caseId: string, nowSeconds: number): Promise<ConfirmOutcome>;
  /** Ids of unconfirmed cases expired by now, earliest first, at most `limit`. */
  due(nowSeconds: number, limit: number): Promise<string[]>;
  /**
   * Deletes an expired unconfirmed case with every item of its own and the outbox messages named; false when
   * it was not (or no longer) an expired unconfirmed case. The case goes last: a stop midway is finished later.
   */
  purge(caseId: string, nowSeconds: number, messageKeys: readonly string[]): Promise<boolean>;
}

/** Links granted to people (patient, physician, insurer), checked on every open. */
export interface Grants {
  /** Stores a new grant (ids are random: never one already stored). */
  put(grant: Grant): Promise<void>;
  get(grantId: string): Promise<Grant | undefined>;
  /** Takes back every link of the case granted up to `at`; false for an unknown case. */
  revokeAll(caseId: string, at: string): Promise<boolean>;
}

export interface Directory {
  getPayer(payerId: string): Promise<Payer | undefined>;
  getSpecialist(specialistId: string): Promise<Specialist | undefined>;
  /** Every specialist who treats this cancer type, read from its index entry (never a scan). */
  specialistsFor(cancerType: CancerType): Promise<Specialist[]>;
}

/** The directory's payers by name, for people choosing theirs (one index query, never a scan). */
export interface PayerList {
  payers(): Promise<Array<Pick<Payer, 'payerId' | 'name'>>>;
}

/** Specialists' open assignments: capacity is reserved and released by conditional writes on one item each. */
export interface CapacityLedger {
  /** Takes a hold unless the specialist is full; holding it already counts as success. */
  reserve(specialistId: string, hold: string, capacity: number): Promise<boolean>;
  release(specialistId: string, hold: string): Promise<void>;
  /** The holds each specialist has open (absent = none): their load, and which cases hold them. */
  openHolds(specialistIds: readonly string[]): Promise<Map<string, ReadonlySet<string>>>;
}

/** A case's match attempts (ASSIGNMENT#n) and reviewers' opinions (OPINION#n). */
export interface AssignmentStore {
  /** Stores the attempt unless it exists; answers the stored one. */
  put(assignment: Assignment): Promise<Assignment>;
  get(caseId: string, attempt: number): Promise<Assignment | undefined>;
  list(caseId: string): Promise<Assignment[]>;
  /** Moves an attempt on from one of `from`: answers it as changed, or undefined when it was not in one of them. */
  update(
    caseId: string,
    attempt: number,
    changes: Partial<
      Pick<Assignment, 'status' | 'outcome' | 'acceptedAt' | 'declinedAt' | 'submission' | 'submittedAt'>
    >,
    from: ReadonlyArray<Assignment['status']>,
  ): Promise<Assignment | undefined>;
  /** Stores opinion n unless it exists; answers the stored one. */
  putOpinion(
    caseId: string,
    opinion: Opinion & { callbackId: string },
  ): Promise<Opinion & { callbackId: string }>;
  opinions(caseId: string): Promise<Opinion[]>;
}

export interface Workflow {
  /**
   * Starts the case's execution, named after the case and its resume (`executionName`); starting it again is
   * harmless. `resumes`: the coordinator's resume it runs for (none: the first execution).
   */
  start(caseId: string, resumes?: number): Promise<void>;
  /** Stops that execution if it is running (a cancelled case); one already ended is left as it is. */
  stop(caseId: string, resumes: number | undefined, cause: string): Promise<void>;
}

export interface Secrets {
  /** The keys as last read: the current and previous versions of the signing secret (signing-keys.ts). */
  keys(): Promise<KeyRing>;
  /**
   * Reads them again now: a link names a key not among them, so one may have rotated in since they were read.
   * Calls while a read is under way share it.
   */
  reload(): Promise<KeyRing>;
}

/** The signing secret's versions as Secrets Manager keeps them: what its rotation steps read and write. */
export interface SecretVersions {
  /** Whether rotation is on, and every version's staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING). */
  describe(): Promise<{ rotationEnabled: boolean; stages: Record<string, string[]> }>;
  /** A version's value, by id or by label (both: that version, only while it has that label); undefined if none. */
  value(version: { versionId?: string; stage?: string }): Promise<string | undefined>;
  /** Stores the value of the version being rotated in (the rotation's token), labelled AWSPENDING. */
  putPending(versionId: string, value: string): Promise<void>;
  /** Moves AWSCURRENT from `fromVersionId` to `versionId` (Secrets Manager labels the former AWSPREVIOUS). */
  promote(versionId: string, fromVersionId: string): Promise<void>;
}

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The case the email is about: tagged on the message (an id, never PHI) so a bounce finds its case. */
  caseId?: string;
}

/** The account's suppression list: addresses that bounced or complained get no more email. */
export interface Suppressions {
  suppress(address: string, reason: 'BOUNCE' | 'COMPLAINT'): Promise<void>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

/** One message of a case, named before it is sent: whether it went out already is being read meanwhile. */
export interface OutboxMessage {
  /** Whether the message was sent, as read when it was named (a strongly consistent read). */
  wasSent(): Promise<boolean>;
  /** Sends the email unless the message was sent already; answers whether it sent. */
  send(email: OutgoingEmail): Promise<boolean>;
}

export interface Outbox {
  /** Sends the email unless this case's message `key` was already sent, looking right before sending. */
  sendOnce(caseId: string, key: string, email: OutgoingEmail): Promise<boolean>;
  /**
   * Names this case's message `key` and starts reading whether it was sent, so the read runs alongside the
   * caller's other requests and `send` only waits for it. Replays stay as safe (a replay runs after the run it
   * repeats); two runs at once may both send, as they could with `sendOnce`.
   */
  message(caseId: string, key: string): OutboxMessage;
}

/** CALLBACK items as deciding needs them: the links, an upload settling its request, the console. */
export interface CallbackStore {
  get(callbackId: string): Promise<CallbackRecord | undefined>;
  /**
   * First decision wins: succeeds only while pending and unexpired (or extended: before its deadline), storing the
   * decision and its step, answering the decided record (its task token is final: no token replaces a decided
   * record's); undefined when it did not decide.
   */
  decide(
    callbackId: string,
    decision: CallbackDecision,
    step: DecisionStep,
    nowSeconds: number,
  ): Promise<CallbackRecord | undefined>;
}

/**
 * The writes that keep a callback's wait: the request step's (asking; asking again after a resume) and its timer's
 * (reminders, expiry). Apart from CallbackStore, so the functions that only decide do not carry them.
 */
export interface CallbackWaits extends CallbackStore {
  /** Creates the record unless it exists; answers whether it created it. */
  create(record: CallbackRecord): Promise<boolean>;
  /**
   * Stores the newest task token while pending (a replayed execution's token replaces the dead one), and
   * the expiry of the replayed wait, which starts again with its full timeout.
   */
  replaceToken(callbackId: string, taskToken: string, expiresAt: number): Promise<boolean>;
  /** Counts a reminder, once per timeout even if the timeout handler is retried. */
  countReminder(callbackId: string, remindersSent: number): Promise<boolean>;
  expire(callbackId: string): Promise<boolean>;
  /**
   * Asks an expired request again for the case's resume `resume`: pending again with the new task token, a fresh
   * expiry and due time, no reminders sent and no extension; false unless it was expired and not yet asked again
   * for it.
   */
  revive(
    callbackId: string,
    wait: { taskToken: string; expiresAt: number; dueAt?: string },
    resume: number,
  ): Promise<boolean>;
}

/** A coordinator's revisions of a pending callback (the console's re-send and extend), each a write of its own. */
export interface CallbackRevisions extends CallbackStore {
  /** Counts a coordinator's re-send, once for the re-send seen as `resends` (false when another counted it). */
  countResend(callbackId: string, resends: number): Promise<boolean>;
  /**
   * Moves a pending callback's deadline later, to `deadline` (epoch seconds), which is then its due time; false when
   * not pending or not later.
   */
  extend(callbackId: string, deadline: number): Promise<boolean>;
}

export interface TaskCallbacks {
  /** Answers a waiting task; false when the task is gone (timed out, or its execution restarted). */
  succeed(taskToken: string, output: unknown): Promise<boolean>;
  fail(taskToken: string, error: string, cause: string): Promise<boolean>;
}

export interface RecordStore {
  /** Stores a new record's metadata unless it exists; answers whether it stored it. */
  put(record: MedicalRecord): Promise<boolean>;
  get(caseId: string, recordId: string): Promise<MedicalRecord | undefined>;
  list(caseId: string): Promise<MedicalRecord[]>;
  /**
   * Moves a record from `from` (by default requested) to received or refused, with what the outcome says and
   * nothing an earlier outcome said; false if it was not there.
   */
  settle(caseId: string, recordId: string, outcome: RecordOutcome, from?: RecordStatus): Promise<boolean>;
}

/**
 * Random access to a stored file's bytes, for checking what it really is without holding it whole. `read`
 * answers `length` bytes from `offset`, fewer only at the end of the file, none past it.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** How a download is offered: its file name and its type. */
export interface Download {
  fileName: string;
  contentType: string;
}

export interface PresignedForm {
  url: string;
  fields: Record<string, string>;
}

export interface RecordFiles {
  presignPut(key: string, contentType: string, sizeBytes: number, expiresInSeconds: number): Promise<string>;
  /**
   * A download link valid for minutes: the file as an attachment named `fileName` and typed `contentType`
   * (both from its checked content, never from the uploader), kept out of caches.
   */
  presignGet(key: string, download: Download, expiresInSeconds: number): Promise<string>;
  /** A browser form posting one file straight to storage, then redirecting back. */
  presignForm(
    key: string,
    maxBytes: number,
    expiresInSeconds: number,
    redirect: string,
  ): Promise<PresignedForm>;
  /**
   * The stored bytes, read in ranges, or undefined when the object is gone. Every read sees the version that
   * was there when it was opened (that version, when given): a replacement meanwhile makes a read fail.
   */
  open(key: string, versionId?: string): Promise<ByteSource | undefined>;
  /** Deletes the object (that version, when given, so a versioned bucket keeps no copy). */
  remove(key: string, versionId?: string): Promise<void>;
}

/** A person's identity as the provider vouches for it: the verified ID token's claims, and a refresh token. */
export interface ProvidedIdentity {
  claims: Readonly<Record<string, unknown>>;
  refreshToken?: string;
}

/** The console's OpenID Connect provider (authorization code with PKCE). */
export interface IdentityProvider {
  /** The provider's authorization URL for a new sign-in, and what its callback must check. */
  beginSignIn(): Promise<{ url: string; checks: SignInChecks }>;
  /** Exchanges the callback's code, checking state, PKCE and nonce; throws SignInFailedError when refused. */
  finishSignIn(callbackUrl: URL, checks: SignInChecks): Promise<ProvidedIdentity>;
  /** The identity again, through the refresh token; throws SignInFailedError when the provider refuses. */
  refresh(refreshToken: string): Promise<ProvidedIdentity>;
}

/** Signing out at the provider too (RP-initiated logout), apart: it needs none of the sign-in's machinery. */
export interface ProviderSignOut {
  /** Where the browser ends the provider's own session, then comes back; undefined if it offers none. */
  endSessionUrl(postLogoutRedirect: string): Promise<string | undefined>;
}

/** A program's verified access token. */
export interface AccessTokenClaims {
  subject: string;
  clientId?: string;
  scopes: string[];
}

export interface AccessTokenVerifier {
  /** The token's claims once its signature, issuer, audience and expiry hold; else UnauthorizedError. */
  verify(token: string): Promise<AccessTokenClaims>;
}

/** Console sessions and sign-ins under way, keyed by a hash of their random ids. */
export interface SessionStore {
  put(session: ConsoleSession): Promise<void>;
  /** The session while it is live at `now` (epoch seconds); expired ones are never answered. */
  get(sessionId: string, now: number): Promise<ConsoleSession | undefined>;
  /**
   * Claims the session's renewal, as seen with `seenRenewAt`, moving its renewal time to `until`: false when
   * another request claimed it first (one refresh per renewal, as a provider may rotate refresh tokens).
   */
  claimRenewal(sessionId: string, seenRenewAt: number, until: number): Promise<boolean>;
  /** Stores the renewed session unless it has been signed out meanwhile; answers whether it stored it. */
  renew(session: ConsoleSession): Promise<boolean>;
  delete(sessionId: string): Promise<void>;
  putSignIn(transaction: SignInTransaction): Promise<void>;
  /** Takes a sign-in once, while live: a second take (a replayed callback) answers undefined. */
  takeSignIn(transactionId: string, now: number): Promise<SignInTransaction | undefined>;
}
