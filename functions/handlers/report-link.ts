import { reportDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { errorPage } from '../views/callback-pages.js';
import { reportPage } from '../views/report-page.js';
import { openReport } from '../use-cases/report.js';

/** GET/HEAD /reports/{id}?sig=…: the final report as a page, linking to its PDF. */
export const handler = apiHandler(async (event) => {
  try {
    const data = await openReport(event, reportDeps());
    return reportPage(
      data,
      `${data.caseId}/pdf?sig=${encodeURIComponent(event.queryStringParameters!.sig!)}`,
    );
  } catch (error) {
    return errorPage(error);
  }
});
