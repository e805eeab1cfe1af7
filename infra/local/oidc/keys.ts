import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The local provider's secrets: its token-signing key (a private JWK) and the keys its cookies are signed with. */
export interface ProviderKeys {
  jwks: { keys: Array<Record<string, unknown>> };
  cookieKeys: string[];
}

/**
 * The provider's keys, made on first start and kept in the data dir (owner-only, 0600), so tokens and the
 * provider's own sign-in cookies stay valid across a restart, as a real provider's keys would.
 */
export function loadOrCreateProviderKeys(file: string): ProviderKeys {
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return JSON.parse(readFileSync(file, 'utf8')) as ProviderKeys;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys: ProviderKeys = {
    jwks: {
      keys: [
        {
          ...privateKey.export({ format: 'jwk' }),
          kid: randomBytes(12).toString('base64url'),
          alg: 'RS256',
          use: 'sig',
        },
      ],
    },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
