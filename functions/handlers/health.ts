import { apiHandler } from '../middleware/api-handler.js';
import { json } from '../middleware/http.js';

export const handler = apiHandler(async () => json(200, { status: 'ok' }));
