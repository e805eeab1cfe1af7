/**
 * Clinicians' names for the ids of the clinical tables (histology families, distinct diseases) and for the
 * biomarkers, apart from the tables so that grading and validation do not carry them: the report, the
 * patient's words and the FHIR export do. The names (term-tables.ts) come packed, each table apart, and are
 * unpacked once, on first use.
 */
import { once } from '../../shared/once.js';
import { unpackJson } from '../../shared/packed-json.js';
import {
  PACKED_BIOMARKER_LABELS,
  PACKED_DISEASE_LABELS,
  PACKED_FAMILY_LABELS,
} from './clinical-tables-packed.js';

type Names = Readonly<Record<string, string>>;

const families = /* @__PURE__ */ once(() => unpackJson<Names>(PACKED_FAMILY_LABELS));
const diseases = /* @__PURE__ */ once(() => unpackJson<Names>(PACKED_DISEASE_LABELS));
const biomarkers = /* @__PURE__ */ once(() => unpackJson<Names>(PACKED_BIOMARKER_LABELS));
const lookUp = (table: Names, id: string): string | undefined =>
  Object.hasOwn(table, id) ? table[id] : undefined;

/** The family's name, if the id is a family. */
export const familyLabel = (id: string): string | undefined => lookUp(families(), id);

/** The distinct disease's name, if the id is a disease of the table. */
export const diseaseLabel = (id: string): string | undefined => lookUp(diseases(), id);

/** The biomarker's name in clinicians' words, if the name is a biomarker's (a test checks each has one). */
export const biomarkerLabel = (name: string): string | undefined => lookUp(biomarkers(), name);
