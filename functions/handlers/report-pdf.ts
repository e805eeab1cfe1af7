import { reportDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { PAGE_HEADERS } from '../views/page.js';
import { errorPage } from '../views/callback-pages.js';
import { reportPdf } from '../views/report-pdf.js';
import { openReport } from '../use-cases/report.js';

/** GET /reports/{id}/pdf?sig=…: the same report as a PDF (its own function, so only it carries the PDF writer). */
export const handler = apiHandler(async (event) => {
  try {
    const data = await openReport(event, reportDeps());
    const pdf = reportPdf(data);
    return {
      statusCode: 200,
      headers: {
        ...PAGE_HEADERS,
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="second-opinion-${data.caseId}.pdf"`,
      },
      body: Buffer.from(pdf).toString('base64'),
      isBase64Encoded: true,
    };
  } catch (error) {
    return errorPage(error);
  }
});
