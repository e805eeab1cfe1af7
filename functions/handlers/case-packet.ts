import { CASE_PACKET_LINK } from '../links/case-packet.js';
import { linkHandler } from '../links/link-handler.js';
import { packetDeps } from '../wiring/deps.js';

/** GET/HEAD /assignments/{id}?sig=… */
export const handler = linkHandler(CASE_PACKET_LINK, () => packetDeps());
