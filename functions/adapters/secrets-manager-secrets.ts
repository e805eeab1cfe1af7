import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Secrets } from '../domain/ports.js';

/** Reads the signing secret once per cold start and keeps it. */
export class SecretsManagerSecrets implements Secrets {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  signingKey(): Promise<Buffer> {
    this.key ??= this.load().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async load(): Promise<Buffer> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    if (!SecretString || SecretString.length < 32)
      throw new Error('The signing secret is missing or too short');
    return Buffer.from(SecretString, 'utf8');
  }
}
