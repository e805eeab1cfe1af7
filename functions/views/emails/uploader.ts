import { email } from './email.js';

/**
 * A records request (or its reminder) to whoever uploads: the referring physician, or the patient. `moreTests`: the
 * specialist's request for further results rather than the case's first records; `details`: where it stands.
 */
export function recordsNeededEmail(
  to: string,
  caseId: string,
  moreTests: boolean,
  link: string,
  reminder: number | undefined,
  details: readonly string[],
) {
  return email({
    to: [to],
    subject: `${moreTests ? 'More tests needed' : 'Records needed'}: case ${caseId}${reminder ? ` — reminder ${reminder}` : ''}`,
    paragraphs: [
      moreTests
        ? `The specialist reviewing case ${caseId} needs the results of more tests before giving an opinion.`
        : `Case ${caseId} needs medical records before a specialist can review it: the pathology report, imaging, lab results, the current treatment plan and physician notes. Genetic tests, the medication list, discharge summaries and earlier treatments help too.`,
      ...details,
      'Upload them securely on the page behind the link (PDF, DICOM, JPEG, PNG, plain text, or zip for imaging studies).',
    ],
    link: { url: link, label: 'Upload records' },
  });
}
