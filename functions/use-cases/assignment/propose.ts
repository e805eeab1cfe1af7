import { localeOf } from '../../views/i18n/locale.js';
import { excludedSpecialists, holdId, type Assignment } from '../../domain/assignment.js';
import type { CaseRecord } from '../../domain/case.js';
import { matchSpecialists, whyExcluded, type MatchRequest } from '../../domain/matching.js';
import type { Specialist } from '../../schemas/directory.js';
import type { AssignmentStore, CapacityLedger, CaseStore, Directory, Outbox } from '../../domain/ports.js';
import { recordsCompleteEmail } from '../../views/emails/patient.js';
import { NoSpecialistError } from '../../shared/errors.js';
import { requireCase } from '../require-case.js';
import { reopenStopped } from './end.js';

export interface MatchingPorts {
  cases: CaseStore;
  outbox: Outbox;
  directory: Directory;
  capacity: CapacityLedger;
  assignments: AssignmentStore;
}

/** How many runners-up the coordinator sees beside the proposal. */
const ALTERNATES = 2;

/** What this case asks of a reviewer, and whom independence rules out. */
export function matchRequest(
  record: CaseRecord,
  assignments: readonly Assignment[],
  opinionOrganizations: readonly string[],
): MatchRequest {
  const { intake, coverage } = record;
  const opinionNumber = record.opinions + 1;
  return {
    cancerType: record.cancerType,
    patientState: intake.patient.state,
    language: intake.patient.preferredLanguage,
    consultation: intake.consultation,
    urgency: intake.urgency,
    requiredNetwork:
      coverage?.inNetworkOnly && record.billing?.party === 'insurer' ? coverage.payerId : undefined,
    excludedOrganizations: [
      intake.firstOpinion.organization,
      ...(intake.referringPhysician?.organization ? [intake.referringPhysician.organization] : []),
      ...opinionOrganizations,
    ],
    excludedSpecialists: excludedSpecialists(assignments, opinionNumber),
    disputed: record.discordance?.disputed,
  };
}

/**
 * MatchSpecialist: ranks the eligible specialists for this cancer and proposes the best one that a
 * conditional write can still reserve, so concurrent cases never overbook anyone. A replayed attempt
 * answers its stored proposal (a resumed one takes its hold again). No candidate → NoSpecialistError (the coordinator is alerted).
 */
export async function matchSpecialist(
  caseId: string,
  attempt: number,
  ports: MatchingPorts,
): Promise<{ specialistId: string; opinionNumber: number }> {
  const [stored, record] = await Promise.all([
    ports.assignments.get(caseId, attempt),
    requireCase(ports.cases, caseId),
  ]);
  if (stored) {
    // A resumed case: the attempt its stop released takes its hold again.
    await reopenStopped(stored, ports);
    return proposed(stored, ports.cases, record);
  }
  const opinionNumber = record.opinions + 1;
  // The patient's email (first match only) and the reads matching needs go together: neither waits
  // for the other, and the email is sent once however often this runs.
  const [, { request, pool, holds }] = await Promise.all([
    opinionNumber === 2 ? recordsMilestone(record, ports.outbox) : undefined,
    candidates(record, ports),
  ]);
  // A hold of this case on a candidate is an earlier run's that stopped before storing its proposal (when
  // a match runs, every earlier attempt and opinion of the case has given its hold back, and those
  // specialists are not candidates): rank as if it were not taken, so a retry proposes whom that run
  // reserved, and give back any such hold that this run does not use.
  const ours = (specialistId: string) => holds.get(specialistId)?.has(holdId(caseId, specialistId)) ?? false;
  const ranked = matchSpecialists(
    request,
    pool.map((specialist) => {
      const { specialistId } = specialist;
      return {
        specialist,
        activeAssignments: (holds.get(specialistId)?.size ?? 0) - (ours(specialistId) ? 1 : 0),
      };
    }),
  );
  for (const [index, { specialist, score }] of ranked.entries()) {
    const { specialistId } = specialist;
    if (!(await ports.capacity.reserve(specialistId, holdId(caseId, specialistId), specialist.capacity)))
      continue;
    const assignment = await ports.assignments.put({
      caseId,
      attempt,
      opinionNumber,
      specialistId,
      organization: specialist.organization,
      disciplines: specialist.disciplines,
      alternates: ranked.slice(index + 1, index + 1 + ALTERNATES).map((c) => c.specialist.specialistId),
      score,
      eligible: ranked.length,
      status: 'proposed',
      proposedAt: new Date().toISOString(),
    });
    // The proposal stored may be a concurrent run's of this attempt, stored first: every other hold of
    // this case on a candidate (ours just taken, or an earlier run's) goes back.
    const unused = [specialistId, ...pool.map((s) => s.specialistId).filter(ours)].filter(
      (id) => id !== assignment.specialistId,
    );
    await Promise.all([...new Set(unused)].map((id) => ports.capacity.release(id, holdId(caseId, id))));
    return proposed(assignment, ports.cases, record);
  }
  await ports.cases.recordStep(
    caseId,
    `no-specialist:${attempt}`,
    { status: 'matching-specialist' },
    {
      type: 'no-specialist',
      detail: `No eligible specialist for opinion ${opinionNumber} (${request.excludedSpecialists.length} excluded by earlier attempts)`,
      actor: 'concord',
    },
    record,
  );
  throw new NoSpecialistError(caseId, opinionNumber);
}

/** The candidates for the case's next opinion: who the hard rules allow, and the holds each has open. */
async function candidates(
  record: CaseRecord,
  ports: MatchingPorts,
): Promise<{ request: MatchRequest; pool: Specialist[]; holds: Map<string, ReadonlySet<string>> }> {
  const [assignments, opinions, specialists] = await Promise.all([
    ports.assignments.list(record.caseId),
    ports.assignments.opinions(record.caseId),
    ports.directory.specialistsFor(record.cancerType),
  ]);
  const request = matchRequest(
    record,
    assignments,
    opinions.map((o) => o.organization),
  );
  // The hard rules that need no load first, so capacity is read only for plausible candidates.
  const pool = specialists.filter(
    (specialist) => whyExcluded(request, { specialist, activeAssignments: 0 }) === undefined,
  );
  return { request, pool, holds: await ports.capacity.openHolds(pool.map((s) => s.specialistId)) };
}

/** The patient hears the records are in and matching has begun; the email names no diagnosis. */
async function recordsMilestone(record: CaseRecord, outbox: Outbox): Promise<void> {
  await outbox.sendOnce(
    record.caseId,
    'records-complete',
    recordsCompleteEmail(
      record.intake.patient.email,
      record.caseId,
      localeOf(record.intake.patient.preferredLanguage),
    ),
  );
}

/** The proposal's step, applied once; a replay (or a retry after a fault) records the same event. */
async function proposed(
  assignment: Assignment,
  cases: CaseStore,
  known: CaseRecord,
): Promise<{ specialistId: string; opinionNumber: number }> {
  const { caseId, attempt, specialistId, opinionNumber, score, eligible } = assignment;
  await cases.recordStep(
    caseId,
    `match:${attempt}`,
    { status: 'matching-specialist' },
    {
      type: 'specialist-proposed',
      detail: `${specialistId} for opinion ${opinionNumber} (score ${score}, ${eligible} eligible)`,
      actor: 'concord',
    },
    known,
  );
  return { specialistId, opinionNumber };
}
