import * as z from 'zod/mini';
import { CaseViewSchema, ProblemSchema } from './case-view.js';
import { ApprovalAnswerSchema, AssignmentAnswerSchema, PriorAuthorizationAnswerSchema } from './decisions.js';
import { consoleComponents, consolePaths, consoleSecuritySchemes } from './openapi-console.js';
import { ExtendBodySchema, ReasonBodySchema, ResendBodySchema } from './console-actions.js';
import { OpinionSchema } from './opinion.js';
import { CreatedCaseSchema, IntakeSchema } from './intake.js';
import { LinkRequestSchema } from './link-request.js';
import { RecordRequestSchema } from './records.js';

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/**
 * What the clinical position's cross-field checks ask (schemas/clinical.ts), which JSON Schema cannot
 * say; written here rather than registered on the schemas, so that no function bundles the text.
 */
const STAGE_RULE =
  'A stage group such as 0, 0is, I, IIA, IIIC, IIID, IS, IVB, IIB bulky, or unknown; with AJCC 8th edition staging (the default), one of the groups of the cancer type the icd10 code names.';
const POSITION_RULES: Readonly<Record<string, string>> = {
  icd10: 'Required unless notCancer is given (then absent).',
  stage: `${STAGE_RULE} Required unless notCancer is given (then absent). M1 makes it IV where AJCC says so.`,
  treatmentPlan:
    'Steps in order; each may name concurrent treatments. At least one step unless notCancer is given.',
  notCancer: 'The opinion finds no cancer: the finding, and its ICD-10-CM code if coded (not C or D00-D09).',
};

function withPositionRules(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  for (const [field, description] of Object.entries(POSITION_RULES))
    properties[field] = { ...properties[field], description };
  return schema;
}

const PROBLEM = { schema: { $ref: '#/components/schemas/Problem' } };
const problem = (description: string) => ({ description, content: { 'application/problem+json': PROBLEM } });
/** A signed link's refusal: a page for people, problem+json for a client that sends Accept: application/json. */
const linkProblem = (description: string) => ({
  description: `${description}: an HTML page, or problem+json with Accept: application/json`,
  content: { 'text/html': {}, 'application/problem+json': PROBLEM },
});
/** The report's refusals are pages only (a person opens the emailed link). */
const page = (description: string) => ({ description, content: { 'text/html': {} } });

function intakeSchema(): Record<string, unknown> {
  const intake = schemaOf(IntakeSchema, 'input');
  const properties = intake.properties as Record<string, Record<string, unknown>>;
  withPositionRules(properties.firstOpinion!);
  const diagnosis = properties.diagnosis!.properties as Record<string, Record<string, unknown>>;
  diagnosis.stage = { ...diagnosis.stage, description: STAGE_RULE };
  return intake;
}

/**
 * The clinical position's fields the intake's first opinion and the specialist's opinion share, by the
 * name of the component each becomes.
 */
const CLINICAL_COMPONENTS: Readonly<Record<string, string>> = {
  histology: 'Histology',
  grade: 'HistologicGrade',
  staging: 'Staging',
  biomarkers: 'Biomarkers',
  treatmentPlan: 'TreatmentPlan',
  treatmentIntent: 'TreatmentIntent',
  notCancer: 'NotCancer',
};

/**
 * Each clinical field the two opinions state alike becomes one named component, which both refer to
 * (a field that differs between them stays written out in each).
 */
function clinicalComponents(
  intake: Record<string, unknown>,
  opinion: Record<string, unknown>,
): Record<string, unknown> {
  const firstOpinion = (intake.properties as Record<string, Record<string, unknown>>).firstOpinion!;
  const holders = [firstOpinion, opinion].map(
    (schema) => schema.properties as Record<string, Record<string, unknown>>,
  );
  const components: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(CLINICAL_COMPONENTS)) {
    const [first, second] = holders.map((properties) => properties[field]);
    if (!first || JSON.stringify(first) !== JSON.stringify(second)) continue;
    components[name] = first;
    for (const properties of holders) properties[field] = { $ref: `#/components/schemas/${name}` };
  }
  return components;
}

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with (`servers` is
 * added by the openapi function). `npm run openapi` writes it to openapi-document.ts for that function.
 */
export function openApiDocument(): Record<string, unknown> {
  const intake = intakeSchema();
  const opinion = withPositionRules(schemaOf(OpinionSchema, 'input'));
  const clinical = clinicalComponents(intake, opinion);
  return {
    openapi: '3.1.0',
    info: { title: 'Concord', version: '0.1.0', description: 'Cancer second-opinion workflow' },
    components: {
      pathItems: { IntakeForm: intakeForm() },
      securitySchemes: { caseAccessToken: { type: 'http', scheme: 'bearer' }, ...consoleSecuritySchemes },
      parameters: consoleComponents.parameters,
      responses: consoleComponents.responses,
      schemas: {
        Intake: intake,
        CreatedCase: schemaOf(CreatedCaseSchema),
        CaseView: schemaOf(CaseViewSchema),
        Problem: schemaOf(ProblemSchema),
        RecordRequest: schemaOf(RecordRequestSchema, 'input'),
        ApprovalAnswer: schemaOf(ApprovalAnswerSchema, 'input'),
        PriorAuthorizationAnswer: schemaOf(PriorAuthorizationAnswerSchema, 'input'),
        AssignmentAnswer: schemaOf(AssignmentAnswerSchema, 'input'),
        ConsoleReason: schemaOf(ReasonBodySchema, 'input'),
        ConsoleResend: schemaOf(ResendBodySchema, 'input'),
        ConsoleExtend: schemaOf(ExtendBodySchema, 'input'),
        Opinion: opinion,
        ...clinical,
        LinkRequest: schemaOf(LinkRequestSchema, 'input'),
        Confirmation: {
          type: 'object',
          description: 'May be empty, or no body at all',
          properties: { confirm: { const: 'yes' } },
          additionalProperties: false,
        },
        IntakeForm: {
          type: 'object',
          description: "The intake page's fields",
          additionalProperties: { type: 'string' },
        },
      },
    },
    paths: {
      // One path item, two paths (OpenAPI 3.1 path item references).
      '/': { $ref: '#/components/pathItems/IntakeForm' },
      '/intake': { $ref: '#/components/pathItems/IntakeForm' },
      '/intake/corrections': {
        post: {
          summary: 'The form again, as sent, with its mistakes (`errors`: field:code,…); a 307 sends it here',
          parameters: [LANGUAGE, { name: 'errors', in: 'query', schema: { type: 'string' } }],
          requestBody: { required: true, content: formRef('IntakeForm') },
          responses: { '400': page('The form'), '500': page('After a fault') },
        },
      },
      '/intake/received': {
        get: { summary: "The case's number and access code, shown once", responses: receiptAnswers },
        head: { summary: "The receipt's headers", responses: receiptAnswers },
      },
      '/health': {
        get: { summary: 'Liveness', responses: { '200': { description: 'Serving' } } },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'The OpenAPI 3.1 document' } } },
      },
      '/cases': {
        post: {
          summary: 'Submit an intake',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'The same key with the same body within 24 h returns the first answer',
              schema: { type: 'string', maxLength: 255 },
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Intake' } } },
          },
          responses: {
            '201': {
              description: 'Case created; the access token is shown only here',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatedCase' } } },
            },
            '400': problem('Invalid intake; `errors` names each bad field'),
            '413': problem('Body over 1 MiB'),
            '415': problem('Not application/json'),
            '422': problem('Idempotency-Key reused with a different body'),
            '500': problem(
              'The case could not be started; with an Idempotency-Key a retry starts it, without one nothing was kept',
            ),
          },
        },
      },
      '/links': {
        post: {
          summary:
            'Email me my status link again: sent only to an address on file; the same answer either way',
          requestBody: { required: true, content: jsonRef('LinkRequest') },
          responses: {
            '202': {
              description: 'Accepted (a page for a form), whether or not the case and address matched',
            },
            '400': problem('Invalid request; `errors` names each bad field'),
            '429': problem('Too many requests for this address today'),
          },
        },
      },
      '/cases/{caseId}': {
        get: {
          summary: "Status and patient-facing timeline, in plain words in the patient's language",
          security: [{ caseAccessToken: [] }],
          parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The case',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseView' } } },
            },
            '401': problem('No bearer token'),
            '404': problem('Unknown case or wrong token'),
          },
        },
      },
      '/cases/{caseId}/fhir': {
        get: {
          summary:
            'The case as a FHIR R4 Bundle (collection): the patient (mCODE CancerPatient), the referral as ServiceRequest and Task, for each opinion the mCODE cancer condition, staging, biomarkers and planned treatment, the records as DocumentReference metadata, and the Claim once the insurer is billed',
          security: [{ caseAccessToken: [] }],
          parameters: [caseIdParameter],
          responses: {
            '200': {
              description: 'The Bundle, as application/fhir+json, never cached',
              content: { 'application/fhir+json': {} },
            },
            '401': problem('No bearer token'),
            '404': problem('Unknown case or wrong token'),
          },
        },
      },
      '/cases/{caseId}/records': {
        parameters: [caseIdParameter],
        post: {
          summary: 'Announce a record and get a presigned PUT URL bound to its key, type and size',
          security: [{ caseAccessToken: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordRequest' } } },
          },
          responses: {
            '201': { description: '`{ recordId, uploadUrl, method: "PUT", headers, expiresAt }`' },
            '400': problem('Invalid record; `errors` names each bad field'),
            '401': problem('No bearer token'),
            '404': problem('Unknown case or wrong token'),
            '409': problem('The case is finished'),
            '413': problem('Body over 1 MiB'),
            '415': problem('Not application/json'),
          },
        },
        get: {
          summary: 'The records checklist',
          security: [{ caseAccessToken: [] }],
          responses: {
            '200': { description: 'Each type, required or not, received or not' },
            '401': problem('No bearer token'),
            '404': problem('Unknown case or wrong token'),
          },
        },
      },
      '/approvals/{id}': signedLink('A coordinator approval', 'ApprovalAnswer'),
      '/prior-authorizations/{id}': signedLink(
        'An insurer prior-authorization decision',
        'PriorAuthorizationAnswer',
      ),
      '/assignments/{id}': signedLink(
        'A specialist assignment: the case packet; accept or decline',
        'AssignmentAnswer',
      ),
      '/assignments/{id}/opinion': {
        parameters: linkParameters,
        post: {
          summary: "The specialist's structured opinion (every patient question answered)",
          requestBody: {
            required: true,
            content: jsonRef('Opinion'),
          },
          responses: {
            ...linkAnswers,
            '400': linkProblem('Invalid opinion, or a patient question unanswered'),
          },
        },
      },
      '/reports/{id}': {
        parameters: linkParameters,
        get: {
          summary: 'The final report (HTML), behind the signed link emailed to the patient and physician',
          responses: reportAnswers('text/html'),
        },
        head: { summary: "The report page's headers", responses: reportAnswers('text/html') },
      },
      '/reports/{id}/pdf': {
        parameters: linkParameters,
        get: { summary: 'The final report as a PDF', responses: reportAnswers('application/pdf') },
      },
      '/confirmations/{id}': {
        ...signedLink('The submitter confirms the intake', 'Confirmation'),
        post: {
          summary: 'Confirm the intake and start its workflow (once: again 409)',
          requestBody: { required: false, content: jsonRef('Confirmation') },
          responses: { ...linkAnswers, '200': { description: 'Confirmed: a page, or JSON' } },
        },
      },
      '/status/{id}': {
        parameters: linkParameters,
        get: {
          summary:
            'The status page, behind a link granted to the patient or physician (JSON: the patient view)',
          responses: { ...linkAnswers, '410': linkProblem('Expired, or taken back') },
        },
        head: { summary: "The status page's headers", responses: linkAnswers },
      },
      '/claims/{id}': {
        parameters: linkParameters,
        get: {
          summary: "The FHIR R4 Claim, behind a link granted to the insurer's claims address",
          responses: {
            '200': { description: 'The Claim', content: { 'application/fhir+json': {} } },
            '403': linkProblem('Bad or tampered signature'),
            '404': linkProblem('Unknown link'),
            '410': linkProblem('Expired, or taken back'),
          },
        },
      },
      '/uploads/{id}': {
        parameters: linkParameters,
        get: {
          summary: 'The records upload page (HTML; JSON checklist with Accept: application/json)',
          responses: linkAnswers,
        },
        head: { summary: "The records upload page's headers", responses: linkAnswers },
      },
      ...consolePaths,
    },
  };
}

const caseIdParameter = { name: 'caseId', in: 'path', required: true, schema: { type: 'string' } };
const linkParameters = [
  { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'sig', in: 'query', required: true, schema: { type: 'string' }, description: '`<expiry>.<HMAC>`' },
];
const linkAnswers = {
  '200': { description: 'The page (text/html), or JSON with Accept: application/json' },
  '403': linkProblem('Bad or tampered signature'),
  '404': linkProblem('Unknown link'),
  '409': linkProblem('Already decided'),
  '410': linkProblem('Expired'),
};

function reportAnswers(type: 'text/html' | 'application/pdf') {
  return {
    '200': { description: 'The report', content: { [type]: {} } },
    '403': page('Bad or tampered signature'),
    '404': page('Unknown report'),
    '410': page('Expired'),
  };
}

function jsonRef(name: string) {
  return {
    'application/json': { schema: { $ref: `#/components/schemas/${name}` } },
    ...formRef(name),
  };
}

function formRef(name: string) {
  return { 'application/x-www-form-urlencoded': { schema: { $ref: `#/components/schemas/${name}` } } };
}

const LANGUAGE = { name: 'lang', in: 'query', schema: { type: 'string', enum: ['en', 'es'] } };
const receiptAnswers = { '200': page('The receipt'), '410': page('Shown already') };

/** The intake page: GET and HEAD render the form; POST answers it (or JSON, as POST /cases). */
function intakeForm() {
  const form = { parameters: [LANGUAGE], responses: { '200': page('The form') } };
  return {
    get: { summary: 'The intake form', ...form },
    head: { summary: "The intake form's headers", ...form },
    post: {
      summary: 'Submit the intake form, or the intake as JSON (answered as POST /cases)',
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/Intake' } },
          ...formRef('IntakeForm'),
        },
      },
      responses: {
        '201': { description: 'JSON: as POST /cases' },
        '303': { description: 'Form: stored; see /intake/received' },
        '307': { description: 'Form: mistakes or a fault; see /intake/corrections' },
        '4XX': problem('As POST /cases (413 over 256 KiB)'),
      },
    },
  };
}

/** GET and HEAD render; only POST decides. */
function signedLink(summary: string, answer: string) {
  return {
    parameters: linkParameters,
    get: { summary: `${summary}: the page`, responses: linkAnswers },
    head: { summary: `${summary}: the page's headers`, responses: linkAnswers },
    post: {
      summary: `${summary}: decide (first decision wins)`,
      requestBody: { required: true, content: jsonRef(answer) },
      responses: {
        ...linkAnswers,
        '200': { description: 'Recorded: a page, or JSON with Accept: application/json' },
        '400': linkProblem('Invalid decision'),
      },
    },
  };
}
