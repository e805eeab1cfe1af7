import { randomUUID } from 'node:crypto';
import { takeBackLinks } from '../../../../functions/use-cases/actions/take-back-links.js';
import { grantLink, openGrant } from '../../../../functions/use-cases/grants.js';
import { GoneError, NotFoundError } from '../../../../functions/shared/errors.js';
import { MemoryCaseStore } from '../../../support/fakes/memory-ports.js';
import { exampleIntake } from '../../../support/intake.js';
import { grantPorts, newConfirmedCase } from '../../../support/new-case.js';
import { IntakeSchema } from '../../../../functions/schemas/intake.js';

const ACTOR = 'casey@concord.example (subject sub-casey)';

async function setUp() {
  const cases = new MemoryCaseStore();
  const { caseId } = await newConfirmedCase(IntakeSchema.parse(exampleIntake()), cases);
  const ports = { cases, ...grantPorts(cases) };
  const sig = (url: string) => new URL(url).searchParams.get('sig')!;
  const idOf = (url: string) => new URL(url).pathname.split('/').at(-1)!;
  return { cases, caseId, ports, sig, idOf };
}

describe('takeBackLinks', () => {
  it('answers every link granted so far with 410, keeps later ones working, and names who did it and why', async () => {
    // Arrange
    const { cases, caseId, ports, sig, idOf } = await setUp();
    const status = await grantLink(caseId, 'case', 'ana@example.org', ports);
    const claim = await grantLink(caseId, 'claim', 'claims@acme.example', ports);

    // Act
    await takeBackLinks({ caseId, actor: ACTOR, reason: 'The patient lost her phone' }, ports);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a link granted after, not in the same millisecond
    const later = await grantLink(caseId, 'case', 'ana@example.org', ports);

    // Assert
    await expect(openGrant(idOf(status.url), sig(status.url), 'case', ports)).rejects.toBeInstanceOf(
      GoneError,
    );
    await expect(openGrant(idOf(claim.url), sig(claim.url), 'claim', ports)).rejects.toBeInstanceOf(
      GoneError,
    );
    await expect(openGrant(idOf(later.url), sig(later.url), 'case', ports)).resolves.toMatchObject({
      record: { caseId },
    });
    const events = (await cases.timeline(caseId)).filter((e) => e.type === 'links-revoked');
    expect(events).toEqual([expect.objectContaining({ actor: ACTOR, detail: 'The patient lost her phone' })]);
  });

  it('is a 404 for a case that does not exist, and changes nothing', async () => {
    // Arrange
    const { ports } = await setUp();

    // Act / Assert
    await expect(
      takeBackLinks({ caseId: randomUUID(), actor: ACTOR, reason: 'x' }, ports),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
