/**
 * A case waiting on a coordinator's coverage approval, in memory, with a specialist proposed on an earlier attempt
 * holding capacity: the set-up the console actions' use-case tests share. The request step runs as the workflow
 * runs it, so the callback, its email and its link are the real ones.
 */
import { holdId } from '../../functions/domain/assignment.js';
import { callbackId } from '../../functions/domain/signed-link.js';
import { approvalPresenter } from '../../functions/use-cases/approvals.js';
import { checkCoverage } from '../../functions/use-cases/check-coverage.js';
import {
  callbackTimedOut,
  requestCallback,
  type RevisionPorts,
  type WaitPorts,
} from '../../functions/use-cases/callbacks.js';
import { proposedAttempt } from './assignment-case.js';
import { MemoryAssignmentStore, MemoryCapacityLedger } from './fakes/memory-assignments.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from './fakes/memory-callbacks.js';
import { MemorySecrets, MemoryOutbox, MemoryWorkflow } from './fakes/memory-ports.js';
import { MemoryRecordStore } from './fakes/memory-records.js';
import { specialist } from './specialists.js';
import { COORDINATOR, setupStepCase } from './step-case.js';

export const KEY = Buffer.from('console-actions-unit-test-key-0123456789', 'utf8');
export const PUBLIC_URL = 'https://concord.example';
export const TIMEOUT = 3600;
export const ACTOR = 'coordinator@concord.local (sub-1)';
export const SPECIALIST = specialist('s-9', { capacity: 1 });
const REMINDERS = 2;

export async function setupActionCase() {
  const { cases, directory, mailer, caseId, coveragePorts } = await setupStepCase({
    payerId: 'basic-benefit',
    memberId: 'B123456789',
  });
  const outbox = new MemoryOutbox(mailer);
  await checkCoverage(caseId, { ...coveragePorts, outbox });
  directory.putSpecialist(SPECIALIST);
  const assignments = new MemoryAssignmentStore();
  const capacity = new MemoryCapacityLedger();
  const workflow = new MemoryWorkflow();
  // The in-memory store keeps the wait and takes the revisions alike.
  const ports: WaitPorts & RevisionPorts = {
    cases,
    callbacks: new MemoryCallbackStore(),
    outbox,
    tasks: new RecordingTaskCallbacks(),
    secrets: new MemorySecrets(KEY),
    directory,
    records: new MemoryRecordStore(),
    assignments,
    settings: {
      publicUrl: PUBLIC_URL,
      coordinatorEmail: COORDINATOR,
      approvalReminders: REMINDERS,
      recordsReminders: 3,
      opinionReminders: 1,
    },
  };
  const ref = { caseId, kind: 'approval' as const, purpose: 'coverage', round: 1 };
  const id = callbackId(KEY, caseId, 'approval', 'coverage', 1);
  /** The CoverageApproval step, as the workflow runs it; `resume` as LoadSettings passes it. */
  const request = (taskToken: string, resume?: number) =>
    requestCallback({ ...ref, resume }, { taskToken, timeoutSeconds: TIMEOUT }, approvalPresenter, ports);
  const timedOut = () => callbackTimedOut(ref, approvalPresenter, ports);
  /** The step's timeouts until its reminders run out and it expires (CallbackExpiredError). */
  const runOut = async () => {
    for (let i = 0; i < REMINDERS; i++) await timedOut();
    await timedOut().catch(() => undefined);
  };
  /** A proposal of SPECIALIST on match attempt 1, holding their capacity. */
  const propose = async () => {
    await capacity.reserve(
      SPECIALIST.specialistId,
      holdId(caseId, SPECIALIST.specialistId),
      SPECIALIST.capacity,
    );
    await assignments.put(proposedAttempt(caseId, SPECIALIST));
  };
  return {
    ports,
    cases,
    outbox,
    mailer,
    assignments,
    capacity,
    workflow,
    directory,
    callbacks: ports.callbacks as MemoryCallbackStore,
    tasks: ports.tasks as RecordingTaskCallbacks,
    caseId,
    id,
    request,
    timedOut,
    runOut,
    propose,
    attentionPorts: {
      cases,
      outbox,
      coordinatorEmail: COORDINATOR,
      publicUrl: PUBLIC_URL,
      assignments,
      capacity,
    },
  };
}

export type ActionCase = Awaited<ReturnType<typeof setupActionCase>>;

/** The held capacity of SPECIALIST. */
export const holdsOf = (s: ActionCase) => s.capacity.holds.get(SPECIALIST.specialistId)?.size ?? 0;

/** The signed link in an email's text part. */
export function linkIn(text: string): { id: string; sig: string } {
  const match = /\/approvals\/([A-Za-z0-9_-]+)\?sig=([^\s"<]+)/.exec(text);
  if (!match) throw new Error(`No approval link in: ${text}`);
  return { id: match[1]!, sig: match[2]! };
}
