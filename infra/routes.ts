/** The REST API: one Lambda per handler (a handler may serve several methods of a path). The CDK app and the local gateway both read this table. */
export interface Route {
  method: 'GET' | 'POST' | 'HEAD';
  path: string;
  /** File name under functions/handlers, without extension. */
  handler: string;
  /** Public (no credential): intake is throttled harder. */
  public?: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/health', handler: 'health', public: true },
  { method: 'GET', path: '/openapi.json', handler: 'openapi', public: true },
  { method: 'POST', path: '/cases', handler: 'create-case', public: true },
  { method: 'GET', path: '/cases/{caseId}', handler: 'get-case' },
  { method: 'POST', path: '/cases/{caseId}/records', handler: 'create-record' },
  { method: 'GET', path: '/cases/{caseId}/records', handler: 'list-records' },
  // Signed links: GET and HEAD render, only POST decides; the signature is the credential.
  { method: 'GET', path: '/approvals/{id}', handler: 'approval-link', public: true },
  { method: 'HEAD', path: '/approvals/{id}', handler: 'approval-link', public: true },
  { method: 'POST', path: '/approvals/{id}', handler: 'approval-link', public: true },
  { method: 'GET', path: '/prior-authorizations/{id}', handler: 'prior-authorization-link', public: true },
  { method: 'HEAD', path: '/prior-authorizations/{id}', handler: 'prior-authorization-link', public: true },
  { method: 'POST', path: '/prior-authorizations/{id}', handler: 'prior-authorization-link', public: true },
  // The specialist's case packet only renders (and presigns record downloads); its forms post to the two below.
  { method: 'GET', path: '/assignments/{id}', handler: 'case-packet', public: true },
  { method: 'HEAD', path: '/assignments/{id}', handler: 'case-packet', public: true },
  { method: 'POST', path: '/assignments/{id}', handler: 'assignment-link', public: true },
  { method: 'POST', path: '/assignments/{id}/opinion', handler: 'opinion-link', public: true },
  // The final report: a page and its PDF, both behind one signed link that only renders.
  { method: 'GET', path: '/reports/{id}', handler: 'report-link', public: true },
  { method: 'HEAD', path: '/reports/{id}', handler: 'report-link', public: true },
  { method: 'GET', path: '/reports/{id}/pdf', handler: 'report-pdf', public: true },
  // The records page only renders: its forms post files straight to the records bucket.
  { method: 'GET', path: '/uploads/{id}', handler: 'upload-link', public: true },
  { method: 'HEAD', path: '/uploads/{id}', handler: 'upload-link', public: true },
  // The coordinator console: people sign in with OpenID Connect; programs send an OAuth 2 access token.
  { method: 'GET', path: '/console', handler: 'console-home' },
  { method: 'GET', path: '/console/sign-in', handler: 'console-sign-in', public: true },
  { method: 'GET', path: '/console/callback', handler: 'console-callback', public: true },
  { method: 'GET', path: '/console/sign-out', handler: 'console-sign-out', public: true },
  { method: 'POST', path: '/console/sign-out', handler: 'console-sign-out' },
];

/** The handler of the records bucket's ObjectCreated notifications. */
export const RECORD_UPLOADED_FUNCTION = 'record-uploaded';

/** The Lambdas the state machine invokes, keyed by their ASL definition-substitution placeholder. */
export const WORKFLOW_FUNCTIONS: Readonly<Record<string, string>> = {
  LoadSettingsFunctionArn: 'load-settings',
  CheckCoverageFunctionArn: 'check-coverage',
  RequestCallbackFunctionArn: 'request-callback',
  CallbackTimedOutFunctionArn: 'callback-timed-out',
  CloseCaseFunctionArn: 'close-case',
  SendClaimNoticeFunctionArn: 'send-claim-notice',
  FinishCaseFunctionArn: 'finish-case',
  MarkNeedsAttentionFunctionArn: 'mark-needs-attention',
  MatchSpecialistFunctionArn: 'match-specialist',
  EndAssignmentFunctionArn: 'end-assignment',
  ContinueAssignmentFunctionArn: 'continue-assignment',
  RecordOpinionFunctionArn: 'record-opinion',
  CompareOpinionsFunctionArn: 'compare-opinions',
  DeliverReportFunctionArn: 'deliver-report',
};

export const ASL_PATH = 'workflows/second-opinion.asl.json';
