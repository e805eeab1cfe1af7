import { openApiDocument } from '../schemas/openapi.js';
import { config } from '../shared/config.js';
import { apiHandler, json } from '../shared/http.js';

let document: Record<string, unknown> | undefined;

export const handler = apiHandler(async () => json(200, (document ??= openApiDocument(config().publicUrl))));
