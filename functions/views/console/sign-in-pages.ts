import type { APIGatewayProxyResult } from 'aws-lambda';
import { ConcordError, toProblem } from '../../shared/errors.js';
import { html, page } from '../page.js';

/**
 * After the callback: a page that moves on to the console by itself (`Refresh`, with a link as well). A
 * redirect would not do: the browser came from the provider's site, and a redirect chain that began on
 * another site does not carry the new SameSite=Strict session cookie; a navigation this page starts does.
 */
export function signedInPage(continueTo: string): APIGatewayProxyResult {
  const answer = page(200, 'Signed in', html`<p><a href="${continueTo}">Continue to the console</a></p>`);
  return { ...answer, headers: { ...answer.headers, Refresh: `0; url=${continueTo}` } };
}

/** Where the provider sends a person back after signing out. */
export function signedOutPage(signInHref: string): APIGatewayProxyResult {
  return page(
    200,
    'Signed out',
    html`<p>You have signed out of the Concord console.</p>
      <p><a href="${signInHref}">Sign in again</a></p>`,
  );
}

const TITLES: Record<number, string> = {
  400: 'Not accepted',
  403: 'No access',
  404: 'Not found',
  409: 'Already done',
  410: 'No longer waiting',
  413: 'Too much data',
  415: 'Unsupported form',
};

/**
 * A refusal as a page for people: what happened (each field that was wrong), that nothing changed, and the
 * ways back: the work queue, or signing in again.
 */
export function consoleErrorPage(error: unknown, publicUrl: string): APIGatewayProxyResult {
  const problem = toProblem(error);
  const detail =
    error instanceof ConcordError && problem.status < 500
      ? problem.detail
      : 'Something went wrong on our side; please try again later';
  return page(
    problem.status,
    TITLES[problem.status] ?? 'Something went wrong',
    html`<p class="notice">${detail}.</p>
      ${
        problem.errors.length
          ? html`<ul>
              ${problem.errors.map((e) => html`<li>${e.path || 'request'}: ${e.message}</li>`)}
            </ul>`
          : html``
      }
      <p>Nothing was changed.</p>
      <p>
        <a href="${publicUrl}/console">Back to the work queue</a> &middot;
        <a href="${publicUrl}/console/sign-in">Sign in again</a>
      </p>`,
  );
}
