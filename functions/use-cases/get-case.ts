import type { CaseRecord } from '../domain/case.js';
import type { CaseStore } from '../domain/ports.js';
import { safeEqual, sha256 } from '../shared/crypto.js';
import { NotFoundError } from '../shared/errors.js';
import { patientView, type PatientView } from './patient-view.js';

/** The case its access token opens. A wrong token and an unknown case look the same: no probing for ids. */
export async function authorizedCase(
  caseId: string,
  accessToken: string,
  cases: CaseStore,
): Promise<CaseRecord> {
  const record = await cases.get(caseId);
  if (!record || !safeEqual(record.accessTokenHash, sha256(accessToken)))
    throw new NotFoundError('No such case');
  return record;
}

/**
 * The case as its patient or physician sees it (issue 20 §6): patient-facing events only, in plain words, with
 * no staff addresses, internal comments or error names; the same projection as the status page.
 */
export async function getCase(
  caseId: string,
  accessToken: string,
  cases: CaseStore,
): Promise<Omit<PatientView, 'locale'>> {
  const record = await authorizedCase(caseId, accessToken, cases);
  const { locale: _locale, ...view } = await patientView(record, cases);
  return view;
}
