/**
 * The specialist's opinion form: plain HTML that works without JavaScript, grouped as the opinion reads
 * (assessment, diagnosis, stage, biomarkers, the plan step by step, answers), each field saying what it
 * expects. Nothing is filled in: the reviewer states their own position, whatever the earlier opinions say.
 */
import { BIOMARKER_NAMES, BIOMARKER_RESULTS, BIOMARKER_UNITS } from '../domain/clinical/biomarkers.js';
import { GRADE_SYSTEMS, GRADE_SYSTEM_IDS } from '../domain/clinical/grade-systems.js';
import { validStageGroups } from '../domain/clinical/stage-groups.js';
import { AJCC_EDITIONS, DEFAULT_AJCC_EDITION } from '../domain/clinical/tnm.js';
import { SURGERY_TYPES, TIMING_ROLES, TREATMENT_INTENTS } from '../domain/clinical/treatment.js';
import type { CancerType } from '../domain/cancer-type.js';
import { DIAGNOSIS_ASSESSMENTS, MODALITIES } from '../domain/opinion-terms.js';
import { RECORD_TYPES } from '../domain/records.js';
import {
  biomarkerField,
  FORM_BIOMARKER_ROWS,
  FORM_TREATMENT_STEPS,
  stepField,
} from '../schemas/opinion-form.js';
import type { DiscordanceGrade } from '../domain/opinion.js';
import { disputedText, MODALITY_LABELS, words } from './clinical-position.js';
import { html, raw, type Html } from './page.js';

const FORM_STYLE = raw(`<style>
.fields{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end}fieldset{min-width:0}
.fields label{display:flex;flex-direction:column;gap:.2rem;max-width:100%}label small{color:#4a4a4a}
input,select{font-size:1rem;max-width:100%}fieldset fieldset{margin:.6rem 0}legend{font-weight:600}
</style>`);

type Option = readonly [value: string, text: string];

const asOptions = (values: readonly string[], text: (value: string) => string = words): Option[] =>
  values.map((value) => [value, text(value)]);

/** A select with an empty first choice: not stated (or, when required, not yet chosen). */
const select = (name: string, options: readonly Option[], chosen = '', required = false): Html =>
  html`<select name="${name}" ${raw(required ? 'required' : '')}>
    <option value="">&mdash;</option>
    ${options.map(([value, text]) =>
      value === chosen
        ? html`<option value="${value}" selected>${text}</option>`
        : html`<option value="${value}">${text}</option>`,
    )}
  </select>`;

/** A labelled control; the hint says what it expects. */
const field = (label: string, control: Html, hint?: string): Html =>
  html`<label>${label}${hint ? html` <small>${hint}</small>` : html``} ${control}</label>`;

const text = (name: string, attributes: { max: number; pattern?: string; list?: string }) =>
  raw(
    `<input name="${name}" maxlength="${attributes.max}"${attributes.pattern ? ` pattern="${attributes.pattern}"` : ''}${attributes.list ? ` list="${attributes.list}"` : ''} />`,
  );

const number = (name: string, min: number, max: number, step = '1') =>
  raw(`<input name="${name}" type="number" inputmode="decimal" min="${min}" max="${max}" step="${step}" />`);

const MODALITY_OPTIONS = asOptions(MODALITIES, (m) => MODALITY_LABELS[m as keyof typeof MODALITY_LABELS]);

function diagnosis(): Html {
  return html`<fieldset>
    <legend>Diagnosis</legend>
    <div class="fields">
      ${field(
        'ICD-10-CM code',
        text('icd10', { max: 8 }),
        'a neoplasm code, C00-D49, e.g. C50.911; empty if you find no cancer',
      )}
      ${field(
        'Histology: ICD-O-3 morphology',
        text('morphology', { max: 4, pattern: '[89][0-9]{3}' }),
        'four digits, e.g. 8500 ductal, 8140 adenocarcinoma',
      )}
      ${field(
        'Behaviour',
        select('behaviour', [
          ['3', '/3 malignant'],
          ['2', '/2 in situ'],
          ['6', '/6 malignant, metastatic site'],
          ['9', '/9 malignant, primary or metastatic uncertain'],
          ['1', '/1 uncertain or borderline'],
          ['0', '/0 benign'],
        ]),
        'with the morphology',
      )}
      ${field(
        'Grading system',
        select(
          'gradeSystem',
          asOptions(GRADE_SYSTEM_IDS, (id) => GRADE_SYSTEMS[id as keyof typeof GRADE_SYSTEMS].label),
        ),
      )}
      ${field('Grade', number('gradeValue', 1, 5), 'on that scale, e.g. grade group 2')}
      ${field('Gleason primary pattern', number('gleasonPrimary', 3, 5), '3 to 5')}
      ${field('Gleason secondary pattern', number('gleasonSecondary', 3, 5), '3 to 5')}
    </div>
    <fieldset>
      <legend>If you find no cancer</legend>
      <div class="fields">
        ${field('What you find instead', text('notCancerFinding', { max: 2000 }), 'e.g. fibroadenoma')}
        ${field('Its ICD-10-CM code', text('notCancerIcd10', { max: 8 }), 'if coded, e.g. D24.1')}
      </div>
    </fieldset>
  </fieldset>`;
}

function stage(cancerType: string): Html {
  const groups = validStageGroups(cancerType as CancerType);
  return html`<fieldset>
    <legend>Stage</legend>
    <div class="fields">
      ${field(
        'TNM classification',
        select('tnmPrefix', [
          ['c', 'c: clinical'],
          ['p', 'p: pathological'],
          ['yc', 'yc: clinical, after neoadjuvant therapy'],
          ['yp', 'yp: pathological, after neoadjuvant therapy'],
          ['r', 'r: recurrence'],
        ]),
      )}
      ${field('T', text('tnmT', { max: 12 }), 'e.g. T2, T1mi, Tis')}
      ${field('N', text('tnmN', { max: 12 }), 'e.g. N0, N1a, N0(i+)')}
      ${field('M', text('tnmM', { max: 8 }), 'e.g. M0, M1c')}
      ${field('S', text('tnmS', { max: 2 }), 'testis only, e.g. S1')}
      ${field(
        'AJCC edition',
        select(
          'ajccEdition',
          AJCC_EDITIONS.map((e) => [String(e), `${e}th`]),
          String(DEFAULT_AJCC_EDITION),
        ),
      )}
      ${field(
        'Stage group',
        text('stage', { max: 12, list: 'stage-groups' }),
        groups ? `for ${cancerType}: ${groups.join(', ')}, or unknown` : 'e.g. IIA, IIIC, IV, or unknown',
      )}
      <datalist id="stage-groups">
        ${(groups ?? []).map((g) => html`<option value="${g}"></option>`)}
        <option value="unknown"></option>
      </datalist>
    </div>
  </fieldset>`;
}

function biomarkers(): Html {
  return html`<fieldset>
    <legend>Biomarkers</legend>
    <p>
      <small
        >One per row. Results as the marker is reported (ER positive, EGFR mutated, ALK fusion, MSI msi-high);
        a value is optional: % for ER, PR, Ki-67 and PD-L1 TPS, a score for HER2 and PD-L1 CPS, ng/mL for
        PSA.</small
      >
    </p>
    ${Array.from(
      { length: FORM_BIOMARKER_ROWS },
      (_, i) =>
        html`<fieldset>
          <legend>Biomarker ${i + 1}</legend>
          <div class="fields">
            ${field(
              'Marker',
              select(
                biomarkerField(i + 1, 'Name'),
                asOptions(BIOMARKER_NAMES, (n) => n),
              ),
            )}
            ${field('Result', select(biomarkerField(i + 1, 'Result'), asOptions(BIOMARKER_RESULTS)))}
            ${field('Value', number(biomarkerField(i + 1, 'Value'), 0, 100000, 'any'))}
            ${field(
              'Unit',
              select(
                biomarkerField(i + 1, 'Unit'),
                asOptions(BIOMARKER_UNITS, (u) => u),
              ),
            )}
          </div>
        </fieldset>`,
    )}
  </fieldset>`;
}

function step(n: number): Html {
  const name = (part = '') => stepField(n, part);
  return html`<fieldset>
    <legend>Step ${n}</legend>
    <div class="fields">
      ${field('Treatment', select(name(), MODALITY_OPTIONS))}
      ${field('Role', select(name('Timing'), asOptions(TIMING_ROLES)))}
      ${field('Operation', select(name('Surgery'), asOptions(SURGERY_TYPES)), 'surgery only')}
      ${field('Regimen', text(name('Regimen'), { max: 100 }), 'systemic therapy, e.g. FOLFOX')}
      ${field('Dose, Gy', number(name('DoseGy'), 0, 200, 'any'), 'radiation only')}
      ${field('Fractions', number(name('Fractions'), 1, 100))}
      ${field('Given with', select(name('With'), MODALITY_OPTIONS), 'at the same time, e.g. chemoradiation')}
      ${field('Its regimen', text(name('WithRegimen'), { max: 100 }))}
      ${field('Its dose, Gy', number(name('WithDoseGy'), 0, 200, 'any'))}
      ${field('Its fractions', number(name('WithFractions'), 1, 100))}
    </div>
  </fieldset>`;
}

function plan(): Html {
  return html`<fieldset>
    <legend>Treatment plan, in order</legend>
    <div class="fields">
      ${field('Overall intent', select('treatmentIntent', asOptions(TREATMENT_INTENTS)))}
    </div>
    ${Array.from({ length: FORM_TREATMENT_STEPS }, (_, i) => step(i + 1))}
  </fieldset>`;
}

const textarea = (name: string, label: string, required = false): Html =>
  html`<p>
    <label for="${name}">${label}</label><br /><textarea
      id="${name}"
      name="${name}"
      maxlength="2000"
      ${raw(required ? 'required' : '')}
    ></textarea>
  </p>`;

/** What the form asks after: the case's cancer (its stage groups), the patient's questions, the dispute. */
export interface OpinionFormCase {
  cancerType: string;
  questions: readonly string[];
  dispute?: DiscordanceGrade;
}

export function opinionForm(packet: OpinionFormCase, action: string): Html {
  return html`${FORM_STYLE}
    <form method="post" action="${action}">
      <h2>Your opinion</h2>
      ${
        packet.dispute
          ? html`<p class="notice">
              The earlier opinions differ on ${disputedText(packet.dispute)}. Give your own position on each
              field: nothing here is filled in from them.
            </p>`
          : html`<p>
              Give your own position on each field: nothing here is filled in from the first opinion.
            </p>`
      }
      <p>
        ${field(
          'Assessment of the diagnosis',
          select('diagnosisAssessment', asOptions(DIAGNOSIS_ASSESSMENTS), '', true),
        )}
      </p>
      ${diagnosis()} ${stage(packet.cancerType)} ${biomarkers()} ${plan()}
      ${packet.questions.map((q, i) => textarea(`answer${i + 1}`, `Answer to: ${q}`, true))}
      ${textarea('rationale', 'Rationale', true)}
      ${textarea('trials', 'Clinical trials, one per line: NCT number then title')}
      ${textarea('references', 'References, one per line')}
      ${textarea(
        'testsNeeded',
        `If more tests are needed, one per line as "type: description" (types: ${RECORD_TYPES.join(', ')})`,
      )}
      <button type="submit">Submit the opinion</button>
    </form>`;
}
