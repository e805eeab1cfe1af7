/**
 * Every function, as both stacks see it: the REST routes (the CDK app and the local gateway read the same
 * table), the functions the state machine invokes, and the records bucket's. Each states what it may do
 * (`access`), once: the functions construct (infra/aws/constructs/functions.ts) makes exactly those grants,
 * and no grant is made for a function anywhere else.
 */

/**
 * The partition key prefixes of the single table's items (functions/adapters/keys.ts): what a function is
 * narrowed to with dynamodb:LeadingKeys. A new kind of item adds its prefix here.
 */
export const ITEM_PREFIXES = [
  'CASE#',
  'CALLBACK#',
  'MESSAGE#',
  'IDEMPOTENCY#',
  'PAYER#',
  'SPECIALIST#',
  'GRANT#',
  'QUOTA#',
  'SESSION#',
  'SIGNIN#',
] as const;
export type ItemPrefix = (typeof ITEM_PREFIXES)[number];

/** The table's indexes a function may query (infra/table-schema.ts). */
export type IndexName = 'GSI1' | 'GSI2';

/**
 * The items of the table a function touches, by partition key prefix. Every request outside them is denied
 * (dynamodb:LeadingKeys): a function that only reads cases cannot read the CALLBACK items holding task tokens.
 */
export interface TableAccess {
  /** Items it only reads: GetItem, BatchGetItem, Query. */
  readonly read?: readonly ItemPrefix[];
  /** Items it writes (PutItem, UpdateItem, DeleteItem) and reads: a conditional write reads its item too. */
  readonly write?: readonly ItemPrefix[];
  /**
   * Indexes it queries. Not narrowed by key: GSI1 holds only directory entries (the specialists by cancer type,
   * the payer list), never a case or a callback; GSI2 holds case items (the queues and the unconfirmed intakes),
   * so only functions that may read cases query it.
   */
  readonly index?: readonly IndexName[];
}

/** What a function may do; each entry stands for the Permissions of permissionsOf(). */
export interface Access {
  /** Its items of the case table (`{ read: ['PAYER#'], write: ['CASE#', 'MESSAGE#'] }`), and indexes. */
  readonly table?: TableAccess;
  /** The link-signing secret (its current and previous versions). */
  readonly secret?: 'read';
  /** Email from the sender identity, through its TLS-only configuration set. */
  readonly email?: 'send';
  /** The SES account suppression list: add an address that bounced or complained. */
  readonly suppressions?: 'write';
  /** The second-opinion state machine: start an execution, answer a waiting task, or stop an execution. */
  readonly workflow?: 'start' | 'respond' | 'stop';
  /**
   * Objects under the records bucket's cases/ key space: presign uploads (S3 authorizes the holder of the
   * URL or form as this function), read an upload (HeadObject and ranged GetObjects), delete a refused one.
   */
  readonly files?: ReadonlyArray<'upload' | 'read' | 'delete'>;
}

/** One least-privilege grant each (infra/aws/constructs/function-grants.ts). */
export type Permission =
  | 'table:read'
  | 'table:write'
  | 'table:index'
  | 'secret:read'
  | 'workflow:start'
  | 'workflow:respond'
  | 'workflow:stop'
  | 'workflow:stop'
  | 'email:send'
  | 'email:suppress'
  | 'files:upload'
  | 'files:read'
  | 'files:delete';

/** The prefixes a function may read: those it reads and those it writes. */
export const readablePrefixes = (table: TableAccess): ItemPrefix[] => [
  ...new Set([...(table.read ?? []), ...(table.write ?? [])]),
];

export function permissionsOf(access: Access): Permission[] {
  const permissions: Permission[] = [];
  const { table } = access;
  if (table && readablePrefixes(table).length > 0) permissions.push('table:read');
  if (table?.write?.length) permissions.push('table:write');
  if (table?.index?.length) permissions.push('table:index');
  if (access.secret) permissions.push(`secret:${access.secret}`);
  if (access.email) permissions.push(`email:${access.email}`);
  if (access.suppressions) permissions.push('email:suppress');
  if (access.workflow) permissions.push(`workflow:${access.workflow}`);
  for (const files of access.files ?? []) permissions.push(`files:${files}`);
  return permissions;
}

/**
 * What the callback use cases touch (the composition root's callbackDeps): cases (with their records and
 * assignments), callbacks, the outbox (and its mail), payers and specialists to name and address, the waiting
 * task, the secret that signs the links.
 */
const CALLBACKS: Access = {
  table: { read: ['PAYER#', 'SPECIALIST#'], write: ['CASE#', 'CALLBACK#', 'MESSAGE#'] },
  secret: 'read',
  email: 'send',
  workflow: 'respond',
};

/** A REST route, as the local gateway serves it and the CDK app adds it. */
export interface Route {
  method: 'GET' | 'POST' | 'HEAD';
  path: string;
  /** File name under functions/handlers, without extension. */
  handler: string;
  /** Public (no credential at the gateway): public POSTs, the intake first, are throttled harder. */
  public?: boolean;
  /** The Lambda authorizer API Gateway runs first (a handler of AUTHORIZER_FUNCTIONS). */
  authorizer?: string;
}

/** A path and the methods a function serves there. */
export interface RoutePath {
  readonly path: string;
  readonly methods: ReadonlyArray<Route['method']>;
}

/** One Lambda per handler, serving one path with one or more methods (and, rarely, more paths: `alsoAt`). */
export interface RouteFunction extends RoutePath {
  readonly handler: string;
  readonly alsoAt?: readonly RoutePath[];
  readonly public?: boolean;
  readonly authorizer?: string;
  readonly access: Access;
}

/**
 * The console routes' authorizer (functions/console/authorizer.ts): who is calling, a person by session or a
 * program by access token; it reads sessions (the provider's keys come over HTTPS, no IAM).
 */
export const CONSOLE_AUTHORIZER = 'console-authorizer';
export const AUTHORIZER_FUNCTIONS: ReadonlyArray<{ readonly handler: string; readonly access: Access }> = [
  { handler: CONSOLE_AUTHORIZER, access: { table: { read: ['SESSION#'] } } },
];

export const ROUTE_FUNCTIONS: readonly RouteFunction[] = [
  { handler: 'health', path: '/health', methods: ['GET'], public: true, access: {} },
  { handler: 'openapi', path: '/openapi.json', methods: ['GET'], public: true, access: {} },
  {
    handler: 'create-case',
    path: '/cases',
    methods: ['POST'],
    public: true,
    // Stores the intake, counts it for its submitter's address and emails the confirmation link.
    access: {
      table: { write: ['CASE#', 'IDEMPOTENCY#', 'QUOTA#', 'MESSAGE#'] },
      secret: 'read',
      email: 'send',
    },
  },
  // The intake form for people: its pages, in the language asked for, read the payers (one GSI1 query).
  {
    handler: 'intake-page',
    path: '/',
    methods: ['GET', 'HEAD'],
    alsoAt: [
      { path: '/intake', methods: ['GET', 'HEAD'] },
      // A form with mistakes comes back here (intake-submit's 307) to be shown with them.
      { path: '/intake/corrections', methods: ['POST'] },
      { path: '/intake/received', methods: ['GET', 'HEAD'] },
    ],
    public: true,
    access: { table: { read: ['PAYER#'], index: ['GSI1'] } },
  },
  // The form's answer: validated and stored as `POST /cases` is.
  {
    handler: 'intake-submit',
    path: '/',
    methods: ['POST'],
    alsoAt: [{ path: '/intake', methods: ['POST'] }],
    public: true,
    access: {
      table: { write: ['CASE#', 'IDEMPOTENCY#', 'QUOTA#', 'MESSAGE#'] },
      secret: 'read',
      email: 'send',
    },
  },
  // "Email me my link again": a new grant, emailed only to an address on file; a per-address daily count.
  {
    handler: 'link-request',
    path: '/links',
    methods: ['POST'],
    public: true,
    access: {
      table: { read: ['CASE#'], write: ['GRANT#', 'QUOTA#', 'MESSAGE#'] },
      secret: 'read',
      email: 'send',
    },
  },
  { handler: 'get-case', path: '/cases/{caseId}', methods: ['GET'], access: { table: { read: ['CASE#'] } } },
  // The case as a FHIR R4 Bundle for an integrator holding the case token: reads only (the case, its opinions,
  // records' metadata, the payer and the specialists named).
  {
    handler: 'case-fhir',
    path: '/cases/{caseId}/fhir',
    methods: ['GET'],
    access: { table: { read: ['CASE#', 'PAYER#', 'SPECIALIST#'] } },
  },
  // Records: the case token is checked against the case; the record is announced, under an id signed with a
  // key derived from the secret's identity key, then uploaded by URL.
  {
    handler: 'create-record',
    path: '/cases/{caseId}/records',
    methods: ['POST'],
    access: { table: { write: ['CASE#'] }, secret: 'read', files: ['upload'] },
  },
  {
    handler: 'list-records',
    path: '/cases/{caseId}/records',
    methods: ['GET'],
    access: { table: { read: ['CASE#'] } },
  },
  // Signed links: GET and HEAD render, only POST decides; the signature is the credential.
  {
    handler: 'approval-link',
    path: '/approvals/{id}',
    methods: ['GET', 'HEAD', 'POST'],
    public: true,
    access: CALLBACKS,
  },
  {
    handler: 'prior-authorization-link',
    path: '/prior-authorizations/{id}',
    methods: ['GET', 'HEAD', 'POST'],
    public: true,
    access: CALLBACKS,
  },
  // The specialist's case packet only renders, and presigns record downloads valid for minutes; its forms
  // post to the two below.
  {
    handler: 'case-packet',
    path: '/assignments/{id}',
    methods: ['GET', 'HEAD'],
    public: true,
    access: { table: { read: ['CASE#', 'CALLBACK#'] }, secret: 'read', files: ['read'] },
  },
  // Accept or decline: the assignment, the case, the patient's email, the waiting task.
  {
    handler: 'assignment-link',
    path: '/assignments/{id}',
    methods: ['POST'],
    public: true,
    access: CALLBACKS,
  },
  // The opinion is kept on the assignment and answers the waiting task (more tests: the physician is emailed); it
  // names no payer or specialist.
  {
    handler: 'opinion-link',
    path: '/assignments/{id}/opinion',
    methods: ['POST'],
    public: true,
    access: { ...CALLBACKS, table: { write: ['CASE#', 'CALLBACK#', 'MESSAGE#'] } },
  },
  // The final report: a page and its PDF, both behind one signed link; they render from the case and its
  // opinions and change nothing.
  {
    handler: 'report-link',
    path: '/reports/{id}',
    methods: ['GET', 'HEAD'],
    public: true,
    access: { table: { read: ['GRANT#', 'CASE#'] }, secret: 'read' },
  },
  {
    handler: 'report-pdf',
    path: '/reports/{id}/pdf',
    methods: ['GET'],
    public: true,
    access: { table: { read: ['GRANT#', 'CASE#'] }, secret: 'read' },
  },
  // Confirmation: GET/HEAD render; POST confirms the intake and starts its workflow (the only start).
  {
    handler: 'confirmation-link',
    path: '/confirmations/{id}',
    methods: ['GET', 'HEAD', 'POST'],
    public: true,
    access: { table: { write: ['CASE#'] }, secret: 'read', workflow: 'start' },
  },
  // The status page, behind a link granted to the patient or physician; it only renders (and signs the upload
  // page's link for a records request waiting on its reader).
  {
    handler: 'status-link',
    path: '/status/{id}',
    methods: ['GET', 'HEAD'],
    public: true,
    access: { table: { read: ['GRANT#', 'CASE#', 'CALLBACK#', 'PAYER#'] }, secret: 'read' },
  },
  // The FHIR Claim, behind a link granted to the insurer's claims address; it only renders.
  {
    handler: 'claim-link',
    path: '/claims/{id}',
    methods: ['GET'],
    public: true,
    access: { table: { read: ['GRANT#', 'CASE#', 'PAYER#', 'SPECIALIST#'] }, secret: 'read' },
  },
  // The records page only renders (the callback, the checklist) and presigns one POST form per record type:
  // the files go straight to the records bucket.
  {
    handler: 'upload-link',
    path: '/uploads/{id}',
    methods: ['GET', 'HEAD'],
    public: true,
    access: { table: { read: ['CASE#', 'CALLBACK#'] }, secret: 'read', files: ['upload'] },
  },
  // The coordinator console: people sign in with OpenID Connect; programs send an OAuth 2 access token. Its
  // authorizer finds who is calling; sign-in and its callback make the session (the provider is reached over
  // HTTPS, no IAM).
  // The work queue, a page or JSON: a Query on the queue's index (GSI2), never a Scan.
  {
    handler: 'console-queue',
    path: '/console',
    methods: ['GET'],
    alsoAt: [{ path: '/console/cases', methods: ['GET'] }],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { read: ['CASE#'], index: ['GSI2'] } },
  },
  {
    handler: 'console-sign-in',
    path: '/console/sign-in',
    methods: ['GET'],
    public: true,
    access: { table: { write: ['SIGNIN#', 'SESSION#'] } },
  },
  {
    handler: 'console-callback',
    path: '/console/callback',
    methods: ['GET'],
    public: true,
    access: { table: { write: ['SIGNIN#', 'SESSION#'] } },
  },
  // One case, whole: it reads the case and its items, the pending steps and the specialists' names, and presigns
  // record downloads (files: read).
  {
    handler: 'console-case',
    path: '/console/cases/{caseId}',
    methods: ['GET'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { read: ['CASE#', 'CALLBACK#', 'SPECIALIST#'] }, files: ['read'] },
  },
  // The case as a FHIR R4 Bundle for a coordinator or a program (the patient's integrators use /cases/{caseId}/fhir).
  {
    handler: 'console-case-fhir',
    path: '/console/cases/{caseId}/fhir',
    methods: ['GET'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { read: ['CASE#', 'PAYER#', 'SPECIALIST#'] } },
  },
  // A decision from the console, as its emailed link takes it: the callback and the case, the waiting task.
  {
    handler: 'console-decide',
    path: '/console/cases/{caseId}/decisions',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { write: ['CASE#', 'CALLBACK#'] }, workflow: 'respond' },
  },
  // GET only renders the signed-out page; POST (the session's own form) ends the session.
  {
    handler: 'console-sign-out',
    path: '/console/sign-out',
    methods: ['GET', 'POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { write: ['SESSION#'] } },
  },
  // A coordinator's actions on a case (behind the console's door), each a timeline event naming who and why.
  // Resume: the case's step, then a new execution.
  {
    handler: 'console-resume',
    path: '/console/cases/{caseId}/resume',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { write: ['CASE#', 'CALLBACK#', 'SPECIALIST#'] }, workflow: 'start' },
  },
  // Cancel: the case closes, its execution stops, capacity goes back, the patient and physician are emailed.
  {
    handler: 'console-cancel',
    path: '/console/cases/{caseId}/cancel',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: {
      table: { write: ['CASE#', 'CALLBACK#', 'SPECIALIST#', 'MESSAGE#'] },
      email: 'send',
      workflow: 'stop',
    },
  },
  // Re-send: the pending step's request again, with a link signed afresh.
  {
    handler: 'console-resend',
    path: '/console/cases/{caseId}/resend',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: {
      table: { read: ['PAYER#', 'SPECIALIST#'], write: ['CASE#', 'CALLBACK#', 'MESSAGE#'] },
      secret: 'read',
      email: 'send',
    },
  },
  // Extend: the pending step's deadline, on its callback.
  {
    handler: 'console-extend',
    path: '/console/cases/{caseId}/extend',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { write: ['CASE#', 'CALLBACK#'] } },
  },
  // Take back the case's links: one write on the case (linksRevokedAt), and its timeline event.
  {
    handler: 'console-take-back-links',
    path: '/console/cases/{caseId}/take-back-links',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: { table: { write: ['CASE#'] } },
  },
  // Reassign: answers the waiting task (the proposal rejected, or the assignment withdrawn and the specialist told).
  {
    handler: 'console-reassign',
    path: '/console/cases/{caseId}/reassign',
    methods: ['POST'],
    authorizer: CONSOLE_AUTHORIZER,
    access: CALLBACKS,
  },
];

/** The REST API, one entry per method. */
export const ROUTES: readonly Route[] = ROUTE_FUNCTIONS.flatMap(
  ({ handler, path, methods, alsoAt = [], public: open, authorizer }) =>
    [{ path, methods }, ...alsoAt].flatMap((at) =>
      at.methods.map((method) => ({
        method,
        path: at.path,
        handler,
        ...(open ? { public: true } : {}),
        ...(authorizer ? { authorizer } : {}),
      })),
    ),
);

/** A function the state machine invokes. */
export interface WorkflowFunction {
  readonly handler: string;
  readonly access: Access;
}

/** The Lambdas the state machine invokes, keyed by their ASL definition-substitution placeholder. */
export const WORKFLOW_STEPS: Readonly<Record<string, WorkflowFunction>> = {
  LoadSettingsFunctionArn: { handler: 'load-settings', access: { table: { read: ['CASE#'] } } },
  // The acknowledgement and the introduction, each with a link granted to its reader (the secret signs it).
  IntroduceCaseFunctionArn: {
    handler: 'introduce-case',
    access: { table: { write: ['CASE#', 'GRANT#', 'MESSAGE#'] }, secret: 'read', email: 'send' },
  },
  // The coverage outcome goes to the patient with a status link granted to them.
  CheckCoverageFunctionArn: {
    handler: 'check-coverage',
    access: {
      table: { read: ['PAYER#'], write: ['CASE#', 'GRANT#', 'MESSAGE#'] },
      secret: 'read',
      email: 'send',
    },
  },
  RequestCallbackFunctionArn: { handler: 'request-callback', access: CALLBACKS },
  CallbackTimedOutFunctionArn: { handler: 'callback-timed-out', access: CALLBACKS },
  CloseCaseFunctionArn: {
    handler: 'close-case',
    access: { table: { write: ['CASE#', 'MESSAGE#'] }, email: 'send' },
  },
  // The insurer's link to the Claim is a grant, signed with the secret.
  SendClaimNoticeFunctionArn: {
    handler: 'send-claim-notice',
    access: {
      table: { read: ['PAYER#', 'SPECIALIST#'], write: ['CASE#', 'GRANT#', 'MESSAGE#'] },
      secret: 'read',
      email: 'send',
    },
  },
  FinishCaseFunctionArn: { handler: 'finish-case', access: { table: { write: ['CASE#'] } } },
  MarkNeedsAttentionFunctionArn: {
    handler: 'mark-needs-attention',
    access: { table: { write: ['CASE#', 'SPECIALIST#', 'MESSAGE#'] }, email: 'send' },
  },
  // Capacity holds are SPECIALIST#<id> LOAD items: the specialist's partition (its profile too).
  MatchSpecialistFunctionArn: {
    handler: 'match-specialist',
    access: {
      table: { read: ['PAYER#'], write: ['CASE#', 'SPECIALIST#', 'MESSAGE#'], index: ['GSI1'] },
      email: 'send',
    },
  },
  EndAssignmentFunctionArn: {
    handler: 'end-assignment',
    access: { table: { write: ['CASE#', 'SPECIALIST#'] } },
  },
  // A resumed case's continued attempt takes its specialist's hold again (reads the profile, writes the LOAD).
  ContinueAssignmentFunctionArn: {
    handler: 'continue-assignment',
    access: { table: { write: ['CASE#', 'SPECIALIST#'] } },
  },
  RecordOpinionFunctionArn: {
    handler: 'record-opinion',
    access: { table: { write: ['CASE#', 'SPECIALIST#'] } },
  },
  CompareOpinionsFunctionArn: {
    handler: 'compare-opinions',
    access: { table: { write: ['CASE#', 'MESSAGE#'] }, email: 'send' },
  },
  DeliverReportFunctionArn: {
    handler: 'deliver-report',
    access: { table: { write: ['CASE#', 'GRANT#', 'MESSAGE#'] }, secret: 'read', email: 'send' },
  },
};

/** The workflow functions' handlers, by placeholder. */
export const WORKFLOW_FUNCTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(WORKFLOW_STEPS).map(([placeholder, { handler }]) => [placeholder, handler]),
);

/** A function run on a schedule: EventBridge on AWS, a timer of the local stack. */
export interface ScheduledFunction {
  readonly handler: string;
  /** Minutes between runs on AWS (the local stack reads CONCORD_SWEEP_SECONDS). */
  readonly everyMinutes: number;
  readonly access: Access;
}

/** Deletes the intakes whose confirmation time ran out, with their records (index query, never a scan). */
export const SCHEDULED_FUNCTIONS: readonly ScheduledFunction[] = [
  {
    handler: 'expire-unconfirmed',
    everyMinutes: 60,
    access: { table: { write: ['CASE#', 'MESSAGE#'], index: ['GSI2'] }, files: ['delete'] },
  },
];

/** The handler of SES bounces and complaints (the configuration set's EventBridge destination). */
export const EMAIL_FEEDBACK_FUNCTION = 'email-feedback';
/** Suppress the address, mark the case's contact undeliverable (a step) and alert the coordinator. */
export const EMAIL_FEEDBACK_ACCESS: Access = {
  table: { write: ['CASE#', 'MESSAGE#'] },
  email: 'send',
  suppressions: 'write',
};

/** The handler of the records bucket's uploads: GuardDuty's scan results on AWS, s3rver's events locally. */
export const RECORD_UPLOADED_FUNCTION = 'record-uploaded';
/**
 * Check, refuse (delete) or count the upload, and answer the records request when the checklist completes
 * (callbackDeps: outbox, task callbacks, secret, which also signs record ids).
 */
export const RECORD_UPLOADED_ACCESS: Access = { ...CALLBACKS, files: ['read', 'delete'] };

/**
 * The signing secret's rotation function, which Secrets Manager invokes (infra/aws/constructs/key-rotation.ts;
 * locally `npm run rotate-key`). It lives with the secret, in the stateful stack.
 */
export const SIGNING_KEY_ROTATION_FUNCTION = 'rotate-signing-key';

/** What each function of the stateless stack may do, by handler. */
export const HANDLER_ACCESS: Readonly<Record<string, Access>> = Object.fromEntries(
  [
    ...ROUTE_FUNCTIONS,
    ...AUTHORIZER_FUNCTIONS,
    ...Object.values(WORKFLOW_STEPS),
    ...SCHEDULED_FUNCTIONS,
    { handler: EMAIL_FEEDBACK_FUNCTION, access: EMAIL_FEEDBACK_ACCESS },
    { handler: RECORD_UPLOADED_FUNCTION, access: RECORD_UPLOADED_ACCESS },
  ].map(({ handler, access }) => [handler, access]),
);

/** Every function's permissions, by handler. */
export const HANDLER_PERMISSIONS: Readonly<Record<string, readonly Permission[]>> = Object.fromEntries(
  Object.entries(HANDLER_ACCESS).map(([handler, access]) => [handler, permissionsOf(access)]),
);

export const ASL_PATH = 'workflows/second-opinion.asl.json';
