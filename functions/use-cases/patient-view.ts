import type { CaseRecord, CaseStatus } from '../domain/case.js';
import { patientEvents, type PatientEvent } from '../domain/patient-events.js';
import type { CaseReads } from '../domain/ports.js';
import { statusCatalog } from '../views/i18n/catalogs.js';
import { localeOf, type Locale } from '../views/i18n/locale.js';
import { plainWords } from '../views/i18n/plain-words.js';

/** The case as its patient or physician sees it, in the patient's language: one projection for the API and the status page. */
export interface PatientView {
  caseId: string;
  status: CaseStatus;
  /** The status in plain words. */
  statusText: string;
  cancerType: string;
  opinions: number;
  /** How the opinions compare, once they are compared: none, minor or major discordance. */
  concordance?: string;
  coverage?: { outcome: string; reason: string };
  locale: Locale;
  timeline: Array<{ at: string; type: PatientEvent; detail: string }>;
}

/** Patient-facing events only, each in plain words; no staff addresses, comments or error names. */
export async function patientView(record: CaseRecord, cases: CaseReads): Promise<PatientView> {
  const locale = localeOf(record.intake.patient.preferredLanguage);
  const t = plainWords(locale, statusCatalog);
  const timeline = await cases.timeline(record.caseId, record);
  return {
    caseId: record.caseId,
    status: record.status,
    statusText: t.text(`status.step.${record.status}`),
    cancerType: record.cancerType,
    opinions: record.opinions,
    ...(record.discordance ? { concordance: record.discordance.level } : {}),
    ...(record.coverage
      ? { coverage: { outcome: record.coverage.outcome, reason: record.coverage.reason } }
      : {}),
    locale,
    timeline: patientEvents(timeline).map(({ at, type }) => ({
      at,
      type,
      detail: t.text(`status.event.${type}`),
    })),
  };
}
