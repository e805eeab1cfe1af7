import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { awsJsonServer } from './aws-json-server.js';

/** The signing secret, created in the data dir on first start and kept across restarts. */
export function loadOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A minimal Secrets Manager: GetSecretValue for the one secret the stack uses. */
export function secretsEndpoint(secretId: string, secret: string): Server {
  return awsJsonServer('secretsmanager', {
    GetSecretValue: (input) => {
      if (input.SecretId !== secretId) {
        throw Object.assign(new Error("Secrets Manager can't find the specified secret."), {
          name: 'ResourceNotFoundException',
        });
      }
      return {
        ARN: `arn:aws:secretsmanager:local:000000000000:secret:${secretId}`,
        Name: secretId,
        SecretString: secret,
        VersionId: 'local',
        CreatedDate: 0,
      };
    },
  });
}
