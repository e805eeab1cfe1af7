import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MODALITIES } from '../domain/opinion-terms.js';
import { US_STATES } from '../domain/us-states.js';

// Only the English messages: the full locale set would bloat every bundle.
z.config(en());

export const NAME_MAX = 100;
export const FREE_TEXT_MAX = 2000;

export const name = () => z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(NAME_MAX));
export const freeText = () =>
  z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(FREE_TEXT_MAX));
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

export const pastDate = () =>
  z.iso
    .date({ error: 'Must be a real calendar date (YYYY-MM-DD)', abort: true })
    .check(z.refine(isPastDate, 'Must be in the past'));
export const notFutureDate = () =>
  z.iso
    .date({ error: 'Must be a real calendar date (YYYY-MM-DD)', abort: true })
    .check(z.refine(isNotFuture, 'Must not be in the future'));
