import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { once } from '../once.js';

// One client per cold start; the endpoint comes from the standard AWS_ENDPOINT_URL_* variables. A module per
// client (and the pure call) lets a bundle leave out every SDK client its handler never builds.
export const dynamo = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);
