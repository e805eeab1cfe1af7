import { email } from './email.js';

/** The prior-authorization request: the member details wait behind the link. */
export function priorAuthorizationRequestEmail(to: string, caseId: string, round: number, link: string) {
  return email({
    to: [to],
    subject: `Prior authorization request: case ${caseId}`,
    paragraphs: [
      `Concord asks for prior authorization of an oncology second opinion (case ${caseId}, request ${round}).`,
      'The member details are on the secure page behind the link. Record your decision and reference there; opening the page changes nothing.',
    ],
    link: { url: link, label: 'Review and record your decision' },
  });
}

/** The claim notice: the FHIR Claim (member and service details) waits behind the link; the email holds none. */
export function claimNoticeEmail(to: string, caseId: string, link: string) {
  return email({
    to: [to],
    subject: `Claim notice: case ${caseId}`,
    paragraphs: [
      `A claim for an oncology second opinion (case ${caseId}) is ready as a FHIR R4 Claim.`,
      'It holds the member and service details, so it is not attached: the secure link below answers it as application/fhir+json. Opening it changes nothing.',
    ],
    link: { url: link, label: 'Fetch the FHIR Claim' },
  });
}
