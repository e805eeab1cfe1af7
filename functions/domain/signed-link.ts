import { hmac, safeEqual } from '../shared/crypto.js';
import type { LinkKey } from './signing-keys.js';

/**
 * Signed links (DESIGN.md §5, §7): `<public URL>/<purpose>/<id>?sig=<kid>.<expiry>.<mac>`, where the MAC is an
 * HMAC-SHA256 over key id, purpose, id and expiry with the link key `kid` names. Links signed before keys
 * rotated (`sig=<expiry>.<mac>`, no key id) verify against the plain secret while it is still a version the
 * functions accept. The id is opaque; the raw task token never leaves the server.
 */
export type LinkCheck = 'valid' | 'bad-signature' | 'expired' | 'unknown-key';

// Before keys had ids the message was `link:<purpose>:<id>:<expiry>`; a key id goes in front of the purpose.
const mac = ({ kid, key }: LinkKey, id: string, purpose: string, expiresAt: number) =>
  hmac(key, `link:${kid === undefined ? '' : `${kid}:`}${purpose}:${id}:${expiresAt}`);

export function signLink(key: LinkKey, id: string, purpose: string, expiresAtSeconds: number): string {
  const signature = `${expiresAtSeconds}.${mac(key, id, purpose, expiresAtSeconds)}`;
  return key.kid === undefined ? signature : `${key.kid}.${signature}`;
}

/** `unknown-key`: well formed, but signed with a key not among `accepted` (one rotated in since they were read). */
export function checkLink(
  accepted: readonly LinkKey[],
  id: string,
  purpose: string,
  sig: string | undefined,
  nowSeconds: number,
): LinkCheck {
  const match = /^(?:([A-Za-z0-9_-]{1,16})\.)?(0|[1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/.exec(sig ?? '');
  if (!match) return 'bad-signature';
  const [, kid, expiry, given] = match;
  const key = accepted.find((candidate) => candidate.kid === kid);
  if (!key) return 'unknown-key';
  const expiresAt = Number(expiry);
  if (!safeEqual(given!, mac(key, id, purpose, expiresAt))) return 'bad-signature';
  return expiresAt <= nowSeconds ? 'expired' : 'valid';
}

/**
 * Callback ids are derived from (case, kind, purpose, round) with the identity key, which never rotates: a
 * replayed step finds its own record whatever key signs links now.
 */
export function callbackId(
  identity: Buffer,
  caseId: string,
  kind: string,
  purpose: string,
  round: number,
): string {
  return hmac(identity, `callback:${caseId}:${kind}:${purpose}:${round}`).slice(0, 32);
}
