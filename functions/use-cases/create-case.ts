import { randomUUID } from 'node:crypto';
import { cancerTypeOf } from '../domain/cancer-type.js';
import type { CaseRecord } from '../domain/case.js';
import type { CaseIntake, Secrets, Workflow } from '../domain/ports.js';
import type { CreatedCase, Intake } from '../schemas/intake.js';
import { hmac, randomToken, sha256 } from '../shared/crypto.js';
import { CaseLeftBehindError, IdempotencyMismatchError } from '../shared/errors.js';

export interface CreateCasePorts {
  cases: CaseIntake;
  workflow: Workflow;
  secrets: Secrets;
  idempotencyTtlSeconds: number;
}

/**
 * Stores the intake as a new case and starts its workflow. With an Idempotency-Key, a retry with
 * the same body gets the first answer again: the same case id and, derived from the key and the
 * body with the server secret, the same access token (so no plain token is ever stored).
 */
export async function createCase(
  intake: Intake,
  idempotencyKey: string | undefined,
  ports: CreateCasePorts,
): Promise<CreatedCase> {
  let caseId: string = randomUUID();
  let accessToken = randomToken();
  if (idempotencyKey !== undefined) {
    const keyHash = sha256(`idempotency:${idempotencyKey}`);
    const bodyHash = sha256(JSON.stringify(intake));
    const earlier = await ports.cases.claimIdempotencyKey(
      keyHash,
      { caseId, bodyHash },
      ports.idempotencyTtlSeconds,
    );
    if (earlier && earlier.bodyHash !== bodyHash) throw new IdempotencyMismatchError();
    caseId = earlier?.caseId ?? caseId;
    accessToken = hmac(await ports.secrets.signingKey(), `access-token:${caseId}:${keyHash}:${bodyHash}`);
  }

  const at = new Date().toISOString();
  const record: CaseRecord = {
    caseId,
    status: 'received',
    version: 1,
    createdAt: at,
    updatedAt: at,
    accessTokenHash: sha256(accessToken),
    intake,
    cancerType: cancerTypeOf(intake.diagnosis.icd10),
    opinions: 1,
    steps: {},
    waitingSince: at,
  };
  // Both writes are safe to repeat, so a retry with the same Idempotency-Key after a fault between them
  // finishes the job. Without a key no retry finds this case again: a start that fails takes the case back,
  // so the error answered leaves nothing behind, and the retry stores it anew.
  await ports.cases.create(record, { type: 'case-received', detail: `Cancer type ${record.cancerType}` });
  try {
    await ports.workflow.start(caseId);
  } catch (error) {
    if (idempotencyKey === undefined) await discardUnstarted(caseId, error, ports.cases);
    throw error;
  }
  return { caseId, status: 'received', accessToken, links: { self: `/cases/${caseId}` } };
}

/** Takes back a case whose workflow did not start; if that fails too, the error names the case left behind. */
async function discardUnstarted(caseId: string, startError: unknown, cases: CaseIntake): Promise<void> {
  try {
    await cases.discard(caseId);
  } catch (discardError) {
    throw new CaseLeftBehindError(caseId, [startError, discardError], { cause: discardError });
  }
}
