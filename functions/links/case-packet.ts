import { casePacket, type CasePacketPorts } from '../use-cases/assignment/packet.js';
import { openCallback, type OpenedCallback } from '../use-cases/callbacks.js';
import { assignmentPage } from '../views/assignment-page.js';
import type { LinkSpec } from './link-handler.js';

/**
 * `GET/HEAD /assignments/{id}`: the case packet, with download links to the records. A function of its own,
 * apart from the decision (assignment-decision.ts) and the opinion (opinion.ts): only it presigns record downloads.
 */
export const CASE_PACKET_LINK: LinkSpec<CasePacketPorts, OpenedCallback> = {
  open: (link, ports) => openCallback(link.id, link.sig, 'assignment', ports),
  async show(opened, link, ports) {
    const packet = await casePacket(opened, ports);
    return { json: packet, page: () => assignmentPage(packet, link.id, link.sig!) };
  },
};
