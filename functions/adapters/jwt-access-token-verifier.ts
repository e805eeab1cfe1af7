import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AccessTokenClaims, AccessTokenVerifier } from '../domain/ports.js';
import { UnauthorizedError } from '../shared/errors.js';

export interface AccessTokenSettings {
  issuer: string;
  /** The issuer's key set (JWKS). */
  jwksUri: string;
  /** When set, the token's `aud` must name it (RFC 9068 tokens, resource indicators); Cognito's carry none. */
  audience?: string;
}

/** Asymmetric signatures only: an HMAC-signed token could be made by anyone holding the shared secret. */
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const JWKS_TIMEOUT_MS = 5000;

/**
 * Programs' access tokens, verified with jose against the issuer's JWKS (fetched on first use, kept by jose,
 * and fetched again for a key id it does not know): signature, issuer, audience when configured, expiry.
 */
export class JwtAccessTokenVerifier implements AccessTokenVerifier {
  private keys?: JWTVerifyGetKey;

  constructor(private readonly settings: AccessTokenSettings) {}

  async verify(token: string): Promise<AccessTokenClaims> {
    this.keys ??= createRemoteJWKSet(new URL(this.settings.jwksUri), { timeoutDuration: JWKS_TIMEOUT_MS });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      // A provider out of reach is a fault (500); anything wrong with the token is the caller's (401).
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) {
        throw new UnauthorizedError(`The access token is not valid here (${error.code})`);
      }
      throw error;
    }
    // Cognito marks its tokens: an ID token is no access token.
    if (payload.token_use !== undefined && payload.token_use !== 'access') {
      throw new UnauthorizedError('The token is not an access token');
    }
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    const subject = payload.sub ?? clientId;
    if (!subject) throw new UnauthorizedError('The access token names no subject');
    return { subject, clientId, scopes: scopesOf(payload) };
  }
}

/** RFC 9068 and Cognito carry `scope`, one space-separated string; some providers carry `scp`, a list. */
function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp)) {
    return payload.scp.filter((scope): scope is string => typeof scope === 'string');
  }
  return [];
}
