import type { CallbackRecord } from '../../domain/callback.js';
import type { CaseRecord, TimelineEvent } from '../../domain/case.js';
import { describeCoverage } from '../../domain/coverage.js';
import { firstOpinion } from '../../domain/first-opinion.js';
import type { CaseReader, Directory, RecordFiles } from '../../domain/ports.js';
import { isOverdue } from '../../domain/queue.js';
import { checklist } from '../../domain/records.js';
import { NotFoundError } from '../../shared/errors.js';
import type { CaseFile, PendingStep } from '../../views/console/case-file.js';
import { download } from '../assignment/packet.js';

export interface CaseFilePorts {
  cases: CaseReader;
  directory: Pick<Directory, 'getSpecialist'>;
  files: Pick<RecordFiles, 'presignGet'>;
  settings: { publicUrl: string; downloadUrlSeconds: number };
}

/** The timeline events that tell how the insurer's claim went (claim-notice.ts). */
const CLAIM_EVENTS = new Set(['claim-notice-sent', 'receipt-sent', 'no-claim-notice']);

/** Every callback the case's workflow asked for: each request and each decision is a step of the case. */
export function callbackIdsOf(record: Pick<CaseRecord, 'steps'>): string[] {
  const ids = Object.keys(record.steps)
    .map((step) => /^(?:callback|decision):(.+)$/.exec(step)?.[1])
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/** A human step still waiting, as the console shows it: never its task token. */
function pendingStep(callback: CallbackRecord, nowSeconds: number): PendingStep {
  return {
    callbackId: callback.callbackId,
    kind: callback.kind,
    purpose: callback.purpose,
    recipient: callback.recipient,
    requestedAt: callback.createdAt,
    ...(callback.dueAt ? { dueAt: callback.dueAt } : {}),
    expiresAt: new Date(callback.expiresAt * 1000).toISOString(),
    remindersSent: callback.remindersSent,
    link: callback.expiresAt > nowSeconds ? 'live' : 'expired',
  };
}

/**
 * `GET /console/cases/{caseId}`: everything about one case, PHI included (the console's door has let a
 * coordinator in): intake, coverage and prior authorization, records with short-lived download links, each
 * assignment and opinion, the discordance and its reasons, the human steps still waiting, the claim notice,
 * the report and the whole timeline.
 */
export async function caseFile(caseId: string, ports: CaseFilePorts, now = new Date()): Promise<CaseFile> {
  const whole = await ports.cases.whole(caseId);
  if (!whole) throw new NotFoundError('No such case');
  const { record, timeline, records, assignments } = whole;
  const specialistIds = [...new Set(assignments.map((a) => a.specialistId))];
  const [callbacks, ...found] = await Promise.all([
    ports.cases.callbacks(callbackIdsOf(record)),
    ...specialistIds.map((id) => ports.directory.getSpecialist(id)),
  ]);
  const specialists = new Map(
    found.flatMap((s) => (s && 'specialistId' in s ? [[s.specialistId, s.name] as const] : [])),
  );
  const opinions = [firstOpinion(record), ...whole.opinions.sort((a, b) => a.number - b.number)];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const pending = callbacks
    .filter((c) => c.status === 'pending')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((c) => pendingStep(c, nowSeconds));
  const priorAuthRequest = callbacks
    .filter((c) => c.kind === 'prior-authorization')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const claim = [...timeline].reverse().find((event) => CLAIM_EVENTS.has(event.type));
  return {
    caseId,
    status: record.status,
    cancerType: record.cancerType,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.waitingOn ? { waitingOn: record.waitingOn } : {}),
    ...(record.waitingSince ? { waitingSince: record.waitingSince } : {}),
    ...(record.dueAt ? { dueAt: record.dueAt } : {}),
    overdue: isOverdue(record.dueAt, now),
    intake: record.intake,
    ...(record.coverage
      ? { coverage: { ...record.coverage, description: describeCoverage(record.coverage) } }
      : {}),
    ...(record.billing ? { billing: record.billing } : {}),
    ...(priorAuthRequest || record.priorAuthorization
      ? {
          priorAuthorization: {
            ...record.priorAuthorization,
            ...(priorAuthRequest
              ? { requestedAt: priorAuthRequest.createdAt, dueAt: priorAuthRequest.dueAt }
              : {}),
          },
        }
      : {}),
    records: {
      checklist: checklist(records).items,
      files: await Promise.all(
        records.map(async (r) => ({
          recordId: r.recordId,
          type: r.type,
          status: r.status,
          ...(r.displayName ? { fileName: r.displayName } : {}),
          ...(r.sizeBytes !== undefined ? { sizeBytes: r.sizeBytes } : {}),
          ...(r.receivedAt ? { receivedAt: r.receivedAt } : {}),
          ...(r.refusedReason ? { refusedReason: r.refusedReason } : {}),
          ...(r.status === 'received'
            ? {
                downloadUrl: await ports.files.presignGet(
                  r.key,
                  download(r),
                  ports.settings.downloadUrlSeconds,
                ),
              }
            : {}),
        })),
      ),
    },
    assignments: assignments.map(({ submission: _submission, alternates: _alternates, ...a }) => ({
      ...a,
      ...(specialists.has(a.specialistId) ? { specialistName: specialists.get(a.specialistId)! } : {}),
    })),
    opinions,
    ...(record.discordance ? { concordance: record.discordance.level, discordance: record.discordance } : {}),
    ...(record.tumorBoard ? { tumorBoard: true } : {}),
    pending,
    ...(claim ? { claimNotice: withoutActor(claim) } : {}),
    // The report's content (opinions, concordance) is on this page; its link is granted to the patient and
    // physician only, each revocable (use-cases/grants.ts), so the console shows when it went.
    ...(record.steps.report ? { report: { deliveredAt: record.steps.report } } : {}),
    timeline,
  };
}

const withoutActor = ({ at, type, detail }: TimelineEvent) => ({ at, type, ...(detail ? { detail } : {}) });
