import { apiHandler, json } from '../shared/http.js';

export const handler = apiHandler(async () => json(200, { status: 'ok' }));
