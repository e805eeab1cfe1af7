import type { APIGatewayProxyEvent } from 'aws-lambda';
import { header } from '../middleware/http.js';
import type { Receipt } from '../views/intake-received.js';

/**
 * The receipt of a stored intake (its case id and access code), handed by intake-submit to the page that shows
 * it once (Post/Redirect/Get): a cookie only this browser sends back, to this site, for ten minutes, cleared as
 * the page is shown. Never a URL: the access code would stay in the history and in logs.
 */
const NAME = '__Host-concord-receipt';
const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';
const RECEIPT = new RegExp(`(?:^|;\\s*)${NAME}=([0-9a-f-]{36})\\.([A-Za-z0-9_-]{16,128})(?:;|$)`);
const RECEIPT_SECONDS = 600;

export const receiptCookie = (receipt: Receipt) =>
  `${NAME}=${receipt.caseId}.${receipt.accessToken}; Max-Age=${RECEIPT_SECONDS}; ${ATTRIBUTES}`;

export const CLEARED_RECEIPT_COOKIE = `${NAME}=; Max-Age=0; ${ATTRIBUTES}`;

export function readReceipt(event: Pick<APIGatewayProxyEvent, 'headers'>): Receipt | undefined {
  const match = RECEIPT.exec(header(event, 'cookie') ?? '');
  return match ? { caseId: match[1]!, accessToken: match[2]! } : undefined;
}
