import type { CaseRecord, CaseStatus, TimelineEvent } from '../domain/case.js';
import type { CaseStore } from '../domain/ports.js';
import { safeEqual, sha256 } from '../shared/crypto.js';
import { NotFoundError } from '../shared/errors.js';

export interface CaseView {
  caseId: string;
  status: CaseStatus;
  cancerType: string;
  opinions: number;
  /** How the opinions compare, once they are compared: none, minor or major discordance. */
  concordance?: string;
  coverage?: { outcome: string; reason: string };
  timeline: Array<Pick<TimelineEvent, 'at' | 'type' | 'detail' | 'actor'>>;
}

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

/** The case as its patient or physician sees it. */
export async function getCase(caseId: string, accessToken: string, cases: CaseStore): Promise<CaseView> {
  const record = await authorizedCase(caseId, accessToken, cases);
  const timeline = await cases.timeline(caseId, record);
  return {
    caseId: record.caseId,
    status: record.status,
    cancerType: record.cancerType,
    opinions: record.opinions,
    ...(record.discordance ? { concordance: record.discordance.level } : {}),
    ...(record.coverage
      ? { coverage: { outcome: record.coverage.outcome, reason: record.coverage.reason } }
      : {}),
    timeline: timeline.map(({ at, type, detail, actor }) => ({
      at,
      type,
      ...(detail ? { detail } : {}),
      ...(actor ? { actor } : {}),
    })),
  };
}
