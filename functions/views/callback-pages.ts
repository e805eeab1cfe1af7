import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CallbackDecision } from '../domain/decision.js';
import { AlreadyDecidedError, ConcordError, ValidationError, toProblem } from '../shared/errors.js';
import { definitionList, html, page, type Html } from './page.js';

/** The answer page after a decision is recorded. */
export function decidedPage(decision: CallbackDecision): APIGatewayProxyResult {
  return page(
    200,
    'Decision recorded',
    html`<p class="notice">
        Recorded: <strong>${decision.decision}</strong>${decision.basis ? ` (${decision.basis})` : ''}.
      </p>
      ${definitionList([
        ['Decided by', decision.decidedBy],
        ['At', decision.decidedAt],
      ])}
      <p>The case moves on. You can close this page.</p>`,
  );
}

/** After Accept: the way back to the packet and the opinion form. */
export function acceptedPage(packetHref: string): APIGatewayProxyResult {
  return page(
    200,
    'Case accepted',
    html`<p class="notice">
        Thank you: the case is yours. The patient has been told a specialist is reviewing it.
      </p>
      <p><a href="${packetHref}">Back to the case packet and the opinion form</a></p>`,
  );
}

const TITLES: Record<number, string> = {
  400: 'That answer was not understood',
  403: 'This link is not valid',
  404: 'Nothing here',
  409: 'Already decided',
  410: 'This link has expired',
  413: 'Too much data',
  415: 'Unsupported form',
};

/** Where a fresh link comes from: the front page for a patient or physician, the care team for staff. */
export type NextStep = { frontPage: string } | { careTeam: string };

/** What to do about a link that did not open (invalid, unknown, expired). */
const freshLink = (next: NextStep): Html =>
  'careTeam' in next
    ? html`<p>For a fresh link, ask the care team: <a href="mailto:${next.careTeam}">${next.careTeam}</a></p>`
    : html`<p>
        For a fresh link, or to send a request again, see
        <a href="${next.frontPage}#resend">our front page</a>.
      </p>`;

/** Every refusal as a page: nothing changed, the page says why and, for a link that did not open, what next. */
export function errorPage(error: unknown, next?: NextStep): APIGatewayProxyResult {
  const problem = toProblem(error);
  let body: Html = html`<p class="notice">${problem.detail}</p>`;
  if (error instanceof AlreadyDecidedError) {
    // Who decided and when, and "in the console" when a coordinator took it there.
    body = html`<p class="notice">${error.message}. The first decision stands; nothing was changed.</p>`;
  } else if (error instanceof ValidationError) {
    body = html`${body}
      <ul>
        ${error.errors.map((e) => html`<li>${e.path || 'form'}: ${e.message}</li>`)}
      </ul>
      <p>Nothing was changed. Go back and try again.</p>`;
  } else if (!(error instanceof ConcordError) || problem.status >= 500) {
    body = html`<p class="notice">
      Something went wrong on our side. Nothing was changed; please try again later.
    </p>`;
  }
  if (next && [403, 404, 410].includes(problem.status)) body = html`${body} ${freshLink(next)}`;
  return page(problem.status, TITLES[problem.status] ?? 'Something went wrong', body);
}
