import { hmac, purposeKey, randomToken, safeEqual } from '../shared/crypto.js';
import { CASE_ID, RECORD_ID } from './ids.js';
import { RECORD_TYPES, type RecordType } from './records.js';

/** The records bucket's key space: every record's object lives under it. */
export const RECORDS_PREFIX = 'cases/';

/** Object keys carry IDs and the record type only, never a file name. */
export const recordKey = (caseId: string, type: RecordType, recordId: string) =>
  `${RECORDS_PREFIX}${caseId}/records/${type}/${recordId}`;

/** What a records key names, when it has the layout and each id its shape. */
export interface RecordKeyParts {
  caseId: string;
  type: RecordType;
  recordId: string;
}

export function parseRecordKey(key: string): RecordKeyParts | undefined {
  const match = /^cases\/([^/]{1,64})\/records\/([a-z-]{1,32})\/([^/]{1,64})$/.exec(key);
  if (!match) return undefined;
  const [, caseId, type, recordId] = match as unknown as [string, string, string, string];
  if (!CASE_ID.test(caseId) || !RECORD_ID.test(recordId)) return undefined;
  if (!(RECORD_TYPES as readonly string[]).includes(type)) return undefined;
  return { caseId, type: type as RecordType, recordId };
}

/**
 * Record ids carry their own proof that Concord issued them: a random part, then an HMAC over the case, the
 * type and that part. The records page can then hand out fresh keys on every GET without writing anything,
 * and an object under any other key (one no announcement or page form named) is refused unread.
 */
const RANDOM_CHARACTERS = 22; // 16 bytes, base64url
const MAC_CHARACTERS = 22; // 132 bits of the HMAC

/** The key that signs record ids, derived for that purpose from the link-signing secret. */
export const recordIdKey = (secret: Buffer): Buffer => purposeKey(secret, 'concord/record-id/v1');

const macOf = (key: Buffer, caseId: string, type: RecordType, random: string) =>
  hmac(key, `record:${caseId}:${type}:${random}`).slice(0, MAC_CHARACTERS);

export function issueRecordId(key: Buffer, caseId: string, type: RecordType): string {
  const random = randomToken(16);
  return random + macOf(key, caseId, type, random);
}

/** Whether Concord issued this record id, for this case and type. */
export function isIssuedRecordId(key: Buffer, { caseId, type, recordId }: RecordKeyParts): boolean {
  if (!RECORD_ID.test(recordId)) return false;
  const random = recordId.slice(0, RANDOM_CHARACTERS);
  return safeEqual(recordId.slice(RANDOM_CHARACTERS), macOf(key, caseId, type, random));
}
