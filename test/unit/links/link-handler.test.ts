import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RecordFiles } from '../../../functions/domain/ports.js';
import { ASSIGNMENT_DECISION_LINK } from '../../../functions/links/assignment-decision.js';
import { CASE_PACKET_LINK } from '../../../functions/links/case-packet.js';
import { answerLink } from '../../../functions/links/link-handler.js';
import { config } from '../../../functions/shared/config.js';
import {
  CALLBACK_ID,
  keys,
  setupAssignmentCase as setup,
  type AssignmentCase,
} from '../../support/assignment-case.js';

/** The public URL the functions run under (the default configuration in unit tests). */
const OURS = new URL(config().publicUrl);

/** A specialist's link answered with these headers (a form post of `decision=accept` when `post`). */
function answer(s: AssignmentCase, headers: Record<string, string>, post = true) {
  const event = {
    httpMethod: post ? 'POST' : 'GET',
    pathParameters: { id: CALLBACK_ID },
    queryStringParameters: { sig: s.sig },
    headers: {
      host: OURS.host,
      ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    body: post ? 'decision=accept' : null,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
  if (post) return answerLink(ASSIGNMENT_DECISION_LINK, event, s.ports);
  // The packet presigns no download here: the case has no records.
  const files = {} as RecordFiles;
  return answerLink(CASE_PACKET_LINK, event, { ...s.ports, files, settings: { downloadUrlSeconds: 60 } });
}

describe('a signed link posted from another site', () => {
  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an Origin of another port of this host', { origin: `${OURS.protocol}//${OURS.hostname}:9` }],
    ['an opaque Origin from another site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling host)', { 'sec-fetch-site': 'same-site' }],
    [
      'Sec-Fetch-Site: cross-site with our own Origin',
      { 'sec-fetch-site': 'cross-site', origin: OURS.origin },
    ],
  ])('is refused with 403 for %s, and decides nothing', async (_label, headers) => {
    const s = await setup();

    const response = await answer(s, headers);

    expect(response.statusCode).toBe(403);
    expect(response.body).toMatch(/another site/);
    expect(await s.assignments.get(s.caseId, 1)).toMatchObject({ status: 'proposed' });
    expect(keys(s)).toEqual([]);
  });

  it('is refused as problem+json to a program asking for JSON', async () => {
    const s = await setup();

    await expect(
      answer(s, { origin: 'https://evil.example', accept: 'application/json' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it.each([
    ['no Origin and no Sec-Fetch-Site (curl, a program)', {}],
    ['our public URL as Origin', { origin: OURS.origin, 'sec-fetch-site': 'same-origin' }],
    ['the Host as Origin (the API reached at another name)', { origin: `https://${OURS.host}` }],
    ['Sec-Fetch-Site: none (typed or bookmarked)', { 'sec-fetch-site': 'none' }],
    // Our pages send no referrer, so a browser posts their forms with Origin: null.
    ['our own page, posting with no referrer', { origin: 'null', 'sec-fetch-site': 'same-origin' }],
    ['Origin: null from a browser too old to say where it is', { origin: 'null' }],
  ])('decides with %s', async (_label, headers) => {
    const s = await setup();

    const response = await answer(s, headers);

    expect(response.statusCode).toBe(200);
    expect(await s.assignments.get(s.caseId, 1)).toMatchObject({ status: 'accepted' });
  });

  it('still shows the page to a GET from another site (a link followed from a mail client)', async () => {
    const s = await setup();

    const response = await answer(
      s,
      { origin: 'https://mail.example', 'sec-fetch-site': 'cross-site' },
      false,
    );

    expect(response.statusCode).toBe(200);
  });
});
