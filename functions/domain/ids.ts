/**
 * The shapes of the ids that travel in paths and object keys. An id of another shape names nothing, so it is
 * answered as not found before anything is read with it: a 2 KB case id would otherwise reach DynamoDB, which
 * refuses keys over 2,048 bytes with an error that surfaces as a 500 (and trips the 5XX alarm).
 */

/** A case id: a UUID as `randomUUID()` writes it (lower case). */
export const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A signed link's id: a callback's (32 base64url characters), or a case id for a report. */
export const LINK_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A record id: 22 random base64url characters, then 22 of their HMAC (record-keys.ts). */
export const RECORD_ID = /^[A-Za-z0-9_-]{44}$/;
