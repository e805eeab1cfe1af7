/** A signed link's `sig` as tests read and tamper with it: `<kid>.<expiry>.<mac>` (no kid: signed before rotation). */
export const SIG_PATTERN = '(?:[A-Za-z0-9_-]{1,16}\\.)?\\d+\\.[A-Za-z0-9_-]{43}';

export function sigParts(sig: string): { kid?: string; expiry: number; mac: string } {
  const match = new RegExp(`^(?:([A-Za-z0-9_-]{1,16})\\.)?(\\d+)\\.([A-Za-z0-9_-]{43})$`).exec(sig);
  if (!match) throw new Error(`Not a link signature: ${sig}`);
  return { ...(match[1] ? { kid: match[1] } : {}), expiry: Number(match[2]), mac: match[3]! };
}

/** The same signature with the first character of its MAC changed. */
export function tamperedSig(sig: string): string {
  const { kid, expiry, mac } = sigParts(sig);
  return `${kid ? `${kid}.` : ''}${expiry}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
}

/** A link whose `sig` is tampered with. */
export function withTamperedSig(link: string): string {
  const url = new URL(link);
  url.searchParams.set('sig', tamperedSig(url.searchParams.get('sig')!));
  return url.href;
}
