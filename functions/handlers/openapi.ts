import { OPENAPI_DOCUMENT } from '../schemas/openapi-document.js';
import { config } from '../shared/config.js';
import { apiHandler } from '../middleware/api-handler.js';
import { json } from '../middleware/http.js';

export const handler = apiHandler(async () =>
  json(200, { ...OPENAPI_DOCUMENT, servers: [{ url: config().publicUrl }] }),
);
