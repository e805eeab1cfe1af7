import { randomUUID } from 'node:crypto';
import type { Bundle, Claim, Resource } from '@medplum/fhirtypes';
import { PROFILES } from '../../functions/domain/fhir/mcode-profiles.js';
import { undeclaredOrMissing, validateFhir } from '../support/fhir.js';
import { programToken } from '../support/stack/console-actions.js';
import { submitIntake, waitForStatus } from '../support/stack/inbox.js';
import { insured } from '../support/stack/insurance.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { agreeingOpinion, playReview } from '../support/stack/review.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 90_000;

describe('GET /cases/{caseId}/fhir on the embedded stack', () => {
  const stack = useTestStack({ settings: { CONCORD_OPINION_SLA_SECONDS: '600' } });

  it(
    'answers a completed case as a valid R4 Bundle in application/fhir+json, never cached, with the case token only',
    async () => {
      // Arrange: a lung cancer case whose reviewer states the clinical position in full
      const intake = insured('acme-health');
      const created = await submitIntake(stack, intake);
      await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
      await playReview(
        stack,
        created.caseId,
        agreeingOpinion(intake, {
          histology: { morphology: '8140', behaviour: '3' },
          staging: { prefix: 'c', t: 'T2b', n: 'N0', m: 'M0' },
          biomarkers: [
            { name: 'EGFR', result: 'mutated' },
            { name: 'PD-L1-TPS', result: 'low', value: 20 },
          ],
          treatmentIntent: 'curative',
        }),
      );
      await waitForStatus(stack, created, 'completed');
      const url = `${stack.urls.api}/cases/${created.caseId}/fhir`;

      // Act
      const answer = await fetch(url, { headers: { Authorization: `Bearer ${created.accessToken}` } });
      const bundle = (await answer.json()) as Bundle;
      const withoutToken = await fetch(url);
      const wrongToken = await fetch(url, { headers: { Authorization: 'Bearer not-the-token' } });
      const unknownCase = await fetch(`${stack.urls.api}/cases/${randomUUID()}/fhir`, {
        headers: { Authorization: `Bearer ${created.accessToken}` },
      });
      // A coordinator's program, through the console's door; the case token does not open that one.
      const consoleUrl = `${stack.urls.api}/console/cases/${created.caseId}/fhir`;
      const program = { Authorization: `Bearer ${await programToken(stack)}`, Accept: 'application/json' };
      const byProgram = await fetch(consoleUrl, { headers: program });
      const consoleBundle = (await byProgram.json()) as Bundle;
      const caseTokenAtConsole = await fetch(consoleUrl, {
        headers: { Authorization: `Bearer ${created.accessToken}`, Accept: 'application/json' },
      });

      // Assert
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/fhir+json');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(() => validateFhir(bundle)).not.toThrow();
      const resources = (bundle.entry ?? []).map((entry) => entry.resource!) as Resource[];
      for (const resource of resources) expect(() => validateFhir(resource)).not.toThrow();
      expect(resources.flatMap(undeclaredOrMissing)).toEqual([]);
      const profiles = new Set(resources.flatMap((resource) => resource.meta?.profile ?? []));
      for (const profile of [
        PROFILES.patient,
        PROFILES.primaryCancerCondition,
        PROFILES.tnmStageGroup,
        PROFILES.genomicVariant,
        PROFILES.tumorMarkerTest,
      ])
        expect(profiles).toContain(profile);
      expect(resources.filter((r) => r.resourceType === 'DocumentReference')).toHaveLength(5);
      expect((resources.find((r) => r.resourceType === 'Claim') as Claim).insurer).toBeDefined();
      expect(bundle.entry![0]!.fullUrl).toMatch(
        new RegExp(`^${stack.urls.api}/cases/${created.caseId}/fhir/`),
      );
      expect(withoutToken.status).toBe(401);
      expect(wrongToken.status).toBe(404);
      expect(wrongToken.headers.get('content-type')).toMatch(/problem\+json/);
      expect(unknownCase.status).toBe(404);
      expect(byProgram.status).toBe(200);
      expect(byProgram.headers.get('content-type')).toBe('application/fhir+json');
      expect(byProgram.headers.get('cache-control')).toBe('no-store');
      expect(consoleBundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual(
        bundle.entry?.map((entry) => entry.resource?.resourceType),
      );
      expect(caseTokenAtConsole.status).toBe(401);
    },
    TEST_MS,
  );
});
