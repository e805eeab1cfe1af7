/**
 * Every function, as both stacks see it: the REST routes (the CDK app and the local gateway read the same
 * table), the functions the state machine invokes, and the records bucket's. Each states what it may do
 * (`access`), once: the functions construct (infra/aws/constructs/functions.ts) makes exactly those grants,
 * and no grant is made for a function anywhere else.
 */

/** What a function may do; each entry stands for the Permissions of permissionsOf(). */
export interface Access {
  /**
   * The case table and its GSI1: 'read' (GetItem, BatchGetItem, Query) or 'write' (read as well, since
   * conditional writes read the key; and PutItem, UpdateItem, DeleteItem, BatchWriteItem). Narrowing a
   * function to the partition keys it touches (dynamodb:LeadingKeys) adds a form beside these two, such as
   * `{ read: ['CASE#', 'SPECIALIST#'], write: ['CASE#'] }`.
   */
  readonly table?: 'read' | 'write';
  /** The link-signing secret. */
  readonly secret?: 'read';
  /** Email from the sender identity, through its TLS-only configuration set. */
  readonly email?: 'send';
  /** The second-opinion state machine: start an execution, or answer a waiting task. */
  readonly workflow?: 'start' | 'respond';
  /**
   * Objects under the records bucket's cases/ key space: presign uploads (S3 authorizes the holder of the
   * URL or form as this function), inspect an upload (HeadObject and a ranged GetObject), delete a refused one.
   */
  readonly files?: ReadonlyArray<'upload' | 'read' | 'delete'>;
}

/** One least-privilege grant each (infra/aws/constructs/function-grants.ts). */
export type Permission =
  | 'table:read'
  | 'table:write'
  | 'secret:read'
  | 'workflow:start'
  | 'workflow:respond'
  | 'email:send'
  | 'files:upload'
  | 'files:read'
  | 'files:delete';

export function permissionsOf(access: Access): Permission[] {
  const permissions: Permission[] = [];
  if (access.table) permissions.push('table:read');
  if (access.table === 'write') permissions.push('table:write');
  if (access.secret) permissions.push(`secret:${access.secret}`);
  if (access.email) permissions.push(`email:${access.email}`);
  if (access.workflow) permissions.push(`workflow:${access.workflow}`);
  for (const files of access.files ?? []) permissions.push(`files:${files}`);
  return permissions;
}

/**
 * What the callback use cases touch (the composition root's callbackDeps): cases, callbacks, directory,
 * outbox (and its mail), the waiting task, the secret that signs the links.
 */
const CALLBACKS: Access = { table: 'write', secret: 'read', email: 'send', workflow: 'respond' };

/** A REST route, as the local gateway serves it and the CDK app adds it. */
export interface Route {
  method: 'GET' | 'POST' | 'HEAD';
  path: string;
  /** File name under functions/handlers, without extension. */
  handler: string;
  /** Public (no credential at the gateway): public POSTs, the intake first, are throttled harder. */
  public?: boolean;
}

/** One Lambda per handler, serving one path with one or more methods. */
export interface RouteFunction {
  readonly handler: string;
  readonly path: string;
  readonly methods: ReadonlyArray<Route['method']>;
  readonly public?: boolean;
  readonly access: Access;
}

export const ROUTE_FUNCTIONS: readonly RouteFunction[] = [
  { handler: 'health', path: '/health', methods: ['GET'], public: true, access: {} },
  { handler: 'openapi', path: '/openapi.json', methods: ['GET'], public: true, access: {} },
  {
    handler: 'create-case',
    path: '/cases',
    methods: ['POST'],
    public: true,
    access: { table: 'write', secret: 'read', workflow: 'start' },
  },
  { handler: 'get-case', path: '/cases/{caseId}', methods: ['GET'], access: { table: 'read' } },
  // The case as a FHIR R4 Bundle for an integrator holding the case token: reads only.
  { handler: 'case-fhir', path: '/cases/{caseId}/fhir', methods: ['GET'], access: { table: 'read' } },
  // Records: the case token is checked against the case; the record is announced, then uploaded by URL.
  {
    handler: 'create-record',
    path: '/cases/{caseId}/records',
    methods: ['POST'],
    access: { table: 'write', files: ['upload'] },
  },
  { handler: 'list-records', path: '/cases/{caseId}/records', methods: ['GET'], access: { table: 'read' } },
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
    access: { table: 'read', secret: 'read', files: ['read'] },
  },
  // Accept or decline: the assignment, the case, the patient's email, the waiting task.
  {
    handler: 'assignment-link',
    path: '/assignments/{id}',
    methods: ['POST'],
    public: true,
    access: CALLBACKS,
  },
  // The opinion is kept on the assignment and answers the waiting task (more tests: the physician is emailed).
  {
    handler: 'opinion-link',
    path: '/assignments/{id}/opinion',
    methods: ['POST'],
    public: true,
    access: CALLBACKS,
  },
  // The final report: a page and its PDF, both behind one signed link; they render from the case and its
  // opinions and change nothing.
  {
    handler: 'report-link',
    path: '/reports/{id}',
    methods: ['GET', 'HEAD'],
    public: true,
    access: { table: 'read', secret: 'read' },
  },
  {
    handler: 'report-pdf',
    path: '/reports/{id}/pdf',
    methods: ['GET'],
    public: true,
    access: { table: 'read', secret: 'read' },
  },
  // The records page only renders (the callback, the checklist) and presigns one POST form per record type:
  // the files go straight to the records bucket.
  {
    handler: 'upload-link',
    path: '/uploads/{id}',
    methods: ['GET', 'HEAD'],
    public: true,
    access: { table: 'read', secret: 'read', files: ['upload'] },
  },
];

/** The REST API, one entry per method. */
export const ROUTES: readonly Route[] = ROUTE_FUNCTIONS.flatMap(({ handler, path, methods, public: open }) =>
  methods.map((method) => ({ method, path, handler, ...(open ? { public: true } : {}) })),
);

/** A function the state machine invokes. */
export interface WorkflowFunction {
  readonly handler: string;
  readonly access: Access;
}

/** The Lambdas the state machine invokes, keyed by their ASL definition-substitution placeholder. */
export const WORKFLOW_STEPS: Readonly<Record<string, WorkflowFunction>> = {
  LoadSettingsFunctionArn: { handler: 'load-settings', access: { table: 'read' } },
  CheckCoverageFunctionArn: { handler: 'check-coverage', access: { table: 'write', email: 'send' } },
  RequestCallbackFunctionArn: { handler: 'request-callback', access: CALLBACKS },
  CallbackTimedOutFunctionArn: { handler: 'callback-timed-out', access: CALLBACKS },
  CloseCaseFunctionArn: { handler: 'close-case', access: { table: 'write', email: 'send' } },
  SendClaimNoticeFunctionArn: { handler: 'send-claim-notice', access: { table: 'write', email: 'send' } },
  FinishCaseFunctionArn: { handler: 'finish-case', access: { table: 'write' } },
  MarkNeedsAttentionFunctionArn: {
    handler: 'mark-needs-attention',
    access: { table: 'write', email: 'send' },
  },
  MatchSpecialistFunctionArn: { handler: 'match-specialist', access: { table: 'write', email: 'send' } },
  EndAssignmentFunctionArn: { handler: 'end-assignment', access: { table: 'write' } },
  ContinueAssignmentFunctionArn: { handler: 'continue-assignment', access: { table: 'write' } },
  RecordOpinionFunctionArn: { handler: 'record-opinion', access: { table: 'write' } },
  CompareOpinionsFunctionArn: { handler: 'compare-opinions', access: { table: 'write', email: 'send' } },
  DeliverReportFunctionArn: {
    handler: 'deliver-report',
    access: { table: 'write', secret: 'read', email: 'send' },
  },
};

/** The workflow functions' handlers, by placeholder. */
export const WORKFLOW_FUNCTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(WORKFLOW_STEPS).map(([placeholder, { handler }]) => [placeholder, handler]),
);

/** The handler of the records bucket's ObjectCreated notifications. */
export const RECORD_UPLOADED_FUNCTION = 'record-uploaded';
/**
 * Inspect, refuse (delete) or count the upload, and answer the records request when the checklist completes
 * (callbackDeps: outbox, task callbacks, secret).
 */
export const RECORD_UPLOADED_ACCESS: Access = { ...CALLBACKS, files: ['read', 'delete'] };

/** Every function's permissions, by handler. */
export const HANDLER_PERMISSIONS: Readonly<Record<string, readonly Permission[]>> = Object.fromEntries(
  [
    ...ROUTE_FUNCTIONS,
    ...Object.values(WORKFLOW_STEPS),
    { handler: RECORD_UPLOADED_FUNCTION, access: RECORD_UPLOADED_ACCESS },
  ].map(({ handler, access }) => [handler, permissionsOf(access)]),
);

export const ASL_PATH = 'workflows/second-opinion.asl.json';
