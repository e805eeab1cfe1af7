import { jest } from '@jest/globals';
import type { CaseRecord } from '../../../../functions/domain/case.js';
import type { Specialist } from '../../../../functions/schemas/directory.js';
import { NoSpecialistError } from '../../../../functions/shared/errors.js';
import { endAssignment } from '../../../../functions/use-cases/assignment/end.js';
import { matchSpecialist, type MatchingPorts } from '../../../../functions/use-cases/assignment/propose.js';
import { MemoryOutbox, MemoryCaseStore, MemoryDirectory } from '../../../support/fakes/memory-ports.js';
import { MemoryAssignmentStore, MemoryCapacityLedger } from '../../../support/fakes/memory-assignments.js';
import { caseRecord, payer } from '../../../support/case-records.js';
import { specialist as directoryEntry } from '../../../support/specialists.js';

/** A lung specialist in the acme-health network (the fixture case is a CA lung case). */
const specialist = (id: string, changes: Partial<Specialist> = {}) =>
  directoryEntry(id, { networks: ['acme-health'], ...changes });

async function setup(specialists: Specialist[], cases: CaseRecord[] = [caseRecord(payer('acme-health'))]) {
  const ports: MatchingPorts & {
    cases: MemoryCaseStore;
    capacity: MemoryCapacityLedger;
    outbox: MemoryOutbox;
  } = {
    cases: new MemoryCaseStore(),
    directory: new MemoryDirectory([], specialists),
    capacity: new MemoryCapacityLedger(),
    assignments: new MemoryAssignmentStore(),
    outbox: new MemoryOutbox(),
  };
  for (const record of cases) await ports.cases.create(record, { type: 'case-received' });
  return ports;
}

const CASE_ID = caseRecord(payer('acme-health')).caseId;

describe('matchSpecialist', () => {
  it('never proposes the first opinion’s organization, however it is written', async () => {
    // Arrange: the fixture's first opinion is from Valley Oncology
    const ports = await setup([
      specialist('s-same', { organization: 'valley oncology, Inc.', turnaroundDays: 1 }),
      specialist('s-other', { turnaroundDays: 9 }),
    ]);

    // Act
    const proposal = await matchSpecialist(CASE_ID, 1, ports);

    // Assert
    expect(proposal).toEqual({ specialistId: 's-other', opinionNumber: 2 });
    expect(ports.capacity.holds.get('s-other')).toEqual(new Set([`${CASE_ID}#s-other`]));
    const [assignment] = await ports.assignments.list(CASE_ID);
    expect(assignment).toMatchObject({ status: 'proposed', alternates: [] });
  });

  it('a replayed attempt answers its stored proposal and reserves nothing more', async () => {
    const ports = await setup([specialist('s-1'), specialist('s-2')]);
    const first = await matchSpecialist(CASE_ID, 1, ports);
    const again = await matchSpecialist(CASE_ID, 1, ports);
    expect(again).toEqual(first);
    expect([...ports.capacity.holds.values()].reduce((n, set) => n + set.size, 0)).toBe(1);
    expect(
      (await ports.cases.timeline(CASE_ID)).filter((e) => e.type === 'specialist-proposed'),
    ).toHaveLength(1);
  });

  it('a retry after a run stopped between reserving and storing proposes whom that run reserved', async () => {
    // Arrange: the first run takes its hold, then storing the proposal fails
    const ports = await setup([specialist('s-1', { capacity: 1 }), specialist('s-2', { capacity: 1 })]);
    const put = jest.spyOn(ports.assignments, 'put').mockRejectedValueOnce(new Error('timed out'));
    await expect(matchSpecialist(CASE_ID, 1, ports)).rejects.toThrow('timed out');
    const reserved = [...ports.capacity.holds].find(([, holds]) => holds.size)![0];

    // Act
    const retried = await matchSpecialist(CASE_ID, 1, ports);

    // Assert: its own hold did not count against a full specialist, and no other place was taken
    expect(put).toHaveBeenCalledTimes(2);
    expect(retried.specialistId).toBe(reserved);
    expect(ports.capacity.holds.get(reserved)).toEqual(new Set([`${CASE_ID}#${reserved}`]));
    expect([...ports.capacity.holds.values()].reduce((n, set) => n + set.size, 0)).toBe(1);
  });

  it('a retry that proposes someone else gives back the hold the stopped run left', async () => {
    // Arrange: the stopped run reserved s-a; meanwhile another case took s-a's other place
    const other = caseRecord(payer('acme-health'), { caseId: '00000000-0000-4000-8000-0000000000bb' });
    const ports = await setup(
      [specialist('s-a', { capacity: 2 }), specialist('s-b', { capacity: 2 })],
      [caseRecord(payer('acme-health')), other],
    );
    jest.spyOn(ports.assignments, 'put').mockRejectedValueOnce(new Error('timed out'));
    await expect(matchSpecialist(CASE_ID, 1, ports)).rejects.toThrow('timed out');
    expect(ports.capacity.holds.get('s-a')).toEqual(new Set([`${CASE_ID}#s-a`]));
    await ports.capacity.reserve('s-a', `${other.caseId}#s-a`, 2);

    // Act: s-b has more room now, so it ranks first
    const retried = await matchSpecialist(CASE_ID, 1, ports);

    // Assert
    expect(retried.specialistId).toBe('s-b');
    expect(ports.capacity.holds.get('s-a')).toEqual(new Set([`${other.caseId}#s-a`]));
    expect(ports.capacity.holds.get('s-b')).toEqual(new Set([`${CASE_ID}#s-b`]));
  });

  it('concurrent cases never overbook: one place, three cases, one proposal', async () => {
    // Arrange
    const records = ['a', 'b', 'c'].map((suffix) =>
      caseRecord(payer('acme-health'), { caseId: `00000000-0000-4000-8000-00000000000${suffix}` }),
    );
    const ports = await setup([specialist('s-only', { capacity: 1 })], records);

    // Act
    const results = await Promise.allSettled(records.map((r) => matchSpecialist(r.caseId, 1, ports)));

    // Assert
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.map((r) => (r.reason as Error).name)).toEqual(['NoSpecialistError', 'NoSpecialistError']);
    expect(ports.capacity.holds.get('s-only')?.size).toBe(1);
  });

  it('no candidate: NoSpecialistError, a no-specialist event, nothing reserved', async () => {
    const ports = await setup([specialist('s-breast', { cancerTypes: ['breast'] })]);
    await expect(matchSpecialist(CASE_ID, 1, ports)).rejects.toBeInstanceOf(NoSpecialistError);
    expect((await ports.cases.timeline(CASE_ID)).map((e) => e.type)).toContain('no-specialist');
    expect(await ports.assignments.list(CASE_ID)).toEqual([]);
  });

  it('a rejected proposal releases its place and the next attempt excludes them', async () => {
    // Arrange
    const ports = await setup([specialist('s-best', { turnaroundDays: 1 }), specialist('s-next')]);
    await matchSpecialist(CASE_ID, 1, ports);

    // Act
    await endAssignment(CASE_ID, 1, 'rejected', ports);
    const second = await matchSpecialist(CASE_ID, 2, ports);

    // Assert
    expect(second.specialistId).toBe('s-next');
    expect(ports.capacity.holds.get('s-best')?.size).toBe(0);
    expect((await ports.assignments.get(CASE_ID, 1))?.outcome).toBe('rejected');
  });

  it('an in-network-only plan paid by the insurer matches only specialists in that network', async () => {
    const plan = payer('northstar-health', { inNetworkOnly: true });
    const insured = caseRecord(plan, { billing: { party: 'insurer', basis: 'covered-by-plan' } });
    const selfPaying = caseRecord(plan, {
      caseId: '00000000-0000-4000-8000-0000000000aa',
      billing: { party: 'self-pay', basis: 'self-pay' },
    });
    const ports = await setup(
      [specialist('s-out', { turnaroundDays: 1 }), specialist('s-in', { networks: ['northstar-health'] })],
      [insured, selfPaying],
    );
    expect((await matchSpecialist(insured.caseId, 1, ports)).specialistId).toBe('s-in');
    // Paying themselves, the patient is not bound to the plan's network.
    expect((await matchSpecialist(selfPaying.caseId, 1, ports)).specialistId).toBe('s-out');
  });

  it('the patient hears once that the records are in, without the diagnosis', async () => {
    const ports = await setup([specialist('s-1'), specialist('s-2')]);
    await matchSpecialist(CASE_ID, 1, ports);
    await endAssignment(CASE_ID, 1, 'declined', ports);
    await matchSpecialist(CASE_ID, 2, ports);
    const milestones = ports.outbox.sent.filter((m) => m.key === 'records-complete');
    expect(milestones).toHaveLength(1);
    expect(milestones[0]!.email.text).not.toContain('C34');
  });
});
