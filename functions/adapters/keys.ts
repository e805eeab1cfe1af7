/** Single-table keys (DESIGN.md §4). */
import { queueOrder, queueViewOf, type QueuePlace, type QueueView } from '../domain/queue.js';

export const caseKey = (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' });
export const eventKey = (caseId: string, at: string, suffix: string) => ({
  PK: `CASE#${caseId}`,
  SK: `EVENT#${at}#${suffix}`,
});
/** The suffix of intake's event: every other event's suffix is the key of the step that wrote it. */
export const CREATED_SUFFIX = 'created';
/** An event item's suffix, from its sort key (`EVENT#<at>#<suffix>`). */
export const eventSuffix = (item: { SK?: unknown; at?: unknown }) =>
  String(item.SK).slice(`EVENT#${String(item.at)}#`.length);
/**
 * Whether the timeline shows an event: intake's, or one whose step the case shows applied at the event's time.
 * A run that stops between a step's event and its update leaves an event whose step is not applied yet, or
 * applied later by a replay that wrote its own event; such a leftover stays hidden, so each step shows once.
 */
export const isShown = (item: { SK?: unknown; at?: unknown }, steps: Readonly<Record<string, string>>) => {
  const suffix = eventSuffix(item);
  return suffix === CREATED_SUFFIX || steps[suffix] === item.at;
};
export const payerKey = (payerId: string) => ({ PK: `PAYER#${payerId}`, SK: 'PAYER' });
/** Every payer's GSI1 key: the intake form lists them with one query. */
export const PAYERS_INDEX_KEY = 'PAYERS';
/** A specialist's GSI1 entry for one cancer type: `CANCER#<type>`, both its sort key and its GSI1 key. */
export const CANCER_PREFIX = 'CANCER#';
export const specialistKey = (specialistId: string) => ({ PK: `SPECIALIST#${specialistId}`, SK: 'PROFILE' });
export const specialistLoadKey = (specialistId: string) => ({
  PK: `SPECIALIST#${specialistId}`,
  SK: 'LOAD',
});
export const assignmentKey = (caseId: string, attempt: number) => ({
  PK: `CASE#${caseId}`,
  SK: `ASSIGNMENT#${String(attempt).padStart(3, '0')}`,
});
export const opinionKey = (caseId: string, number: number) => ({
  PK: `CASE#${caseId}`,
  SK: `OPINION#${String(number).padStart(2, '0')}`,
});
export const idempotencyKey = (keyHash: string) => ({ PK: `IDEMPOTENCY#${keyHash}`, SK: 'IDEMPOTENCY' });
export const callbackKey = (callbackId: string) => ({ PK: `CALLBACK#${callbackId}`, SK: 'CALLBACK' });
/** The index partition of intakes waiting for confirmation (TABLE_KEYS.gsi2), sorted by expiry. */
export const UNCONFIRMED_QUEUE = 'QUEUE#unconfirmed';
export const unconfirmedIndexKey = (caseId: string, confirmBy: number) => ({
  GSI2PK: UNCONFIRMED_QUEUE,
  GSI2SK: `${new Date(confirmBy * 1000).toISOString()}#${caseId}`,
});
/** A per-subject daily counter (a hashed address, never the address). */
export const quotaKey = (scope: string, subject: string, day: string) => ({
  PK: `QUOTA#${scope}#${subject}#${day}`,
  SK: 'QUOTA',
});
/** A link granted to one person for one case and purpose. */
export const grantKey = (grantId: string) => ({ PK: `GRANT#${grantId}`, SK: 'GRANT' });
export const messageKey = (caseId: string, key: string) => ({
  PK: `MESSAGE#${caseId}#${key}`,
  SK: 'MESSAGE',
});

/**
 * The console queue's index (GSI2) holds each case in one partition per view, in the queue's order; the
 * unconfirmed cases' slice keeps its own partition, `QUEUE#unconfirmed`.
 */
export const QUEUE_PARTITIONS: Readonly<Record<QueueView, string>> = {
  open: 'QUEUE#open',
  finished: 'QUEUE#finished',
};
export const queueKeys = (caseId: string, place: QueuePlace) => ({
  GSI2PK: QUEUE_PARTITIONS[queueViewOf(place.status)],
  GSI2SK: queueOrder(place, caseId),
});

/** An item without its table keys: the stored record. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _gsi1Pk,
    GSI1SK: _gsi1Sk,
    GSI2PK: _gsi2Pk,
    GSI2SK: _gsi2Sk,
    ...rest
  } = item;
  return rest as T;
}
/** Console sessions and sign-ins under way: keyed by a hash of the random id the browser holds. */
export const sessionKey = (idHash: string) => ({ PK: `SESSION#${idHash}`, SK: 'SESSION' });
export const signInKey = (idHash: string) => ({ PK: `SIGNIN#${idHash}`, SK: 'SIGNIN' });
