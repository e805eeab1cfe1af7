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
  private cached: { ring: KeyRing; until: number } | undefined;
  private reading: Promise<KeyRing> | undefined;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly cacheSeconds: number,
  ) {}

  async keys(): Promise<KeyRing> {
    return this.cached && Date.now() < this.cached.until ? this.cached.ring : this.reload();
  }

  reload(): Promise<KeyRing> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<KeyRing> {
    const until = Date.now() + this.cacheSeconds * 1000;
    const [current, previous] = await Promise.all(
      ['AWSCURRENT', 'AWSPREVIOUS'].map((stage) => secretValue(this.client, this.secretId, { stage })),
    );
    if (current === undefined) throw new SigningSecretError('The signing secret has no current version');
    const ring = keyRing(current, previous);
    this.cached = { ring, until };
    return ring;
  }
}
