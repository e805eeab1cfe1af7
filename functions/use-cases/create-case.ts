import { randomUUID } from 'node:crypto';
import { cancerTypeOf } from '../domain/cancer-type.js';
import type { CaseRecord } from '../domain/case.js';
import { CONFIRMATION_MESSAGE, CONFIRMATION_PURPOSE, INTAKE_QUOTA } from '../domain/confirmation.js';
import { submitterOf } from '../domain/contacts.js';
import type { CaseIntake, Outbox, Quotas, Secrets } from '../domain/ports.js';
import type { CreatedCase, Intake } from '../schemas/intake.js';
import { hmac, randomToken, sha256 } from '../shared/crypto.js';
import { CaseLeftBehindError, IdempotencyMismatchError, TooManyRequestsError } from '../shared/errors.js';
import { confirmationEmail } from '../views/emails/people.js';
import { localeOf } from '../views/i18n/locale.js';
import { identityKey, linkSignature } from './link-signatures.js';

export interface CreateCasePorts {
  cases: CaseIntake;
  outbox: Outbox;
  quotas: Quotas;
  secrets: Secrets;
  settings: {
    idempotencyTtlSeconds: number;
    confirmationSeconds: number;
    intakesPerAddress: number;
    publicUrl: string;
  };
}

/** The hash a per-address quota counts under: the address itself is never a key. */
export const addressSubject = (address: string) => sha256(`address:${address.trim().toLowerCase()}`);

/**
 * Stores the intake as a new case, awaiting confirmation, and emails its submitter the one link that confirms
 * it (no one else hears of the case until then; confirmation starts the workflow). At most
 * `intakesPerAddress` intakes per submitter address a day, unconfirmed ones included. With an Idempotency-Key,
 * a retry with the same body gets the first answer again: the same case id and, derived from the key and the
 * body with the identity key (which no rotation changes), the same access token (so no plain token is ever stored); it is not counted again.
 */
export async function createCase(
  intake: Intake,
  idempotencyKey: string | undefined,
  ports: CreateCasePorts,
): Promise<CreatedCase> {
  const { settings } = ports;
  let caseId: string = randomUUID();
  let accessToken = randomToken();
  let replay = false;
  let keyHash: string | undefined;
  if (idempotencyKey !== undefined) {
    keyHash = sha256(`idempotency:${idempotencyKey}`);
    const bodyHash = sha256(JSON.stringify(intake));
    const earlier = await ports.cases.claimIdempotencyKey(
      keyHash,
      { caseId, bodyHash },
      settings.idempotencyTtlSeconds,
    );
    if (earlier && earlier.bodyHash !== bodyHash) throw new IdempotencyMismatchError();
    replay = earlier !== undefined;
    caseId = earlier?.caseId ?? caseId;
    accessToken = hmac(await identityKey(ports.secrets), `access-token:${caseId}:${keyHash}:${bodyHash}`);
  }
  const submitter = submitterOf(intake);
  if (
    !replay &&
    !(await ports.quotas.take(INTAKE_QUOTA, addressSubject(submitter.email), settings.intakesPerAddress))
  ) {
    if (keyHash !== undefined) await ports.cases.releaseIdempotencyKey(keyHash);
    throw new TooManyRequestsError('Too many requests from this address today: try again tomorrow');
  }

  const now = new Date();
  const at = now.toISOString();
  const confirmBy = Math.floor(now.getTime() / 1000) + settings.confirmationSeconds;
  const record: CaseRecord = {
    caseId,
    status: 'awaiting-confirmation',
    version: 1,
    createdAt: at,
    updatedAt: at,
    accessTokenHash: sha256(accessToken),
    intake,
    cancerType: cancerTypeOf(intake.diagnosis.icd10),
    opinions: 1,
    confirmBy,
    steps: {},
    waitingSince: at,
  };
  // Both writes are safe to repeat, so a retry with the same Idempotency-Key after a fault between them
  // finishes the job (the stored case keeps its first expiry). Without a key no retry finds this case again:
  // an email that fails takes the case back, so the error answered leaves nothing behind.
  const stored = await ports.cases.create(record, {
    type: 'case-received',
    detail: `Cancer type ${record.cancerType}`,
  });
  try {
    const expiresAt = stored.confirmBy ?? confirmBy;
    const sig = await linkSignature(ports.secrets, caseId, CONFIRMATION_PURPOSE, expiresAt);
    const link = `${settings.publicUrl}/confirmations/${caseId}?sig=${encodeURIComponent(sig)}`;
    const locale = localeOf(intake.patient.preferredLanguage);
    await ports.outbox.sendOnce(
      caseId,
      CONFIRMATION_MESSAGE,
      confirmationEmail(submitter, caseId, link, expiresAt, locale),
    );
  } catch (error) {
    if (idempotencyKey === undefined) await discardUnsent(caseId, error, ports.cases);
    throw error;
  }
  return { caseId, status: 'awaiting-confirmation', accessToken, links: { self: `/cases/${caseId}` } };
}

/** Takes back a case whose confirmation never went; if that fails too, the error names the case left behind. */
async function discardUnsent(caseId: string, sendError: unknown, cases: CaseIntake): Promise<void> {
  try {
    await cases.discard(caseId);
  } catch (discardError) {
    throw new CaseLeftBehindError(caseId, [sendError, discardError], { cause: discardError });
  }
}
