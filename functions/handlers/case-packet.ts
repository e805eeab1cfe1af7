import { packetDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { showCasePacket } from '../use-cases/assignment-link.js';

/** GET/HEAD /assignments/{id}?sig=… */
export const handler = apiHandler((event) => showCasePacket(event, packetDeps()));
