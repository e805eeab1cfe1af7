/**
 * Matching an independent specialist to a case: hard rules decide who may review it, then a small
 * weighted sum ranks those who may.
 *
 * Hard rules, checked in this order (`whyExcluded` names the first one broken):
 *
 * | Exclusion         | The candidate must                                                          |
 * | ----------------- | --------------------------------------------------------------------------- |
 * | `cancer-type`     | treat the case's cancer type                                                |
 * | `licence`         | serve the patient: virtual and licensed in their state, or in person and    |
 * |                   | practising there                                                           |
 * | `independence`    | belong to no excluded organization (compared with `sameOrganization`)       |
 * | `reviewed-before` | not be an excluded specialist (earlier reviewer, already proposed/declined) |
 * | `network`         | be in the required payer network, when the plan is in-network only          |
 * | `capacity`        | hold fewer active assignments than their capacity                           |
 *
 * Score: the sum of the points for each preference met (the code is what `preferences` lists).
 *
 * | Code                 | Preference                                                    | Points                 |
 * | -------------------- | ------------------------------------------------------------- | ---------------------- |
 * | `language`           | speaks the patient's language (primary subtag: es ~ es-MX)    | 30                     |
 * | `mode`               | offers the requested consultation mode in the patient's state | 20                     |
 * | `turnaround`         | each day the turnaround is under 15 days                      | 1 routine, 3 expedited |
 * | `discipline`         | each disputed dimension with a discipline that settles it     | 200                    |
 * | `related-discipline` | each disputed dimension with a discipline that informs it     | 100                    |
 *
 * | Disputed    | Settled by                                              | Informed by |
 * | ----------- | ------------------------------------------------------- | ----------- |
 * | `diagnosis` | pathology                                               | radiology   |
 * | `stage`     | radiology, pathology                                    |             |
 * | `treatment` | medical oncology, surgical oncology, radiation oncology |             |
 *
 * Everything but the dispute adds up to at most 30 + 20 + 14 × 3 = 92 points, less than the 100
 * between a discipline and a lesser match, so a pathologist always outranks a radiologist (or
 * anyone else) when the diagnosis alone is disputed.
 *
 * Equal scores go to the candidate with more free capacity, then to the lower specialistId, so
 * the same directory always gives the same order.
 */
import type { UsState } from './us-states.js';
import type { Discipline } from './disciplines.js';
import type { Specialist } from '../schemas/directory.js';
import type { CancerType } from './cancer-type.js';
import type { Dimension } from './opinion.js';

export interface MatchRequest {
  cancerType: CancerType;
  patientState: UsState;
  /** The patient's preferred language tag, e.g. `es` or `pt-BR`. */
  language: string;
  consultation: 'virtual' | 'in-person';
  urgency: 'routine' | 'expedited';
  /** Set when the plan is in-network only: the candidate's `networks` must include this payer id. */
  requiredNetwork?: string;
  /** Organizations behind the first opinion and every earlier opinion (and the referring physician's). */
  excludedOrganizations: readonly string[];
  /** Earlier reviewers and specialists already proposed/declined for this opinion. */
  excludedSpecialists: readonly string[];
  /** For a third opinion: the dimensions in dispute (prefer the matching discipline). */
  disputed?: readonly Dimension[];
}

export interface Candidate {
  specialist: Specialist;
  /** Assignments currently held. */
  activeAssignments: number;
}

export interface RankedCandidate {
  specialist: Specialist;
  score: number;
  /** Why it scored: the codes of the preferences it met, e.g. 'language', 'mode', 'discipline'. */
  preferences: string[];
}

export type Exclusion =
  'cancer-type' | 'licence' | 'independence' | 'reviewed-before' | 'network' | 'capacity';

export const LANGUAGE_POINTS = 30;
export const MODE_POINTS = 20;
/** Turnarounds this long or longer earn nothing. */
export const TURNAROUND_HORIZON_DAYS = 15;
export const TURNAROUND_POINTS_PER_DAY: Readonly<Record<MatchRequest['urgency'], number>> = {
  routine: 1,
  expedited: 3,
};
export const DISCIPLINE_POINTS = 200;
export const RELATED_DISCIPLINE_POINTS = 100;

/** Which disciplines can settle a disputed dimension, and which can only inform it. */
const DISPUTE_DISCIPLINES: Readonly<
  Record<Dimension, { settles: readonly Discipline[]; informs: readonly Discipline[] }>
> = {
  diagnosis: { settles: ['pathology'], informs: ['radiology'] },
  stage: { settles: ['radiology', 'pathology'], informs: [] },
  // A disputed plan needs someone who delivers treatment; which modality is in dispute is not
  // known here, so any treating oncology discipline will do.
  treatment: { settles: ['medical-oncology', 'surgical-oncology', 'radiation-oncology'], informs: [] },
};

const CORPORATE_SUFFIXES: ReadonlySet<string> = new Set(['inc', 'llc']);

/**
 * The organization's name reduced to what identifies it: NFKC, lower case, punctuation and
 * spacing dropped, without a leading "the" or a trailing "Inc"/"LLC". Words are joined with
 * nothing between them so "Valley-Oncology" and "ValleyOncology" also match: for independence a
 * false match only costs a candidate, a missed one lets a conflicted reviewer through.
 */
function organizationKey(organization: string): string {
  const words = organization
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  // Keep at least one word, so a name that is only "The" or "Inc" still means something.
  if (words.length > 1 && words[0] === 'the') words.shift();
  while (words.length > 1 && CORPORATE_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join('');
}

/** True when two organization names refer to the same organization, allowing for how people write them. */
export function sameOrganization(a: string, b: string): boolean {
  return organizationKey(a) === organizationKey(b);
}

function servesVirtually(specialist: Specialist, state: UsState): boolean {
  return specialist.virtual && specialist.licensedStates.includes(state);
}

function servesInPerson(specialist: Specialist, state: UsState): boolean {
  return specialist.inPerson && specialist.practiceStates.includes(state);
}

/** The first hard rule the candidate breaks for this request, or undefined when it may be matched. */
export function whyExcluded(request: MatchRequest, candidate: Candidate): Exclusion | undefined {
  const { specialist, activeAssignments } = candidate;
  const state = request.patientState;
  if (!specialist.cancerTypes.includes(request.cancerType)) return 'cancer-type';
  if (!servesVirtually(specialist, state) && !servesInPerson(specialist, state)) return 'licence';
  if (request.excludedOrganizations.some((org) => sameOrganization(org, specialist.organization))) {
    return 'independence';
  }
  if (request.excludedSpecialists.includes(specialist.specialistId)) return 'reviewed-before';
  if (request.requiredNetwork !== undefined && !specialist.networks.includes(request.requiredNetwork)) {
    return 'network';
  }
  if (activeAssignments >= specialist.capacity) return 'capacity';
  return undefined;
}

/** `es-MX` → `es`: a Mexican Spanish speaker serves a patient who asked for Spanish, and vice versa. */
function primarySubtag(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

function speaksLanguage(specialist: Specialist, language: string): boolean {
  const wanted = primarySubtag(language);
  return specialist.languages.some((tag) => primarySubtag(tag) === wanted);
}

function offersRequestedMode(specialist: Specialist, request: MatchRequest): boolean {
  return request.consultation === 'virtual'
    ? servesVirtually(specialist, request.patientState)
    : servesInPerson(specialist, request.patientState);
}

function turnaroundPoints(specialist: Specialist, urgency: MatchRequest['urgency']): number {
  const daysSaved = Math.max(0, TURNAROUND_HORIZON_DAYS - specialist.turnaroundDays);
  return daysSaved * TURNAROUND_POINTS_PER_DAY[urgency];
}

function disputePoints(specialist: Specialist, dimension: Dimension): number {
  const { settles, informs } = DISPUTE_DISCIPLINES[dimension];
  const has = (disciplines: readonly Discipline[]) =>
    specialist.disciplines.some((discipline) => disciplines.includes(discipline));
  if (has(settles)) return DISCIPLINE_POINTS;
  if (has(informs)) return RELATED_DISCIPLINE_POINTS;
  return 0;
}

function rank(request: MatchRequest, specialist: Specialist): RankedCandidate {
  let score = 0;
  const preferences: string[] = [];
  const add = (code: string, points: number) => {
    if (points <= 0) return;
    score += points;
    if (!preferences.includes(code)) preferences.push(code);
  };

  add('language', speaksLanguage(specialist, request.language) ? LANGUAGE_POINTS : 0);
  add('mode', offersRequestedMode(specialist, request) ? MODE_POINTS : 0);
  add('turnaround', turnaroundPoints(specialist, request.urgency));
  // A dimension listed twice is still one dispute.
  for (const dimension of new Set(request.disputed ?? [])) {
    const points = disputePoints(specialist, dimension);
    add(points === DISCIPLINE_POINTS ? 'discipline' : 'related-discipline', points);
  }
  return { specialist, score, preferences };
}

function freeCapacity(candidate: Candidate): number {
  return candidate.specialist.capacity - candidate.activeAssignments;
}

/** The candidates who may review this case, best first. */
export function matchSpecialists(request: MatchRequest, candidates: readonly Candidate[]): RankedCandidate[] {
  return candidates
    .filter((candidate) => whyExcluded(request, candidate) === undefined)
    .map((candidate) => ({ candidate, ranked: rank(request, candidate.specialist) }))
    .sort(
      (a, b) =>
        b.ranked.score - a.ranked.score ||
        freeCapacity(b.candidate) - freeCapacity(a.candidate) ||
        compareIds(a.candidate.specialist.specialistId, b.candidate.specialist.specialistId),
    )
    .map(({ ranked }) => ranked);
}

// Code-unit order, not localeCompare, so the order does not depend on the runtime's locale.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
