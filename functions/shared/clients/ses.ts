import { SESv2Client } from '@aws-sdk/client-sesv2';
import { once } from '../once.js';

export const ses = /* @__PURE__ */ once(() => new SESv2Client({ cacheMiddleware: true }));
