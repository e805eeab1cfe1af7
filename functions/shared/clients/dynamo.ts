import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { once } from '../once.js';

// One client per cold start; the endpoint comes from the standard AWS_ENDPOINT_URL_* variables. A module per
// client (and the pure call) lets a bundle leave out every SDK client its handler never builds. Every client
// caches its middleware stack per command (`cacheMiddleware`): none of ours adds middleware to a command.
export const dynamo = /* @__PURE__ */ once(() => new DynamoDBClient({ cacheMiddleware: true }));
