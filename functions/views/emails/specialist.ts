import { email } from './email.js';

/** The specialist's request (or its reminder): a `New case` email with the signed link; names no patient and no diagnosis. */
export function newCaseEmail(to: string, caseId: string, link: string, reminder?: number) {
  return email({
    to: [to],
    subject: `New case ${caseId}: a second-opinion review${reminder ? ` — reminder ${reminder}` : ''}`,
    paragraphs: [
      `Concord's care-coordination team asks you to review case ${caseId} as an independent specialist.`,
      'The link opens the case packet (the patient’s goals and questions, the first opinion and the records). Accept or decline there, then submit your structured opinion. Opening the link changes nothing.',
    ],
    link: { url: link, label: 'Open the case packet' },
  });
}

/** The care team withdrew the case from the specialist: their link no longer takes an answer. */
export function assignmentWithdrawnEmail(to: string, caseId: string) {
  return email({
    to: [to],
    subject: `Case ${caseId} has been withdrawn`,
    paragraphs: [
      `Concord's care-coordination team has withdrawn case ${caseId} from you; another specialist will review it. Thank you for your time.`,
      'The case packet link no longer takes an answer, and you need do nothing more for this case.',
    ],
  });
}
