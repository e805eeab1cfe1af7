import { pageLinkHandler } from '../links/link-handler.js';
import { REPORT_PAGE_LINK } from '../links/report.js';
import { reportDeps } from '../wiring/deps.js';

/** GET/HEAD /reports/{id}?sig=…: the final report as a page, linking to its PDF. */
export const handler = pageLinkHandler(REPORT_PAGE_LINK, () => reportDeps());
