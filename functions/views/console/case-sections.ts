/** The case view's sections below its summary: intake, coverage, records, opinions, outcome, timeline. */
import type { TimelineEvent } from '../../domain/case.js';
import type { Opinion } from '../../domain/opinion.js';
import { recordTypeLabel } from '../../domain/records.js';
import type { Intake } from '../../schemas/intake.js';
import { definitionList, html, type Html } from '../page.js';
import type { CaseFile } from './case-file.js';
import { dataTable } from './table.js';
import { dueWords, timeWords } from './words.js';

const plan = (opinion: Pick<Opinion, 'treatmentPlan'>) =>
  opinion.treatmentPlan.map((step, i) => `${i + 1}. ${step.modality}`).join(', ') || 'none';

/** The intake as submitted: the patient's details live here and nowhere else in the console. */
export function intakeSection(intake: Intake): Html {
  const { patient, referringPhysician: physician, diagnosis, firstOpinion, insurance } = intake;
  return html`<section>
    <h2>Intake</h2>
    <div class="panes">
      <div class="pane">
        <h3>Patient</h3>
        ${definitionList([
          ['Name', `${patient.firstName} ${patient.lastName}`],
          ['Date of birth', patient.dateOfBirth],
          ['Email', patient.email],
          ['Phone', patient.phone ?? 'not given'],
          ['State', patient.state],
          ['Preferred language', patient.preferredLanguage],
        ])}
      </div>
      <div class="pane">
        <h3>Referring physician</h3>
        ${
          physician
            ? definitionList([
                ['Name', physician.name],
                ['Email', physician.email],
                ['NPI', physician.npi],
                ['Organization', physician.organization ?? 'not given'],
              ])
            : html`<p>None: the patient submitted alone.</p>`
        }
      </div>
      <div class="pane">
        <h3>Diagnosis and first opinion</h3>
        ${definitionList([
          ['ICD-10-CM', diagnosis.icd10],
          ['Stage', diagnosis.stage],
          ['Diagnosed on', diagnosis.diagnosedOn ?? 'not given'],
          ['First opinion by', `${firstOpinion.physicianName}, ${firstOpinion.organization}`],
          ['Treatment plan', plan(firstOpinion)],
          [
            'Insurance',
            'payerId' in insurance
              ? `${insurance.payerId}, member ${insurance.memberId}${insurance.groupNumber ? `, group ${insurance.groupNumber}` : ''}`
              : 'Self-pay',
          ],
          ['Consultation', intake.consultation],
          ['Reasons', intake.reasons.join(', ')],
        ])}
      </div>
    </div>
    <h3>The patient's questions</h3>
    ${
      intake.questions.length
        ? html`<ol>
            ${intake.questions.map((q) => html`<li>${q}</li>`)}
          </ol>`
        : html`<p>None asked.</p>`
    }
  </section>`;
}

export function coverageSection(file: CaseFile, now: Date): Html {
  const pa = file.priorAuthorization;
  const clock = pa?.dueAt ? dueWords(pa.dueAt, now) : undefined;
  return html`<section>
    <h2>Coverage and prior authorization</h2>
    ${definitionList([
      [
        'Coverage',
        file.coverage ? `${file.coverage.outcome}: ${file.coverage.description}` : 'Not checked yet',
      ],
      ['Who pays', file.billing ? `${file.billing.party} (${file.billing.basis})` : 'Not settled yet'],
    ])}
    ${
      pa
        ? definitionList([
            ['Prior authorization asked', pa.requestedAt ? timeWords(pa.requestedAt) : 'not asked'],
            [
              'Statutory clock',
              pa.dueAt ? `${pa.decidedAt ? 'was due' : clock!.text}: ${timeWords(pa.dueAt)}` : 'not running',
            ],
            [
              'Insurer answered',
              pa.decision
                ? `${pa.decision}${pa.reference ? `, reference ${pa.reference}` : ''} (${timeWords(pa.decidedAt!)})`
                : 'not yet',
            ],
          ])
        : html`<p>No prior authorization is needed or asked for.</p>`
    }
  </section>`;
}

export function recordsSection(file: CaseFile): Html {
  const { checklist, files } = file.records;
  const state = (f: (typeof files)[number]) =>
    f.status === 'received'
      ? `Received ${timeWords(f.receivedAt!)}`
      : f.status === 'refused'
        ? `Refused: ${f.refusedReason ?? 'not accepted'}`
        : 'Announced, not uploaded';
  return html`<section>
    <h2>Medical records</h2>
    ${dataTable(
      'Checklist',
      ['Record', 'Needed before matching', 'Received'],
      checklist.map((entry) => ({
        cells: [
          recordTypeLabel(entry.type),
          entry.required ? 'Yes' : 'No',
          entry.received ? 'Yes' : 'Not yet',
        ],
      })),
    )}
    ${
      files.length
        ? dataTable(
            'Files (download links work for a few minutes: reload the page for new ones)',
            ['Record', 'File', 'State', 'Download'],
            files.map((f) => ({
              cells: [
                recordTypeLabel(f.type),
                `${f.fileName ?? 'uploaded on the records page'}${f.sizeBytes !== undefined ? ` (${Math.ceil(f.sizeBytes / 1024)} KB)` : ''}`,
                state(f),
                f.downloadUrl
                  ? html`<a href="${f.downloadUrl}">Download ${recordTypeLabel(f.type)}</a>`
                  : '-',
              ],
            })),
          )
        : html`<p>No files yet.</p>`
    }
  </section>`;
}

/** The opinions side by side (one column each), the discordance grade and its reasons, and each assignment. */
export function opinionsSection(file: CaseFile): Html {
  const { opinions } = file;
  const row = (label: string, value: (o: Opinion) => string) =>
    html`<tr>
      <th scope="row">${label}</th>
      ${opinions.map((o) => html`<td data-label="Opinion ${o.number}">${value(o)}</td>`)}
    </tr>`;
  return html`<section>
    <h2>Specialists and opinions</h2>
    <table>
      <caption>
        The opinions side by side
      </caption>
      <thead>
        <tr>
          <th scope="col">Opinion</th>
          ${opinions.map((o) => html`<th scope="col">${o.number === 1 ? 'First (intake)' : `Opinion ${o.number}`}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${row('By', (o) => `${o.author}, ${o.organization}`)}
        ${row('Diagnosis (ICD-10-CM)', (o) => o.icd10 ?? (o.notCancer ? 'Not cancer' : '-'))}
        ${row('Stage', (o) => o.stage ?? '-')} ${row('Treatment plan', plan)}
        ${row('Assessment', (o) => o.submission?.diagnosisAssessment ?? '-')}
      </tbody>
    </table>
    ${
      file.discordance
        ? html`<p><strong>Discordance: ${file.discordance.level}</strong></p>
            ${
              file.discordance.reasons.length
                ? html`<ul>
                    ${file.discordance.reasons.map(
                      (r) => html`<li>${r.dimension} (${r.level}): ${r.detail}</li>`,
                    )}
                  </ul>`
                : html``
            }`
        : html`<p>The opinions have not been compared yet.</p>`
    }
    ${
      file.tumorBoard
        ? html`<p class="notice">The opinions still disagree at the cap: arrange a tumor board review.</p>`
        : html``
    }
    ${
      file.assignments.length
        ? dataTable(
            'Specialists asked',
            ['For opinion', 'Specialist', 'State', 'Proposed'],
            file.assignments.map((a) => ({
              cells: [
                String(a.opinionNumber),
                `${a.specialistName ?? a.specialistId}, ${a.organization}`,
                a.outcome ? `${a.status} (${a.outcome})` : a.status,
                timeWords(a.proposedAt),
              ],
            })),
          )
        : html`<p>No specialist has been proposed yet.</p>`
    }
  </section>`;
}

/** The insurer's claim notice and the final report. */
export function outcomeSection(file: CaseFile): Html {
  return html`<section>
    <h2>Claim notice and report</h2>
    ${definitionList([
      [
        'Claim notice',
        file.claimNotice
          ? `${file.claimNotice.type}${file.claimNotice.detail ? `: ${file.claimNotice.detail}` : ''} (${timeWords(file.claimNotice.at)})`
          : 'Not sent yet',
      ],
      ['Report', file.report ? `Delivered ${timeWords(file.report.deliveredAt)}` : 'Not delivered yet'],
    ])}
  </section>`;
}

/** Every event of the case: who did what, when. */
export function timelineSection(timeline: readonly TimelineEvent[]): Html {
  return html`<section>
    <h2>Timeline</h2>
    ${dataTable(
      'Everything that happened, oldest first',
      ['When', 'What', 'Details', 'Who'],
      timeline.map((event) => ({
        cells: [
          timeWords(event.at),
          event.type.replace(/-/g, ' '),
          event.detail ?? '',
          !event.actor || event.actor === 'concord' ? 'Concord' : event.actor,
        ],
      })),
    )}
  </section>`;
}
