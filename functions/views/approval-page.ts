import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CallbackRecord } from '../domain/callback.js';
import { definitionList, html, page } from './page.js';

/**
 * The approval page: the case summary and a form that POSTs back to this same signed URL.
 * Rendering it (GET, HEAD, a mail scanner's prefetch) decides nothing.
 */
export function approvalPage(
  callback: CallbackRecord,
  summary: Array<[string, string]>,
  sig: string,
): APIGatewayProxyResult {
  return page(
    200,
    `Approval needed: ${callback.purpose}`,
    html`<p>Case <strong>${callback.caseId}</strong> needs a coordinator's decision.</p>
      ${definitionList(summary)}
      <form method="post" action="?sig=${sig}">
        <fieldset>
          <legend>If you approve, the case proceeds</legend>
          <label><input type="radio" name="basis" value="self-pay" checked /> as self-pay</label><br />
          <label><input type="radio" name="basis" value="exception" /> as an exception</label>
        </fieldset>
        <p>
          <label for="comment">Comment (kept in the case timeline)</label><br />
          <textarea id="comment" name="comment" maxlength="2000"></textarea>
        </p>
        <button type="submit" name="decision" value="approve">Approve</button>
        <button type="submit" name="decision" value="reject">Reject and close the case</button>
      </form>`,
  );
}
