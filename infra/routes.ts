/** The REST API: one Lambda per route. Both the CDK app and the local gateway read this table. */
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
];

/** The Lambdas the state machine invokes, keyed by their ASL definition-substitution placeholder. */
export const WORKFLOW_FUNCTIONS: Readonly<Record<string, string>> = {
  CheckCoverageFunctionArn: 'check-coverage',
  FinishCaseFunctionArn: 'finish-case',
  MarkNeedsAttentionFunctionArn: 'mark-needs-attention',
};

export const ASL_PATH = 'workflows/second-opinion.asl.json';
