/**
 * Each grading reason in the patient's words (English; they move into the message catalogs with Spanish
 * once the catalogs are on main). The clinician's sentence stays in `reason.detail`; these say what the difference
 * means. Values are codes and terms from the opinions, never free text.
 */
import { biomarkerLabel, diseaseLabel, familyLabel } from '../domain/clinical/clinical-terms.js';
import type { ClinicalReason, RuleId } from '../domain/clinical/rules.js';
import type { DiscordanceReason } from '../domain/opinion.js';

const markerLabel = (name: string | undefined): string => (name && biomarkerLabel(name)) || 'a test result';
const changes = 'This could change your treatment.';
const detailOnly = 'This does not change the treatment recommended.';

const WORDS: Readonly<Record<RuleId, (reason: ClinicalReason) => string>> = {
  'not-cancer': () =>
    `One doctor found cancer and the other did not. ${changes} It decides whether you need cancer treatment at all.`,
  'behaviour-changed': () =>
    `The doctors disagree about what kind of growth this is: whether it is cancer that can spread, early cancer that has not spread (in situ), or not cancer. ${changes}`,
  'different-category': ({ values }) =>
    `The doctors name cancers that started in different parts of the body (codes ${values.a} and ${values.b}). ${changes}`,
  'distinct-disease': ({ values }) =>
    `The doctors name two different diseases: ${diseaseLabel(values.a) ?? values.a} and ${diseaseLabel(values.b) ?? values.b}. They are treated differently.`,
  'histology-family': ({ values }) =>
    `Under the microscope, the doctors see different types of cancer cells: ${familyLabel(values.a) ?? values.a} and ${familyLabel(values.b) ?? values.b}. ${changes}`,
  'grade-tier': ({ values }) =>
    `The doctors grade how fast the cancer cells are likely to grow differently (${values.a} and ${values.b}). ${changes}`,
  'biomarker-therapy': ({ subject, values }) =>
    `The doctors report a different result for ${markerLabel(subject)} (${values.a} and ${values.b}). This test helps choose your medicines, so ${changes.toLowerCase()}`,
  'refined-code': () => `The doctors describe the same cancer in slightly different detail. ${detailOnly}`,
  'alternative-finding': () =>
    `Both doctors found no cancer, and describe what they found a little differently.`,
  'histology-refined': () =>
    `The doctors describe the same type of cancer cells in slightly different detail. ${detailOnly}`,
  'grade-changed': () => `The doctors grade the cancer cells slightly differently. ${detailOnly}`,
  'biomarker-changed': ({ subject }) =>
    `The doctors report ${markerLabel(subject)} slightly differently. This test does not choose your treatment by itself.`,
  'stage-group': ({ values }) =>
    `The doctors disagree on how far the cancer has spread (stage ${values.a} and stage ${values.b}). ${changes}`,
  'b-symptoms': () =>
    `The doctors disagree on whether you have "B symptoms" (fevers, night sweats or weight loss), which are part of the stage of a lymphoma. ${changes}`,
  'bulky-disease': () => `The doctors disagree on whether the lymphoma is "bulky" (a large mass). ${changes}`,
  'sub-stage': ({ values }) =>
    `The doctors give a slightly different stage (${values.a} and ${values.b}) within the same stage group. ${detailOnly}`,
  'stage-unknown': () =>
    `One doctor could not give a stage yet, the other did. The treatment plans are compared separately.`,
  'tnm-changed': () =>
    `The doctors describe the size or spread of the tumor slightly differently, with the same stage.`,
  'staging-timepoint': () =>
    `The doctors staged the cancer at different times (for example before and after treatment), so their stages are not compared.`,
  'staging-edition': () => `The doctors used different editions of the staging rules.`,
  'intent-changed': ({ values }) =>
    `One doctor aims to cure the cancer and the other to control it and ease symptoms (${values.a} and ${values.b}). ${changes}`,
  'modality-set': () => `The doctors recommend different kinds of treatment. ${changes}`,
  'neoadjuvant-adjuvant': ({ subject }) =>
    `The doctors disagree on whether ${subject ?? 'a treatment'} should come before or after surgery or radiation. ${changes}`,
  'concurrency-changed': () =>
    `One doctor recommends giving two treatments at the same time, the other one after the other. ${changes}`,
  'local-systemic-first': () =>
    `The doctors disagree on what to start with: treatment aimed at the tumor itself (surgery or radiation), or medicines that work through the whole body. ${changes}`,
  'first-line-changed': () => `The doctors recommend starting with different medicines. ${changes}`,
  'operation-changed': ({ values }) =>
    `The doctors recommend different operations (${values.a} and ${values.b}). ${changes}`,
  'timing-role-conflict': ({ subject }) =>
    `The doctors give ${subject ?? 'a treatment'} a different purpose in the plan. ${changes}`,
  'timing-role': ({ subject }) =>
    `The doctors describe the purpose of ${subject ?? 'a treatment'} slightly differently. ${detailOnly}`,
  'order-within-phase': () =>
    `The doctors recommend the same treatments in a different order, where the order does not matter. ${detailOnly}`,
  'regimen-changed': ({ subject }) =>
    `The doctors suggest different medicines or schedules for ${subject ?? 'the same treatment'}. The approach is the same.`,
  'radiation-dose': () =>
    `The doctors suggest a different radiation dose or number of sessions. The approach is the same.`,
  'supportive-care': () =>
    `One doctor adds palliative care (care that eases symptoms and stress), which can go along with any treatment. ${detailOnly}`,
};

/**
 * The reason in the patient's words; undefined for a reason graded before issue 24 (stored on a case with
 * other codes and no values), which the report shows in the clinician's words only.
 */
export function patientWords(reason: DiscordanceReason): string | undefined {
  const words = Object.hasOwn(WORDS, reason.code) ? WORDS[reason.code as RuleId] : undefined;
  return words && reason.values ? words(reason as ClinicalReason) : undefined;
}
