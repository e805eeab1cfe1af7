import {
  DescribeSecretCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SecretVersions } from '../domain/ports.js';
import { secretValue } from './secret-value.js';

/** The signing secret's versions and labels, for its rotation function. */
export class SecretsManagerVersions implements SecretVersions {
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  async describe(): Promise<{ rotationEnabled: boolean; stages: Record<string, string[]> }> {
    const { RotationEnabled, VersionIdsToStages } = await this.client.send(
      new DescribeSecretCommand({ SecretId: this.secretId }),
    );
    return { rotationEnabled: RotationEnabled === true, stages: VersionIdsToStages ?? {} };
  }

  value(version: { versionId?: string; stage?: string }): Promise<string | undefined> {
    return secretValue(this.client, this.secretId, version);
  }

  async putPending(versionId: string, value: string): Promise<void> {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: this.secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: ['AWSPENDING'],
      }),
    );
  }

  async promote(versionId: string, fromVersionId: string): Promise<void> {
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: this.secretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: versionId,
        RemoveFromVersionId: fromVersionId,
      }),
    );
  }
}
