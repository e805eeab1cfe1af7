import { jest } from '@jest/globals';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { OpinionInput } from '../../../functions/schemas/opinion.js';
import { ConflictError } from '../../../functions/shared/errors.js';
import { answerLink } from '../../../functions/links/link-handler.js';
import { OPINION_LINK } from '../../../functions/links/opinion.js';
import { recordOpinion } from '../../../functions/use-cases/assignment/opinion.js';
import { MemoryCapacityLedger } from '../../support/fakes/memory-assignments.js';
import { RICH_POSITION } from '../../support/positions.js';
import { agreeingOpinion } from '../../support/stack/review.js';
import {
  accept,
  CALLBACK_ID,
  keys,
  setupAssignmentCase as setup,
  TOKEN,
  type AssignmentCase as Setup,
} from '../../support/assignment-case.js';

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

describe('an opinion stating the clinical position in full', () => {
  it('is kept whole on the assignment and in OPINION#n, beside what API.md defines', async () => {
    // Arrange
    const s = await setup();
    await accept(s);
    const opinion = agreeingOpinion(s.intake, { ...RICH_POSITION });

    // Act
    const answered = await postOpinion(s, opinion);
    await recordOpinion(s.caseId, 1, { ...s.ports, capacity: new MemoryCapacityLedger() });

    // Assert
    expect(answered.statusCode).toBe(200);
    const [stored] = await s.assignments.opinions(s.caseId);
    expect(stored).toMatchObject({ number: 2, ...RICH_POSITION });
    expect(stored!.submission).toMatchObject(RICH_POSITION);
  });
});
