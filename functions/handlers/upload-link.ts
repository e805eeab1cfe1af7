import { recordDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { answerUploadLink } from '../use-cases/upload-link.js';

/** GET/HEAD /uploads/{id}?sig=… */
export const handler = apiHandler((event) => answerUploadLink(event, recordDeps()));
