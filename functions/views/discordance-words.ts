/**
 * Each grading reason in the patient's words, from the `discordance` catalog in their language. The clinician's
 * sentence stays in `reason.detail`; these say what the difference means. Values are codes and terms from the
 * opinions (disease, cell-type and biomarker names stay in clinicians' English), never free text.
 */
import { biomarkerLabel, diseaseLabel, familyLabel } from '../domain/clinical/clinical-terms.js';
import type { ClinicalReason, RuleId } from '../domain/clinical/rules.js';
import type { DiscordanceReason } from '../domain/opinion.js';
import { unpack } from './i18n/catalog.js';
import { discordanceCatalog } from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { plainWords } from './i18n/plain-words.js';

type Words = ReturnType<typeof plainWords<[typeof discordanceCatalog]>>;
type Values = Record<string, string>;

const marker = ({ subject }: ClinicalReason, t: Words) =>
  (subject && biomarkerLabel(subject)) || t.text('discordance.aTestResult');
const treatment = ({ subject }: ClinicalReason, t: Words) => subject ?? t.text('discordance.aTreatment');

/** The values a rule's message names, where they are not the two opinions' own (`{a}` and `{b}`). */
const VALUES: Partial<Record<RuleId, (reason: ClinicalReason, t: Words) => Values>> = {
  'distinct-disease': ({ values: { a, b } }) => ({ a: diseaseLabel(a) ?? a, b: diseaseLabel(b) ?? b }),
  'histology-family': ({ values: { a, b } }) => ({ a: familyLabel(a) ?? a, b: familyLabel(b) ?? b }),
  'biomarker-therapy': (reason, t) => ({ ...reason.values, marker: marker(reason, t) }),
  'biomarker-changed': (reason, t) => ({ marker: marker(reason, t) }),
  'neoadjuvant-adjuvant': (reason, t) => ({ treatment: treatment(reason, t) }),
  'timing-role-conflict': (reason, t) => ({ treatment: treatment(reason, t) }),
  'timing-role': (reason, t) => ({ treatment: treatment(reason, t) }),
  'regimen-changed': ({ subject }, t) => ({ treatment: subject ?? t.text('discordance.sameTreatment') }),
};

/**
 * The reason in the patient's words; undefined for a reason graded before issue 24 (stored on a case with
 * other codes and no values), which the report shows in the clinician's words only.
 */
export function patientWords(reason: DiscordanceReason, locale: Locale = 'en'): string | undefined {
  const id = `discordance.rule.${reason.code}`;
  if (!reason.values || !Object.hasOwn(unpack(discordanceCatalog)[locale], id)) return undefined;
  const t = plainWords(locale, discordanceCatalog);
  const clinical = reason as ClinicalReason;
  // The values are those the rule's message names (a test words every rule in every language).
  const text = t.text as (id: string, values: Values) => string;
  return text(id, VALUES[clinical.code]?.(clinical, t) ?? clinical.values);
}
