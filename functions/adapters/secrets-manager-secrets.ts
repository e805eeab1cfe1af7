import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Secrets } from '../domain/ports.js';
import { keyRing, type KeyRing } from '../domain/signing-keys.js';
import { SigningSecretError } from '../shared/errors.js';
import { secretValue } from './secret-value.js';

/**
 * Reads the signing secret's current and previous versions (AWSCURRENT, AWSPREVIOUS) and keeps them for
 * `cacheSeconds`: a warm function then signs with a key at most that old, and never one two rotations old.
 */
export class SecretsManagerSecrets implements Secrets {
  private cached: { ring: Promise<KeyRing>; readAt: number } | undefined;
  private reading: Promise<KeyRing> | undefined;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly cacheSeconds: number,
  ) {}

  keys(): Promise<KeyRing> {
    const fresh = this.cached && Date.now() - this.cached.readAt < this.cacheSeconds * 1000;
    return fresh ? this.cached!.ring : this.reload();
  }

  reload(): Promise<KeyRing> {
    if (!this.reading) {
      const readAt = Date.now();
      const ring = this.read();
      this.reading = ring;
      ring.then(
        () => {
          this.cached = { ring, readAt };
          this.reading = undefined;
        },
        () => {
          this.reading = undefined;
        },
      );
    }
    return this.reading;
  }

  private async read(): Promise<KeyRing> {
    const [current, previous] = await Promise.all(
      ['AWSCURRENT', 'AWSPREVIOUS'].map((stage) => secretValue(this.client, this.secretId, { stage })),
    );
    if (current === undefined) throw new SigningSecretError('The signing secret has no current version');
    return keyRing(current, previous);
  }
}
