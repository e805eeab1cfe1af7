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
  400: 'Sign-in did not complete',
  403: 'No access',
  413: 'Too much data',
  415: 'Unsupported form',
};

/** A refusal as a page for people: what happened, that nothing changed, and the way back. */
export function consoleErrorPage(error: unknown, signInHref: string): APIGatewayProxyResult {
  const problem = toProblem(error);
  const detail =
    error instanceof ConcordError && problem.status < 500
      ? problem.detail
      : 'Something went wrong on our side; please try again later';
  return page(
    problem.status,
    TITLES[problem.status] ?? 'Something went wrong',
    html`<p class="notice">${detail}.</p>
      <p>Nothing was changed. <a href="${signInHref}">Sign in again</a></p>`,
  );
}
