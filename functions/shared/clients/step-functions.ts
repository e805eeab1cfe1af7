import { SFNClient } from '@aws-sdk/client-sfn';
import { once } from '../once.js';

export const stepFunctions = /* @__PURE__ */ once(() => new SFNClient({ cacheMiddleware: true }));
