import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from './config.js';
import { once } from './once.js';

// One client each per cold start; endpoints come from the standard AWS_ENDPOINT_URL_* variables.
export const dynamo = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);
export const stepFunctions = once(() => new SFNClient({}));
export const secretsManager = once(() => new SecretsManagerClient({}));
export const ses = once(() => new SESv2Client({}));
// Path-style addressing is configuration, not a branch on where we run.
export const s3 = once(() => new S3Client({ forcePathStyle: config().s3ForcePathStyle }));
