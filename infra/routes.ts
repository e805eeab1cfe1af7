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
] as const;
export type ItemPrefix = (typeof ITEM_PREFIXES)[number];

/** The table's indexes a function may query (infra/table-schema.ts). */
export type IndexName = 'GSI1';

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
   * Indexes it queries. Not narrowed by key: GSI1 holds only directory entries (items with a GSI1PK: the
   * specialists by cancer type), never a case or a callback.
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
  /** The second-opinion state machine: start an execution, or answer a waiting task. */
  readonly workflow?: 'start' | 'respond';
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
  | 'email:send'
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
    access: { table: { write: ['CASE#', 'IDEMPOTENCY#'] }, secret: 'read', workflow: 'start' },
  },
  { handler: 'get-case', path: '/cases/{caseId}', methods: ['GET'], access: { table: { read: ['CASE#'] } } },
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
    access: { table: { read: ['CASE#'] }, secret: 'read' },
  },
  {
    handler: 'report-pdf',
    path: '/reports/{id}/pdf',
    methods: ['GET'],
    public: true,
    access: { table: { read: ['CASE#'] }, secret: 'read' },
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
  LoadSettingsFunctionArn: { handler: 'load-settings', access: { table: { read: ['CASE#'] } } },
  CheckCoverageFunctionArn: {
    handler: 'check-coverage',
    access: { table: { read: ['PAYER#'], write: ['CASE#', 'MESSAGE#'] }, email: 'send' },
  },
  RequestCallbackFunctionArn: { handler: 'request-callback', access: CALLBACKS },
  CallbackTimedOutFunctionArn: { handler: 'callback-timed-out', access: CALLBACKS },
  CloseCaseFunctionArn: {
    handler: 'close-case',
    access: { table: { write: ['CASE#', 'MESSAGE#'] }, email: 'send' },
  },
  SendClaimNoticeFunctionArn: {
    handler: 'send-claim-notice',
    access: { table: { read: ['PAYER#', 'SPECIALIST#'], write: ['CASE#', 'MESSAGE#'] }, email: 'send' },
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
  ContinueAssignmentFunctionArn: { handler: 'continue-assignment', access: { table: { write: ['CASE#'] } } },
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
    access: { table: { write: ['CASE#', 'MESSAGE#'] }, secret: 'read', email: 'send' },
  },
};

/** The workflow functions' handlers, by placeholder. */
export const WORKFLOW_FUNCTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(WORKFLOW_STEPS).map(([placeholder, { handler }]) => [placeholder, handler]),
);

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
    ...Object.values(WORKFLOW_STEPS),
    { handler: RECORD_UPLOADED_FUNCTION, access: RECORD_UPLOADED_ACCESS },
  ].map(({ handler, access }) => [handler, access]),
);

/** Every function's permissions, by handler. */
export const HANDLER_PERMISSIONS: Readonly<Record<string, readonly Permission[]>> = Object.fromEntries(
  Object.entries(HANDLER_ACCESS).map(([handler, access]) => [handler, permissionsOf(access)]),
);

export const ASL_PATH = 'workflows/second-opinion.asl.json';
