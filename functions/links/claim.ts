import { openClaim } from '../use-cases/claim-notice.js';
import type { OpenGrantPorts } from '../use-cases/grants.js';
import type { Directory } from '../domain/ports.js';
import { PAGE_HEADERS } from '../views/page.js';
import type { LinkSpec } from './link-handler.js';

/** `GET /claims/{id}`: the FHIR Claim as application/fhir+json, whatever the client accepts; changes nothing. */
export const CLAIM_LINK: LinkSpec<OpenGrantPorts & { directory: Directory }, unknown> = {
  open: (link, ports) => openClaim(link.id, link.sig, ports),
  async show(claim) {
    return {
      page: () => ({
        statusCode: 200,
        headers: { ...PAGE_HEADERS, 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify(claim),
      }),
    };
  },
};
