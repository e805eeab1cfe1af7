import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LINK_ID } from '../domain/ids.js';
import { fromAnotherSite, pathParameter, wantsJson } from '../middleware/http.js';
import * as setting from '../shared/config.js';

/** What a signed link's request says, read once at the edge; the decision body is read after the link opens. */
export interface LinkRequest {
  /** The link's id: a callback's, or a case's for a report. */
  id: string;
  /** `<kid>.<expiry>.<HMAC>` (no kid: signed before keys rotated), checked by the use case that opens the link. */
  sig: string | undefined;
  /** POST decides; GET and HEAD render a page and change nothing. */
  post: boolean;
  /** A program asking for JSON (and problem+json); people get pages. */
  wantsJson: boolean;
  /** Sent by a browser from another site's page: a POST then decides nothing (403). */
  crossSite: boolean;
  /** The object key S3's redirect adds after a browser's upload (the records page confirms that file). */
  returnedKey: string | undefined;
}

export function readLinkRequest(event: APIGatewayProxyEvent): LinkRequest {
  return {
    // The one place a link's id is read: an id of another shape is a 404 before the link is looked up.
    id: pathParameter(event, 'id', LINK_ID),
    sig: event.queryStringParameters?.sig,
    post: event.httpMethod === 'POST',
    wantsJson: wantsJson(event),
    crossSite: fromAnotherSite(event, setting.publicUrl()),
    returnedKey: event.queryStringParameters?.key,
  };
}
