import type { Bundle } from '@medplum/fhirtypes';
import type { CaseRecord } from '../domain/case.js';
import { SERVICE_PROVIDER } from '../domain/claim.js';
import { buildCaseBundle } from '../domain/fhir/case-bundle.js';
import type { AssignmentStore, Directory, RecordStore } from '../domain/ports.js';
import { allOpinions } from './opinions.js';

/**
 * Who may read the case: opens it for the caller's credential, or throws as for an unknown case (a wrong
 * credential and an unknown case look the same). The case access token's reader is `authorizedCase`; a
 * coordinator's console session is another reader of the same shape.
 */
export type CaseReader = (caseId: string) => Promise<CaseRecord>;

export interface CaseFhirPorts {
  assignments: AssignmentStore;
  records: RecordStore;
  directory: Directory;
  publicUrl: string;
}

/**
 * The case, opened by `read`, as a FHIR R4 Bundle: every opinion's clinical position, the records'
 * metadata, and the Claim once the insurer is the one billed (as the claim notice sends it). Nothing is
 * read before `read` lets the caller in.
 */
export async function caseFhir(caseId: string, read: CaseReader, ports: CaseFhirPorts): Promise<Bundle> {
  const record = await read(caseId);
  const { insurance } = record.intake;
  const billed = record.billing?.party === 'insurer' && 'payerId' in insurance;
  const [opinions, records, payer] = await Promise.all([
    allOpinions(record, ports.assignments),
    ports.records.list(caseId),
    billed ? ports.directory.getPayer(insurance.payerId) : undefined,
  ]);
  return buildCaseBundle({
    record,
    opinions,
    records,
    ...(payer ? { claim: { payer, provider: SERVICE_PROVIDER } } : {}),
    base: `${ports.publicUrl}/cases/${encodeURIComponent(caseId)}/fhir`,
    generatedAt: new Date().toISOString(),
  });
}
