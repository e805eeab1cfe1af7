import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const hmac = (key: Buffer, value: string): string =>
  createHmac('sha256', key).update(value).digest('base64url');

/** A random opaque identifier or secret, base64url. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A key for one purpose, derived from a secret with HKDF-SHA256 (RFC 5869): `label` names the purpose. */
export const purposeKey = (secret: Buffer, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32));
