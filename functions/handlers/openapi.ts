import { OPENAPI_PACKED } from '../schemas/openapi-document.js';
import * as setting from '../shared/config.js';
import { once } from '../shared/once.js';
import { unpackJson } from '../shared/packed-json.js';
import { apiHandler } from '../middleware/api-handler.js';
import { json } from '../middleware/http.js';

const document = /* @__PURE__ */ once(() => unpackJson<Record<string, unknown>>(OPENAPI_PACKED));

export const handler = apiHandler(async () =>
  json(200, { ...document(), servers: [{ url: setting.publicUrl() }] }),
);
