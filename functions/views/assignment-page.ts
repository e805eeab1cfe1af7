import type { APIGatewayProxyResult } from 'aws-lambda';
import { RECORD_TYPES } from '../domain/records.js';
import { DIAGNOSIS_ASSESSMENTS, MODALITIES } from '../domain/opinion-terms.js';
import { FORM_TREATMENT_STEPS } from '../schemas/opinion-form.js';
import type { Intake } from '../schemas/intake.js';
import { definitionList, html, page, type Html } from './page.js';

export interface PacketRecord {
  type: string;
  fileName: string;
  downloadUrl: string;
}

/** What the specialist reviews: no name, contact or birth date; records behind links valid for minutes. */
export interface CasePacket {
  caseId: string;
  opinionNumber: number;
  accepted: boolean;
  cancerType: string;
  diagnosis: { icd10: string; stage: string };
  firstOpinion: Intake['firstOpinion'];
  reasons: string[];
  questions: string[];
  urgency: string;
  consultation: string;
  patientState: string;
  language: string;
  records: PacketRecord[];
}

const plan = (steps: ReadonlyArray<{ modality: string }>) => steps.map((s) => s.modality).join(' → ');

function options(values: readonly string[], blank?: string): Html {
  return html`${blank !== undefined ? html`<option value="">${blank}</option>` : html``}${values.map(
    (v) => html`<option value="${v}">${v}</option>`,
  )}`;
}

function packetBody(packet: CasePacket): Html {
  const first = packet.firstOpinion;
  return html`${definitionList([
      ['Case', packet.caseId],
      ['Opinion sought', String(packet.opinionNumber)],
      ['Cancer type', packet.cancerType],
      ['Diagnosis', `${packet.diagnosis.icd10}, stage ${packet.diagnosis.stage}`],
      ['Urgency', packet.urgency],
      [
        'Consultation',
        `${packet.consultation} (patient in ${packet.patientState}, language ${packet.language})`,
      ],
      ['Patient’s goals', packet.reasons.join(', ')],
    ])}
    <h2>First opinion</h2>
    ${definitionList([
      ['Physician', `${first.physicianName}, ${first.organization}`],
      ['Diagnosis', `${first.icd10}, stage ${first.stage}`],
      ['Treatment plan', plan(first.treatmentPlan)],
    ])}
    <h2>The patient&rsquo;s questions</h2>
    ${
      packet.questions.length
        ? html`<ol>
            ${packet.questions.map((q) => html`<li>${q}</li>`)}
          </ol>`
        : html`<p>None.</p>`
    }
    <h2>Records</h2>
    <p>Download links work for a few minutes; reload this page for fresh ones.</p>
    <ul>
      ${packet.records.map(
        (r) => html`<li>${r.type}: <a href="${r.downloadUrl}" rel="noreferrer">${r.fileName}</a></li>`,
      )}
    </ul>`;
}

function opinionForm(packet: CasePacket, action: string): Html {
  return html`<form method="post" action="${action}">
    <h2>Your opinion</h2>
    <p>
      <label
        >Assessment of the diagnosis
        <select name="diagnosisAssessment" required>
          ${options(DIAGNOSIS_ASSESSMENTS)}
        </select></label
      >
    </p>
    <p>
      <label>ICD-10-CM <input name="icd10" required maxlength="8" value="${packet.diagnosis.icd10}" /></label>
    </p>
    <p>
      <label
        >Stage group <input name="stage" required maxlength="8" value="${packet.diagnosis.stage}"
      /></label>
    </p>
    <fieldset>
      <legend>Treatment plan, in order</legend>
      ${Array.from(
        { length: FORM_TREATMENT_STEPS },
        (_, i) =>
          html`<label
              >Step ${i + 1}
              <select name="treatment${i + 1}">
                ${options(MODALITIES, '—')}
              </select></label
            ><br />`,
      )}
    </fieldset>
    ${packet.questions.map(
      (q, i) =>
        html`<p>
          <label for="answer${i + 1}">Answer to: ${q}</label><br />
          <textarea id="answer${i + 1}" name="answer${i + 1}" required maxlength="2000"></textarea>
        </p>`,
    )}
    <p>
      <label for="rationale">Rationale</label><br /><textarea
        id="rationale"
        name="rationale"
        required
        maxlength="2000"
      ></textarea>
    </p>
    <p>
      <label for="trials">Clinical trials, one per line: NCT number then title</label><br /><textarea
        id="trials"
        name="trials"
      ></textarea>
    </p>
    <p>
      <label for="references">References, one per line</label><br /><textarea
        id="references"
        name="references"
      ></textarea>
    </p>
    <p>
      <label for="testsNeeded"
        >If more tests are needed, one per line as &ldquo;type: description&rdquo; (types:
        ${RECORD_TYPES.join(', ')})</label
      ><br /><textarea id="testsNeeded" name="testsNeeded"></textarea>
    </p>
    <button type="submit">Submit the opinion</button>
  </form>`;
}

/**
 * The specialist's page: the case packet, Accept and Decline (Withdraw once accepted), and the opinion form.
 * Forms post back to the signed URL (accept/decline/withdraw) and to its `/opinion` path; rendering it decides
 * nothing.
 */
export function assignmentPage(packet: CasePacket, callbackId: string, sig: string): APIGatewayProxyResult {
  const decide = `?sig=${sig}`;
  return page(
    200,
    `New case ${packet.caseId}`,
    html`${packetBody(packet)}
      <form method="post" action="${decide}">
        <h2>${packet.accepted ? 'You accepted this case' : 'Will you review this case?'}</h2>
        <p>
          <label for="comment">Comment (kept in the case timeline)</label><br /><textarea
            id="comment"
            name="comment"
            maxlength="2000"
          ></textarea>
        </p>
        ${
          packet.accepted
            ? html`<button type="submit" name="decision" value="withdraw">Withdraw</button>`
            : html`<button type="submit" name="decision" value="accept">Accept</button>
                <button type="submit" name="decision" value="decline">Decline</button>`
        }
      </form>
      ${opinionForm(packet, `${callbackId}/opinion?sig=${sig}`)}`,
  );
}
