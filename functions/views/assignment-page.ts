import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ClinicalPosition } from '../domain/clinical/position.js';
import type { Discipline } from '../domain/disciplines.js';
import type { DiscordanceGrade } from '../domain/opinion.js';
import type { Intake } from '../schemas/intake.js';
import { disputedText, positionRows, words } from './clinical-position.js';
import { opinionForm } from './opinion-form.js';
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
  /** The opinions given since the first (a third reviewer's packet), without their authors. */
  earlierOpinions: Array<{ number: number; disciplines: Discipline[]; position: ClinicalPosition }>;
  /** What the earlier opinions dispute, when they differ majorly. */
  dispute?: DiscordanceGrade;
  reasons: string[];
  questions: string[];
  urgency: string;
  consultation: string;
  patientState: string;
  language: string;
  records: PacketRecord[];
}

function disputeSection(packet: CasePacket): Html {
  const { dispute } = packet;
  if (!dispute) return html``;
  return html`<h2>What the earlier opinions dispute</h2>
    <p class="notice">
      They differ on ${disputedText(dispute)}, enough to change treatment: that is why a further opinion is
      sought.
    </p>
    <ul>
      ${dispute.reasons.map((r) => html`<li>${words(r.code)} (${r.level}): ${r.detail}</li>`)}
    </ul>`;
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
    ${definitionList([['Physician', `${first.physicianName}, ${first.organization}`], ...positionRows(first)])}
    ${packet.earlierOpinions.map(
      (o) =>
        html`<h2>Opinion ${o.number}</h2>
          ${definitionList([
            ['Given by', `a specialist in ${o.disciplines.map(words).join(', ') || 'oncology'}`],
            ...positionRows(o.position),
          ])}`,
    )}
    ${disputeSection(packet)}
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
