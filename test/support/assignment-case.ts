/** A case whose specialist's link is pending, in memory: the set-up of the assignment use-cases' and links' tests. */
import type { Assignment } from '../../functions/domain/assignment.js';
import type { CallbackRecord } from '../../functions/domain/callback.js';
import type { Specialist } from '../../functions/schemas/directory.js';
import { signLink } from '../../functions/domain/signed-link.js';
import { acceptAssignment } from '../../functions/use-cases/assignment/respond.js';
import { openCallback, type WaitPorts } from '../../functions/use-cases/callbacks.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from './fakes/memory-callbacks.js';
import { MemoryOutbox, MemorySecrets, MemoryCaseStore, MemoryDirectory } from './fakes/memory-ports.js';
import { MemoryAssignmentStore } from './fakes/memory-assignments.js';
import { caseRecord, payer } from './case-records.js';
import { MemoryRecordStore } from './fakes/memory-records.js';
import { specialist } from './specialists.js';

export const KEY = Buffer.from('assignment-links-unit-test-key-0123456789', 'utf8');
export const CALLBACK_ID = 'assignment-callback-1';
export const TOKEN = 'AAAAKGV4ZWN1dGlvbi0xLXRhc2stdG9rZW4-assignment-token';
export const SPECIALIST = specialist('s-1');

/** A case's first match attempt, proposing `proposed` for the second opinion. */
export const proposedAttempt = (caseId: string, proposed: Specialist, opinionNumber = 2): Assignment => ({
  caseId,
  attempt: 1,
  opinionNumber,
  specialistId: proposed.specialistId,
  organization: proposed.organization,
  disciplines: proposed.disciplines,
  alternates: [],
  score: 10,
  eligible: 1,
  status: 'proposed',
  proposedAt: new Date().toISOString(),
});

/** A case whose first match attempt proposed s-1 for opinion 2 (or the one given), with the assignment link pending. */
export async function setupAssignmentCase({ opinionNumber = 2 } = {}) {
  const record = caseRecord(payer('acme-health'));
  const cases = new MemoryCaseStore();
  await cases.create(record, { type: 'case-received' });
  const assignments = new MemoryAssignmentStore();
  await assignments.put(proposedAttempt(record.caseId, SPECIALIST, opinionNumber));
  const callback: CallbackRecord = {
    callbackId: CALLBACK_ID,
    kind: 'assignment',
    purpose: 'opinion',
    caseId: record.caseId,
    round: 1,
    status: 'pending',
    recipient: SPECIALIST.email,
    taskToken: TOKEN,
    createdAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    remindersSent: 0,
  };
  const callbacks = new MemoryCallbackStore();
  await callbacks.create(callback);
  const outbox = new MemoryOutbox();
  const tasks = new RecordingTaskCallbacks();
  const ports: WaitPorts = {
    cases,
    callbacks,
    outbox,
    tasks,
    secrets: new MemorySecrets(KEY),
    directory: new MemoryDirectory([], [SPECIALIST]),
    records: new MemoryRecordStore(),
    assignments,
    settings: {
      publicUrl: 'https://concord.example',
      coordinatorEmail: 'coordinator@concord.local',
      approvalReminders: 2,
      recordsReminders: 3,
      opinionReminders: 1,
    },
  };
  const sig = signLink({ key: KEY }, CALLBACK_ID, 'assignments', callback.expiresAt);
  return { ports, cases, outbox, tasks, assignments, caseId: record.caseId, intake: record.intake, sig };
}

export type AssignmentCase = Awaited<ReturnType<typeof setupAssignmentCase>>;

export const accept = async (s: AssignmentCase) =>
  acceptAssignment(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), s.ports);

export const keys = (s: AssignmentCase) => s.outbox.sent.map((message) => message.key);
