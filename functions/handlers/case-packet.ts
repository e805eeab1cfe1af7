import { packetDeps } from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { showCasePacket } from '../use-cases/assignment-link.js';

/** GET/HEAD /assignments/{id}?sig=… */
export const handler = apiHandler((event) => showCasePacket(event, packetDeps()));
