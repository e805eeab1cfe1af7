import { jest } from '@jest/globals';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { CallbackRecord } from '../../../functions/domain/callback.js';
import { signLink } from '../../../functions/domain/signed-link.js';
import type { OpinionInput } from '../../../functions/schemas/opinion.js';
import { AlreadyDecidedError, ConflictError } from '../../../functions/shared/errors.js';
import { acceptAssignment } from '../../../functions/use-cases/assignment/respond.js';
import { casePacket } from '../../../functions/use-cases/assignment/packet.js';
import { openCallback, type CallbackPorts } from '../../../functions/use-cases/callbacks.js';
import { answerLink } from '../../../functions/links/link-handler.js';
import { OPINION_LINK } from '../../../functions/links/opinion.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from '../../support/fakes/memory-callbacks.js';
import {
  MemoryOutbox,
  FixedSecrets,
  MemoryCaseStore,
  MemoryDirectory,
} from '../../support/fakes/memory-ports.js';
import { MemoryAssignmentStore } from '../../support/fakes/memory-assignments.js';
import { caseRecord, payer } from '../../support/case-records.js';
import { MemoryRecordFiles, MemoryRecordStore } from '../../support/fakes/memory-records.js';
import { agreeingOpinion } from '../../support/stack/review.js';
import { specialist } from '../../support/specialists.js';

const KEY = Buffer.from('assignment-links-unit-test-key-0123456789', 'utf8');
const CALLBACK_ID = 'assignment-callback-1';
const TOKEN = 'AAAAKGV4ZWN1dGlvbi0xLXRhc2stdG9rZW4-assignment-token';
const SPECIALIST = specialist('s-1');

/** A case whose first match attempt proposed s-1, with the assignment link pending. */
async function setup() {
  const record = caseRecord(payer('acme-health'));
  const cases = new MemoryCaseStore();
  await cases.create(record, { type: 'case-received' });
  const assignments = new MemoryAssignmentStore();
  await assignments.put({
    caseId: record.caseId,
    attempt: 1,
    opinionNumber: 2,
    specialistId: SPECIALIST.specialistId,
    organization: SPECIALIST.organization,
    disciplines: SPECIALIST.disciplines,
    alternates: [],
    score: 10,
    eligible: 1,
    status: 'proposed',
    proposedAt: new Date().toISOString(),
  });
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
  const ports: CallbackPorts = {
    cases,
    callbacks,
    outbox,
    tasks,
    secrets: new FixedSecrets(KEY),
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
  const sig = signLink(KEY, CALLBACK_ID, 'assignments', callback.expiresAt);
  return { ports, cases, outbox, tasks, assignments, caseId: record.caseId, intake: record.intake, sig };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const accept = async (s: Setup) =>
  acceptAssignment(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), s.ports);

/** `POST /assignments/{id}/opinion` as a program sends it (JSON in, JSON out). */
const postOpinion = (s: Setup, opinion: OpinionInput) =>
  answerLink(
    OPINION_LINK,
    {
      httpMethod: 'POST',
      pathParameters: { id: CALLBACK_ID },
      queryStringParameters: { sig: s.sig },
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(opinion),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    s.ports,
  );

const moreTests = (s: Setup): OpinionInput =>
  agreeingOpinion(s.intake, {
    diagnosisAssessment: 'more-tests-needed',
    testsNeeded: [{ type: 'genetic-testing', description: 'BRCA1/2 panel' }],
  });

const keys = (s: Setup) => s.outbox.sent.map((message) => message.key);

describe('casePacket', () => {
  it('shows each record under the name it was uploaded with, but signs its download under its type and id', async () => {
    // Arrange: the uploader named the file after the patient
    const s = await setup();
    const fileName = 'Ana Silva 1968-04-02 biopsy.PDF';
    await s.ports.records.put({
      recordId: 'r-1',
      caseId: s.caseId,
      type: 'pathology-report',
      key: `cases/${s.caseId}/records/pathology-report/r-1`,
      status: 'received',
      fileName,
      createdAt: new Date().toISOString(),
    });
    const files = new MemoryRecordFiles();

    // Act
    const packet = await casePacket(await openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports), {
      ...s.ports,
      files,
      settings: { downloadUrlSeconds: 600 },
    });

    // Assert
    expect(packet.records).toEqual([
      {
        type: 'pathology-report',
        fileName,
        downloadUrl: expect.stringContaining(`download=${encodeURIComponent('pathology-report-r-1.pdf')}`),
      },
    ]);
    expect(packet.records[0]!.downloadUrl).not.toMatch(/Silva|1968/);
  });
});

describe('acceptAssignment', () => {
  it('an accept stopped before its event and email is finished by the next; a further one is 409', async () => {
    // Arrange: the first accept is stored, then the case write fails
    const s = await setup();
    jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('stopped'));
    await expect(accept(s)).rejects.toThrow('stopped');

    // Act
    const retried = await accept(s);

    // Assert
    const stored = await s.assignments.get(s.caseId, 1);
    expect(retried.acceptedAt).toBe(stored!.acceptedAt);
    expect((await s.cases.timeline(s.caseId)).filter((e) => e.type === 'assignment-accepted')).toHaveLength(
      1,
    );
    expect((await s.cases.get(s.caseId))!.status).toBe('awaiting-opinion');
    expect(keys(s)).toEqual(['specialist-assigned:1']);
    await expect(accept(s)).rejects.toBeInstanceOf(AlreadyDecidedError);
    expect(keys(s)).toEqual(['specialist-assigned:1']);
  });
});

describe('answerOpinionLink', () => {
  it('a retry after the decision failed to follow a stored opinion finishes it from the stored one', async () => {
    // Arrange: the opinion is stored, then the decision write fails
    const s = await setup();
    await accept(s);
    jest.spyOn(s.ports.callbacks, 'decide').mockRejectedValueOnce(new Error('stopped'));
    await expect(postOpinion(s, agreeingOpinion(s.intake))).rejects.toThrow('stopped');

    // Act: the same specialist sends a different body (asking for tests) on the same link
    const retried = postOpinion(s, moreTests(s));

    // Assert: the first opinion stands and reaches the workflow; the second body is refused
    await expect(retried).rejects.toBeInstanceOf(ConflictError);
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'opinion' } }]);
    expect((await s.assignments.get(s.caseId, 1))!.submission!.diagnosisAssessment).toBe('confirmed');
    expect(keys(s)).not.toContain('more-tests:1');
    expect((await s.cases.get(s.caseId))!.status).toBe('comparing-opinions');
  });

  it('the same opinion sent again after such a fault is recorded (200)', async () => {
    const s = await setup();
    await accept(s);
    jest.spyOn(s.ports.callbacks, 'decide').mockRejectedValueOnce(new Error('stopped'));
    await expect(postOpinion(s, agreeingOpinion(s.intake))).rejects.toThrow('stopped');

    const retried = await postOpinion(s, agreeingOpinion(s.intake));

    expect(retried.statusCode).toBe(200);
    expect(JSON.parse(retried.body)).toMatchObject({ status: 'recorded', decision: 'opinion' });
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'opinion' } }]);
  });

  it('the patient hears about the tests even when the decision then fails, and only once', async () => {
    // Arrange
    const s = await setup();
    await accept(s);
    jest.spyOn(s.ports.callbacks, 'decide').mockRejectedValueOnce(new Error('stopped'));

    // Act
    await expect(postOpinion(s, moreTests(s))).rejects.toThrow('stopped');
    const sentBeforeRetry = keys(s).filter((key) => key === 'more-tests:1');
    const retried = await postOpinion(s, moreTests(s));

    // Assert
    expect(sentBeforeRetry).toHaveLength(1);
    expect(JSON.parse(retried.body)).toMatchObject({ decision: 'more-tests' });
    expect(keys(s).filter((key) => key === 'more-tests:1')).toHaveLength(1);
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'more-tests' } }]);
  });
});
