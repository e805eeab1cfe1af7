/**
 * The sentences an uploader reads when a record is refused, by code (English; a message catalog keyed by the
 * same codes can replace them). They say what was found and what to send instead, and never quote the file.
 */
export const REFUSAL_REASONS = {
  empty: 'The file is empty; please upload it again.',
  'too-large': 'The file is larger than we accept; please upload it in parts, or ask the care team for help.',
  'not-allowed-type':
    'This kind of file is not accepted: please upload a PDF, DICOM, JPEG, PNG or TIFF image, a plain text file, or a ZIP of those.',
  executable: "This file is a program, which could harm the reviewer's computer; programs are not accepted.",
  'text-encoding': 'This text file is not saved as UTF-8 text; please save it as UTF-8 or print it to PDF.',
  'text-hidden-characters':
    'This text file contains hidden control characters that could disguise what it says; please upload a clean copy or a PDF.',
  'text-markup':
    "This file contains web page code (HTML, SVG or XML), which could run on the reviewer's computer; please upload a PDF or plain text instead.",
  'text-script':
    "This file contains commands or script code, which could run on the reviewer's computer; please upload a PDF or plain text instead.",
  'pdf-active-content':
    "This PDF contains active content, which could run on the reviewer's computer; please upload a copy printed to PDF without it.",
  'pdf-encrypted':
    'This PDF is locked or encrypted, so it cannot be checked; please upload an unlocked copy (for example, print it to PDF).',
  'pdf-polyglot':
    'This PDF also contains web page code, a trick used to disguise harmful files; please upload a copy printed to PDF.',
  'pdf-uninspectable':
    'This PDF is built in a way that cannot be checked safely; please upload a copy printed to PDF.',
  'dicom-preamble':
    "This DICOM file carries a program in its header, which could harm the reviewer's computer; please export the images again.",
  'zip-unreadable':
    'This ZIP file cannot be read or uses a packing method we cannot check; please create it again.',
  'zip-encrypted':
    'This ZIP file is protected with a password, so it cannot be checked; please upload it without a password.',
  'zip-nested-archive':
    'This ZIP file contains another archive; please unpack it and upload its files, or a single ZIP of them.',
  'zip-bomb':
    'This ZIP file unpacks to far more data than it holds, a trick used to crash computers; please create it again.',
  'zip-too-many-entries': 'This ZIP file holds too many files; please split it into smaller ZIP files.',
  'zip-unsafe-path':
    'This ZIP file contains file names that could write outside the folder it is unpacked into; please create it again.',
  'zip-misnamed-member':
    'This ZIP file contains a file whose name does not match what it really is; please rename it or leave it out.',
  'larger-than-announced':
    'The file is larger than the size given when the upload began; please upload it again.',
  malware:
    "This file contains malware, which could harm the reviewer's computer, so it was deleted; please check your computer and upload a clean copy.",
  'scan-unsupported':
    'This file could not be checked for viruses (it may be locked with a password, or too large to scan); please upload an unlocked copy, or split it into smaller files.',
  'scan-failed': 'This file could not be checked for viruses this time; please upload it again.',
} as const;

/** What a PDF carries that could act on the reviewer's computer (pdf-active-content says which). */
export type ActiveFeature =
  | 'javascript'
  | 'launch'
  | 'embedded-file'
  | 'rich-media'
  | 'xfa-form'
  | 'automatic-action'
  | 'outside-action';

const ACTIVE_CONTENT: Record<ActiveFeature, string> = {
  javascript: 'JavaScript',
  launch: 'a command that starts another program',
  'embedded-file': 'other files attached inside it',
  'rich-media': 'embedded media or Flash content',
  'xfa-form': 'an interactive XFA form',
  'automatic-action': 'actions that start by themselves when it is opened or viewed',
  'outside-action': 'actions that open other files or send data to other computers',
};

export function activeContentReason(feature: ActiveFeature): string {
  return `This PDF contains ${ACTIVE_CONTENT[feature]}, which could run on the reviewer's computer; please upload a copy printed to PDF without it.`;
}

export function memberReason(member: string, reason: string): string {
  return `In this ZIP file, "${member}" was not accepted. ${reason}`;
}
