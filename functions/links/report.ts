import type { APIGatewayProxyResult } from 'aws-lambda';
import { openReport, type ReportPorts } from '../use-cases/report.js';
import { PAGE_HEADERS } from '../views/page.js';
import { reportPage } from '../views/report-page.js';
import { reportPdf } from '../views/report-pdf.js';
import type { ReportData } from '../views/report-data.js';
import { goneLinkPage } from './gone-link-page.js';
import type { LinkSpec } from './link-handler.js';

/** The report links answer pages (or the PDF) only, refusals included, whatever the client accepts. */
const reportLink = (
  show: LinkSpec<ReportPorts, ReportData>['show'],
  refusalPage?: LinkSpec<ReportPorts, ReportData>['refusalPage'],
): LinkSpec<ReportPorts, ReportData> => ({
  open: (link, ports) => openReport(link.id, link.sig, ports),
  show,
  pagesOnly: true,
  forPatients: true,
  ...(refusalPage ? { refusalPage } : {}),
});

/**
 * `GET/HEAD /reports/{id}`: the final report as a page, linking to its PDF. Expired or taken back, it says
 * which in the reader's language and offers a new link (the PDF's function keeps the shorter error page).
 */
export const REPORT_PAGE_LINK = /* @__PURE__ */ reportLink(
  async (data, link) => ({
    page: () => reportPage(data, `${link.id}/pdf?sig=${encodeURIComponent(link.sig!)}`),
  }),
  goneLinkPage,
);

function pdfAnswer(data: ReportData): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: {
      ...PAGE_HEADERS,
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="second-opinion-${data.caseId}.pdf"`,
    },
    body: Buffer.from(reportPdf(data)).toString('base64'),
    isBase64Encoded: true,
  };
}

/** `GET /reports/{id}/pdf`: the same report as a PDF (its own function, so only it carries the PDF writer). */
export const REPORT_PDF_LINK = /* @__PURE__ */ reportLink(async (data) => ({ page: () => pdfAnswer(data) }));
