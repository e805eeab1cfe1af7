import { CASE_PACKET_LINK } from '../links/case-packet.js';
import { pageLinkHandler } from '../links/link-handler.js';
import { packetDeps } from '../wiring/deps.js';

/** GET/HEAD /assignments/{id}?sig=… */
export const handler = pageLinkHandler(CASE_PACKET_LINK, () => packetDeps());
