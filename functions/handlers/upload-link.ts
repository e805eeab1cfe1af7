import { recordDeps } from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { answerUploadLink } from '../use-cases/upload-link.js';

/** GET/HEAD /uploads/{id}?sig=… */
export const handler = apiHandler((event) => answerUploadLink(event, recordDeps()));
