import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { CallbackDecision } from '../domain/decision.js';
import { apiHandler } from '../middleware/api-handler.js';
import { json, wantsJson } from '../middleware/http.js';
import { decodeBody, type DecodedBody } from '../middleware/request-body.js';
import { ForbiddenError } from '../shared/errors.js';
import * as setting from '../shared/config.js';
import { decidedPage, errorPage, type NextStep } from '../views/callback-pages.js';
import { readLinkRequest, type LinkRequest } from './link-request.js';

// Room for an opinion: 20 answers, a rationale, trials and references.
const MAX_DECISION_BYTES = 256 * 1024;

/** A link's answer: its data for a program asking for JSON (none: the page for everyone), and its page. */
export interface LinkAnswer {
  json?: unknown;
  page(): APIGatewayProxyResult | Promise<APIGatewayProxyResult>;
}

/** One kind of signed link: how it opens, what it shows (GET, HEAD) and what it decides (POST). */
export interface LinkSpec<P, O> {
  /** Checks the signature and opens what the link leads to; `deciding`: opened to take a decision. */
  open(link: LinkRequest, ports: P, deciding: boolean): Promise<O>;
  show?(opened: O, link: LinkRequest, ports: P): Promise<LinkAnswer>;
  decide?(opened: O, body: DecodedBody, link: LinkRequest, ports: P): Promise<LinkAnswer>;
  /** A refusal this link shows as a page of its own rather than the error page (the request: its language). */
  refusalPage?(error: unknown, event: APIGatewayProxyEvent): APIGatewayProxyResult | undefined;
  /** Pages only, refusals included, whatever the client accepts (the report). */
  pagesOnly?: boolean;
  /** A POST may come with no body at all (a confirmation). */
  emptyBody?: boolean;
  /** A patient's or physician's link (else staff's): a refused one sends them to the front page for a fresh one. */
  forPatients?: boolean;
}

/** The answer to a decision recorded. */
export function recorded(decision: CallbackDecision): LinkAnswer {
  return { json: { status: 'recorded', ...decision }, page: () => decidedPage(decision) };
}

/** Reads a decision's body; a link that only shows pages has none, and its bundle goes without the decoder. */
type BodyReader = (event: APIGatewayProxyEvent, empty?: boolean) => DecodedBody;

const decisionBody: BodyReader = (event, empty) =>
  decodeBody(event, { maxBytes: MAX_DECISION_BYTES, forms: true, empty });

async function answerOpened<P, O>(
  spec: LinkSpec<P, O>,
  event: APIGatewayProxyEvent,
  ports: P,
  readBody: BodyReader | undefined,
): Promise<APIGatewayProxyResult> {
  const link = readLinkRequest(event);
  // A page of another site posting to a link (a forged form, with the victim's link) decides nothing, and
  // learns nothing of the link either: refused before it is opened.
  if (link.post && link.crossSite)
    throw new ForbiddenError('A link decides only from its own page: this request came from another site');
  const deciding = spec.decide !== undefined && (spec.show === undefined || link.post);
  const opened = await spec.open(link, ports, deciding);
  // The body is read once, after the link is opened: a link refused is refused whatever its body.
  const answer = deciding
    ? await spec.decide!(opened, readBody!(event, spec.emptyBody), link, ports)
    : await spec.show!(opened, link, ports);
  return link.wantsJson && !spec.pagesOnly && answer.json !== undefined
    ? json(200, answer.json)
    : answer.page();
}

async function answer<P, O>(
  spec: LinkSpec<P, O>,
  event: APIGatewayProxyEvent,
  ports: P,
  readBody: BodyReader | undefined,
): Promise<APIGatewayProxyResult> {
  try {
    return await answerOpened(spec, event, ports, readBody);
  } catch (error) {
    if (wantsJson(event) && !spec.pagesOnly) throw error;
    const next: NextStep = spec.forPatients
      ? { frontPage: `${setting.publicUrl()}/` }
      : { careTeam: setting.coordinatorEmail() };
    return spec.refusalPage?.(error, event) ?? errorPage(error, next);
  }
}

/**
 * Answers a signed link (API.md, "Emailed links"): GET and HEAD render the page, only POST decides. People
 * get HTML pages, refusals included; programs asking for JSON get JSON, and the error thrown on for problem+json.
 */
export function answerLink<P, O>(
  spec: LinkSpec<P, O>,
  event: APIGatewayProxyEvent,
  ports: P,
): Promise<APIGatewayProxyResult> {
  return answer(spec, event, ports, decisionBody);
}

/** The Lambda handler of a kind of signed link. */
export function linkHandler<P, O>(spec: LinkSpec<P, O>, ports: () => P) {
  return apiHandler((event) => answerLink(spec, event, ports()));
}

/** The Lambda handler of a link that only shows (no POST decides): it carries no body decoder. */
export function pageLinkHandler<P, O>(spec: Omit<LinkSpec<P, O>, 'decide'>, ports: () => P) {
  const shows: LinkSpec<P, O> = { ...spec, decide: undefined };
  return apiHandler((event) => answer(shows, event, ports(), undefined));
}
