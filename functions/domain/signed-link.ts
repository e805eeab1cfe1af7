import { hmac, safeEqual } from '../shared/crypto.js';

/**
 * Signed links (DESIGN.md §5): `<public URL>/<purpose>/<id>?sig=<expiry>.<mac>`, where the MAC is an
 * HMAC-SHA256 over id, purpose and expiry. The id is opaque; the raw task token never leaves the server.
 */
export type LinkCheck = 'valid' | 'bad-signature' | 'expired';

export function signLink(key: Buffer, id: string, purpose: string, expiresAtSeconds: number): string {
  return `${expiresAtSeconds}.${hmac(key, `link:${purpose}:${id}:${expiresAtSeconds}`)}`;
}

export function checkLink(
  key: Buffer,
  id: string,
  purpose: string,
  sig: string | undefined,
  nowSeconds: number,
): LinkCheck {
  const match = /^(0|[1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/.exec(sig ?? '');
  if (!match) return 'bad-signature';
  const expiresAt = Number(match[1]);
  if (!safeEqual(match[2]!, hmac(key, `link:${purpose}:${id}:${expiresAt}`))) return 'bad-signature';
  return expiresAt <= nowSeconds ? 'expired' : 'valid';
}

/** Callback ids are derived from (case, kind, purpose, round): a replayed step finds its own record. */
export function callbackId(
  key: Buffer,
  caseId: string,
  kind: string,
  purpose: string,
  round: number,
): string {
  return hmac(key, `callback:${caseId}:${kind}:${purpose}:${round}`).slice(0, 32);
}
