import type { APIGatewayProxyResult } from 'aws-lambda';
import { APPROVAL_BASES, type ApprovalPurpose, type CallbackRecord } from '../domain/callback.js';
import { definitionList, html, page, type Html } from './page.js';

const BASIS_LABELS: Record<string, string> = {
  'self-pay': 'as self-pay',
  exception: 'as an exception',
  chase: 'by chasing the insurer again (a new request, a new clock)',
  'partial-records': 'with the records received so far',
};

function basisChoices(purpose: ApprovalPurpose): Html {
  return html`${APPROVAL_BASES[purpose].map(
    (basis, i) =>
      html`<label
          ><input type="radio" name="basis" value="${basis}" ${i === 0 ? html` checked` : html``} />
          ${BASIS_LABELS[basis] ?? basis}</label
        ><br />`,
  )}`;
}

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
          ${basisChoices(callback.purpose as ApprovalPurpose)}
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
