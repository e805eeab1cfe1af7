import { pageLinkHandler } from '../links/link-handler.js';
import { REPORT_PDF_LINK } from '../links/report.js';
import { reportDeps } from '../wiring/deps.js';

/** GET /reports/{id}/pdf?sig=…: the same report as a PDF (its own function, so only it carries the PDF writer). */
export const handler = pageLinkHandler(REPORT_PDF_LINK, () => reportDeps());
