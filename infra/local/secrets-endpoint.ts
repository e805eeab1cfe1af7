import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ROTATION_STEPS } from '../../functions/domain/signing-keys.js';
import { awsJsonServer } from './aws-json-server.js';
import { awsError, CURRENT, PENDING, type SecretStore } from './secret-store.js';

/** Calls the rotation function the way Secrets Manager does: one step per invocation. */
export type RotationFunction = (event: {
  SecretId: string;
  ClientRequestToken: string;
  Step: string;
}) => Promise<unknown>;

/**
 * A minimal Secrets Manager for the one secret the stack uses: GetSecretValue (by version id or label),
 * DescribeSecret, PutSecretValue, UpdateSecretVersionStage, and RotateSecret, which runs the rotation function's
 * four steps in order (Secrets Manager runs them asynchronously; here the call answers when they are done, so
 * `npm run rotate-key` can say so).
 */
export function secretsEndpoint(secretId: string, store: SecretStore, rotate: RotationFunction): Server {
  const arn = `arn:aws:secretsmanager:local:000000000000:secret:${secretId}`;
  const named = (input: Record<string, unknown>) => {
    if (input.SecretId !== secretId && input.SecretId !== arn)
      throw awsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return awsJsonServer('secretsmanager', {
    GetSecretValue: (input) => {
      named(input);
      const stage = text(input.VersionStage) ?? (input.VersionId === undefined ? CURRENT : undefined);
      const version = store.find(text(input.VersionId), stage);
      if (version?.value === undefined)
        throw awsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value.");
      const { versionId, value, stages, createdAt } = version;
      return {
        ARN: arn,
        Name: secretId,
        VersionId: versionId,
        SecretString: value,
        VersionStages: stages,
        CreatedDate: createdAt / 1000,
      };
    },
    DescribeSecret: (input) => {
      named(input);
      return { ARN: arn, Name: secretId, RotationEnabled: true, VersionIdsToStages: store.stages() };
    },
    PutSecretValue: (input) => {
      named(input);
      const versionId = text(input.ClientRequestToken) ?? randomUUID();
      const value = text(input.SecretString);
      if (value === undefined) throw awsError('InvalidParameterException', 'SecretString is required');
      store.put(versionId, value, (input.VersionStages as string[] | undefined) ?? [CURRENT]);
      return { ARN: arn, Name: secretId, VersionId: versionId };
    },
    UpdateSecretVersionStage: (input) => {
      named(input);
      const stage = text(input.VersionStage);
      const to = text(input.MoveToVersionId);
      if (!stage || !to)
        throw awsError('InvalidParameterException', 'VersionStage and MoveToVersionId are required');
      store.move(stage, to, text(input.RemoveFromVersionId));
      return { ARN: arn, Name: secretId };
    },
    RotateSecret: async (input) => {
      named(input);
      const token = text(input.ClientRequestToken) ?? randomUUID();
      store.startRotation(token);
      for (const Step of ROTATION_STEPS) await rotate({ SecretId: arn, ClientRequestToken: token, Step });
      if (!store.find(token, CURRENT))
        throw awsError('InternalServiceError', `Rotation to ${token} did not finish (${PENDING})`);
      return { ARN: arn, Name: secretId, VersionId: token };
    },
  });
}
