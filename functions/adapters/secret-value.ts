import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A version's value, by id or label (both: that version, only while it has that label); undefined when there is
 * none (no AWSPREVIOUS before the first rotation, no value yet for a version being rotated in).
 */
export async function secretValue(
  client: SecretsManagerClient,
  secretId: string,
  version: { versionId?: string; stage?: string },
): Promise<string | undefined> {
  try {
    const { SecretString } = await client.send(
      new GetSecretValueCommand({
        SecretId: secretId,
        VersionId: version.versionId,
        VersionStage: version.stage,
      }),
    );
    return SecretString;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
