import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { requestLocale } from '../intake/request-locale.js';
import { ConcordError, LinkTakenBackError } from '../shared/errors.js';
import { linkGonePage } from '../views/status-page.js';

/**
 * An expired or taken-back patient's link (the status page, the report) says which, in the reader's language
 * (the link's case is not read: the browser's Accept-Language), and offers a new one: the links sit one level
 * under the root, so `../links` is "Email me my link again".
 */
export function goneLinkPage(error: unknown, event: APIGatewayProxyEvent): APIGatewayProxyResult | undefined {
  if (!(error instanceof ConcordError) || error.status !== 410) return undefined;
  const why = error instanceof LinkTakenBackError ? 'resend.gone.takenBack' : 'resend.gone.expired';
  return linkGonePage(requestLocale(event), why, '../links');
}
