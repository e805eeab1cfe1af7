import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MODALITIES } from '../domain/opinion-terms.js';
import { US_STATES } from '../domain/us-states.js';

// Only the English messages: the full locale set would bloat every bundle.
z.config(en());

export const NAME_MAX = 100;
export const FREE_TEXT_MAX = 2000;
export const QUESTION_MAX = 1000;

/**
 * Text that lies about itself (issue 20 §2): C0 and C1 control characters, and the bidi embeddings and
 * overrides (U+202A–U+202E) and isolates (U+2066–U+2069) that make text read in another order than it is
 * stored (`scan\u202Efdp.exe` reads "scanexe.pdf"). One line refuses every control character; text of
 * several lines keeps tab, line feed and carriage return.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what these refuse
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;
// eslint-disable-next-line no-control-regex -- as above, less tab, line feed and carriage return
const LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;
export const HIDDEN_CHARACTERS_MESSAGE = 'Must not contain control characters or hidden text-direction marks';

/** Stored as people read it: trimmed, NFC-normalized (one code point per accented letter), nothing hidden. */
const text = (max: number, allowed: RegExp, required = true) =>
  z
    .string()
    .check(
      z.trim(),
      z.normalize('NFC'),
      ...(required ? [z.minLength(1, 'Required')] : []),
      z.maxLength(max),
      z.regex(allowed, HIDDEN_CHARACTERS_MESSAGE),
    );

/** One line of text: a name, an organization, a title, a file name. */
export const line = (max: number) => text(max, ONE_LINE);
/** Text that may run over several lines: a question, an answer, a comment, a rationale. */
export const lines = (max: number) => text(max, LINES);

export const name = () => line(NAME_MAX);
export const organization = () => line(FREE_TEXT_MAX);
export const freeText = () => lines(FREE_TEXT_MAX);
export const question = () => lines(QUESTION_MAX);
/** A comment on a decision: optional, several lines, an empty one taken as none. */
export const comment = () =>
  z.optional(
    z.pipe(
      text(FREE_TEXT_MAX, LINES, false),
      z.transform((value: string) => value || undefined),
    ),
  );
export const usState = () => z.enum(US_STATES, 'Must be a US state or territory code such as CA');
export const email = () => z.email('Must be a well-formed email address');

/** ICD-10-CM neoplasm codes: C00–D49, with the C4A/C7A/C7B/D3A categories. */
export const ICD10_NEOPLASM = /^(C\d{2}|C4A|C7[AB]|D[0-4]\d|D3A)(\.[0-9A-Z]{1,4})?$/;
export const icd10 = () =>
  z.string().check(z.regex(ICD10_NEOPLASM, 'Must be an ICD-10-CM neoplasm code (C00–D49), such as C50.911'));

export const modality = () => z.enum(MODALITIES);

function isPastDate(value: string): boolean {
  return value < new Date().toISOString().slice(0, 10);
}

function isNotFuture(value: string): boolean {
  return value <= new Date().toISOString().slice(0, 10);
}

/** Dates of birth before this are typos or tests of the form, not patients (issue 20 §2). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

export const birthDate = () =>
  z.iso.date({ error: 'Must be a real calendar date (YYYY-MM-DD)', abort: true }).check(
    z.refine(isPastDate, 'Must be in the past'),
    z.refine((value: string) => value >= EARLIEST_BIRTH_DATE, `Must be ${EARLIEST_BIRTH_DATE} or later`),
  );
export const notFutureDate = () =>
  z.iso
    .date({ error: 'Must be a real calendar date (YYYY-MM-DD)', abort: true })
    .check(z.refine(isNotFuture, 'Must not be in the future'));
