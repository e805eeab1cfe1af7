import type { ActiveFeature } from './verdict.js';

/**
 * Names that make a PDF act rather than show. GoToR, GoToE, SubmitForm and ImportData count as active: they
 * open another file (a `\\server\share` path hands the reviewer's Windows credentials to that server), jump
 * into an attached file, send what a form holds to any address, or load data from outside the document.
 * URI links stay: a reader asks before following one, and reports link to their sources.
 */
export const ACTIVE_NAMES: ReadonlyMap<string, ActiveFeature> = new Map([
  ['JavaScript', 'javascript'],
  ['JS', 'javascript'],
  ['Launch', 'launch'],
  ['EmbeddedFile', 'embedded-file'],
  ['EmbeddedFiles', 'embedded-file'],
  ['EF', 'embedded-file'],
  ['FileAttachment', 'embedded-file'],
  ['RichMedia', 'rich-media'],
  ['RichMediaExecute', 'rich-media'],
  ['XFA', 'xfa-form'],
  ['AA', 'automatic-action'],
  ['GoToR', 'outside-action'],
  ['GoToE', 'outside-action'],
  ['SubmitForm', 'outside-action'],
  ['ImportData', 'outside-action'],
]);

/**
 * The active names long enough to look for in every byte of the file, stream data included (where a short
 * name like /JS turns up by chance in compressed data): an object hidden where the tokenizer does not read,
 * inside a string, a comment or another stream's data, that a reader still reaches by its offset.
 */
export const LONG_ACTIVE_NAME = /\/([^\s\0()<>[\]{}/%]{5,48})/g;

/** The action types of PDF 2.0 (an `/S` with one of these makes a dictionary an action). */
export const ACTION_TYPES = new Set(
  'GoTo GoToR GoToE GoToDp Launch Thread URI Sound Movie Hide Named SubmitForm ResetForm ImportData JavaScript SetOCGState Rendition Trans GoTo3DView RichMediaExecute'.split(
    ' ',
  ),
);

/** The only action a PDF may start by itself when opened: going to one of its own pages. */
export const HARMLESS_OPEN_ACTION = 'GoTo';
