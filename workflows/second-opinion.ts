/**
 * The second-opinion state machine, described. `npm run asl` writes it to workflows/second-opinion.asl.json,
 * the one definition AWS (the CDK's DefinitionBody.fromFile) and the local runner both run; a test fails when
 * that file is out of step with this one. State carries IDs only; `${…FunctionArn}` placeholders name the
 * workflow functions of infra/routes.ts.
 */
import {
  callback,
  choice,
  increment,
  machine,
  NEEDS_ATTENTION,
  NO_RETRY_ON_PURPOSE,
  pass,
  step,
  type Path,
  type StateMachine,
  type States,
} from './asl-builders.js';

const APPROVAL_TIMEOUT: Path = '$.settings.approvalTimeoutSeconds';
const RECORDS_REMINDER: Path = '$.settings.recordsReminderSeconds';
const PRIOR_AUTH_ROUND: Path = '$.priorAuth.round';
const MATCH_ATTEMPT: Path = '$.match.attempt';

/** The case closes, for this reason (CloseCase tells the patient). */
const closeBecause = (reason: string) =>
  pass({ comment: 'Why the case closes', result: { reason }, resultPath: '$.close', next: 'CloseCase' });

/** The match attempt ends with this outcome, and EndAssignment releases the specialist. */
const endAttempt = (outcome: string) =>
  pass({
    comment: 'Why the attempt ends',
    result: { outcome },
    resultPath: '$.ended',
    next: 'EndAssignment',
  });

const coverage: States = {
  LoadSettings: step('LoadSettingsFunctionArn', {
    comment: "Read this case's waiting times into the execution",
    select: [
      'approvalTimeoutSeconds',
      'priorAuthTimeoutSeconds',
      'recordsReminderSeconds',
      'opinionSlaSeconds',
      'resume',
    ],
    resultPath: '$.settings',
    next: 'IntroduceCase',
  }),
  IntroduceCase: step('IntroduceCaseFunctionArn', {
    comment:
      'Tell the submitter the request has started, and introduce Concord to the other party, each with a status link',
    next: 'CheckCoverage',
  }),
  CheckCoverage: step('CheckCoverageFunctionArn', {
    comment: "Apply the payer's rules from the directory",
    select: ['outcome'],
    resultPath: '$.coverage',
    next: 'CoverageRoute',
  }),
  CoverageRoute: choice({
    comment: 'Covered and self-pay go on; prior authorization asks the insurer; uncovered asks a coordinator',
    when: [
      { is: { '$.coverage.outcome': 'not-covered' }, next: 'CoverageApproval' },
      { is: { '$.coverage.outcome': 'prior-auth-required' }, next: 'StartPriorAuthorization' },
    ],
    otherwise: 'GatherRecords',
  }),
  ...callback('CoverageApproval', {
    comment: 'Coordinator: proceed as self-pay or an exception, or close',
    kind: 'approval',
    purpose: 'coverage',
    round: 1,
    timeout: APPROVAL_TIMEOUT,
    resultPath: '$.coverageApproval',
    next: 'CoverageApprovalRoute',
  }),
  CoverageApprovalRoute: choice({
    when: [{ is: { '$.coverageApproval.decision': 'approve' }, next: 'GatherRecords' }],
    otherwise: 'CoverageRejected',
  }),
  CoverageRejected: closeBecause('coverage-rejected'),
};

const priorAuthorization: States = {
  StartPriorAuthorization: pass({
    comment: 'The first request to the insurer',
    result: { round: 1 },
    resultPath: '$.priorAuth',
    next: 'PriorAuthorization',
  }),
  ...callback('PriorAuthorization', {
    comment: 'Insurer: approve or deny prior authorization within the CMS-0057-F clock',
    kind: 'prior-authorization',
    purpose: 'second-opinion',
    round: PRIOR_AUTH_ROUND,
    timeout: '$.settings.priorAuthTimeoutSeconds',
    resultPath: '$.priorAuthDecision',
    expired: 'PriorAuthorizationOverdue',
    next: 'PriorAuthorizationRoute',
  }),
  PriorAuthorizationRoute: choice({
    when: [{ is: { '$.priorAuthDecision.decision': 'approved' }, next: 'GatherRecords' }],
    otherwise: 'PriorAuthorizationDenied',
  }),
  ...callback('PriorAuthorizationDenied', {
    comment: 'Coordinator: proceed as self-pay, or close',
    kind: 'approval',
    purpose: 'prior-authorization-denied',
    round: PRIOR_AUTH_ROUND,
    timeout: APPROVAL_TIMEOUT,
    resultPath: '$.deniedApproval',
    next: 'PriorAuthorizationDeniedRoute',
  }),
  PriorAuthorizationDeniedRoute: choice({
    when: [{ is: { '$.deniedApproval.decision': 'approve' }, next: 'GatherRecords' }],
    otherwise: 'PriorAuthorizationDeniedClose',
  }),
  PriorAuthorizationDeniedClose: closeBecause('prior-authorization-denied'),
  ...callback('PriorAuthorizationOverdue', {
    comment: "Coordinator: the insurer's clock ran out; chase, proceed, or close",
    kind: 'approval',
    purpose: 'prior-authorization-overdue',
    round: PRIOR_AUTH_ROUND,
    timeout: APPROVAL_TIMEOUT,
    resultPath: '$.overdueApproval',
    next: 'PriorAuthorizationOverdueRoute',
  }),
  PriorAuthorizationOverdueRoute: choice({
    when: [
      {
        is: { '$.overdueApproval.decision': 'approve', '$.overdueApproval.basis': 'chase' },
        next: 'ChasePriorAuthorization',
      },
      { is: { '$.overdueApproval.decision': 'approve' }, next: 'GatherRecords' },
    ],
    otherwise: 'PriorAuthorizationOverdueClose',
  }),
  ChasePriorAuthorization: increment({
    comment: 'A new request to the insurer, with a new clock',
    at: '$.priorAuth',
    field: 'round',
    next: 'PriorAuthorization',
  }),
  PriorAuthorizationOverdueClose: closeBecause('prior-authorization-overdue'),
};

const records: States = {
  ...callback('GatherRecords', {
    comment: 'Physician or patient: upload the records; the checklist completing answers this by itself',
    kind: 'records',
    purpose: 'records',
    round: 1,
    timeout: RECORDS_REMINDER,
    resultPath: '$.records',
    expired: 'RecordsIncompleteApproval',
    next: 'StartMatching',
  }),
  ...callback('RecordsIncompleteApproval', {
    comment: 'Coordinator: reminders ran out; proceed with the records there are, or close',
    kind: 'approval',
    purpose: 'records-incomplete',
    round: 1,
    timeout: APPROVAL_TIMEOUT,
    resultPath: '$.recordsApproval',
    next: 'RecordsIncompleteApprovalRoute',
  }),
  RecordsIncompleteApprovalRoute: choice({
    when: [{ is: { '$.recordsApproval.decision': 'approve' }, next: 'StartMatching' }],
    otherwise: 'RecordsIncompleteClose',
  }),
  RecordsIncompleteClose: closeBecause('records-incomplete'),
};

const matching: States = {
  StartMatching: pass({
    comment: 'The first match attempt; every attempt is a round of its own',
    result: { attempt: 1 },
    resultPath: '$.match',
    next: 'MatchSpecialist',
  }),
  MatchSpecialist: step('MatchSpecialistFunctionArn', {
    comment:
      'Rank eligible, independent specialists and reserve the best one with capacity; none → needs attention',
    payload: { attempt: MATCH_ATTEMPT },
    next: 'MatchApproval',
  }),
  ...callback('MatchApproval', {
    comment:
      'Coordinator: approve the proposed specialist (the next two shown beside them), or reject for the next',
    kind: 'approval',
    purpose: 'specialist-match',
    round: MATCH_ATTEMPT,
    timeout: APPROVAL_TIMEOUT,
    resultPath: '$.matchApproval',
    next: 'MatchApprovalRoute',
  }),
  MatchApprovalRoute: choice({
    when: [{ is: { '$.matchApproval.decision': 'approve' }, next: 'AwaitOpinion' }],
    otherwise: 'MatchRejected',
  }),
  MatchRejected: endAttempt('rejected'),
};

const opinions: States = {
  ...callback('AwaitOpinion', {
    comment: 'Specialist: accept or decline, then the structured opinion within the SLA',
    kind: 'assignment',
    purpose: 'opinion',
    round: MATCH_ATTEMPT,
    timeout: '$.settings.opinionSlaSeconds',
    resultPath: '$.opinion',
    expired: 'AssignmentLapsed',
    next: 'OpinionRoute',
  }),
  AssignmentLapsed: endAttempt('timed-out'),
  OpinionRoute: choice({
    comment:
      'Decline or withdrawn by a coordinator → rematch; more tests → wait for them; an opinion → compare',
    when: [
      { is: { '$.opinion.decision': 'decline' }, next: 'AssignmentDeclined' },
      { is: { '$.opinion.decision': 'withdraw' }, next: 'AssignmentWithdrawn' },
      { is: { '$.opinion.decision': 'more-tests' }, next: 'RequestMoreTests' },
    ],
    otherwise: 'RecordOpinion',
  }),
  AssignmentDeclined: endAttempt('declined'),
  AssignmentWithdrawn: endAttempt('withdrawn'),
  EndAssignment: step('EndAssignmentFunctionArn', {
    comment: "Release the specialist's capacity; the next match excludes them",
    payload: { attempt: MATCH_ATTEMPT, outcome: '$.ended.outcome' },
    next: 'NextMatch',
  }),
  NextMatch: increment({
    comment: 'A new match attempt',
    at: '$.match',
    field: 'attempt',
    next: 'MatchSpecialist',
  }),
  ...callback('RequestMoreTests', {
    comment: 'Physician or patient: upload the tests the specialist asked for; their arrival answers this',
    kind: 'records',
    purpose: 'more-tests',
    round: MATCH_ATTEMPT,
    timeout: RECORDS_REMINDER,
    resultPath: '$.moreTests',
    next: 'ContinueWithSpecialist',
  }),
  ContinueWithSpecialist: increment({
    comment: 'The same specialist continues in a new attempt',
    at: '$.match',
    field: 'attempt',
    next: 'ContinueAssignment',
  }),
  ContinueAssignment: step('ContinueAssignmentFunctionArn', {
    comment: 'Carry the assignment (and its capacity hold) into the new attempt',
    payload: { attempt: MATCH_ATTEMPT },
    next: 'AwaitOpinion',
  }),
  RecordOpinion: step('RecordOpinionFunctionArn', {
    comment: 'Store the opinion as OPINION#n, complete the assignment, release capacity',
    payload: { attempt: MATCH_ATTEMPT },
    next: 'CompareOpinions',
  }),
  CompareOpinions: step('CompareOpinionsFunctionArn', {
    comment:
      'Grade discordance; major with opinions under the cap → ask for another; at the cap → tumor board',
    select: ['outcome'],
    resultPath: '$.comparison',
    next: 'CompareRoute',
  }),
  CompareRoute: choice({
    when: [{ is: { '$.comparison.outcome': 'escalate' }, next: 'ThirdOpinionApproval' }],
    otherwise: 'DeliverReport',
  }),
  ...callback('ThirdOpinionApproval', {
    comment: 'Coordinator: seek another opinion, or deliver the report with these',
    kind: 'approval',
    purpose: 'third-opinion',
    round: MATCH_ATTEMPT,
    timeout: APPROVAL_TIMEOUT,
    resultPath: '$.thirdOpinion',
    next: 'ThirdOpinionRoute',
  }),
  ThirdOpinionRoute: choice({
    when: [{ is: { '$.thirdOpinion.decision': 'approve' }, next: 'NextMatch' }],
    otherwise: 'DeliverReport',
  }),
};

const endings: States = {
  DeliverReport: step('DeliverReportFunctionArn', {
    comment:
      'Tell the patient and referring physician the report is ready (signed link, no PHI in the email)',
    next: 'SendClaimNotice',
  }),
  SendClaimNotice: step('SendClaimNoticeFunctionArn', {
    comment: 'Insurer: exactly one claim notice with a FHIR Claim; self-pay: a receipt',
    next: 'FinishCase',
  }),
  FinishCase: step('FinishCaseFunctionArn', { comment: 'Mark the case completed', end: true }),
  CloseCase: step('CloseCaseFunctionArn', {
    comment: 'Close the case and tell the patient (no PHI in the email)',
    payload: { reason: '$.close.reason' },
    next: 'Closed',
  }),
  Closed: { Type: 'Succeed' },
  [NEEDS_ATTENTION]: step('MarkNeedsAttentionFunctionArn', {
    comment: 'Keep the case, set needs-attention and alert the coordinator',
    payload: { error: '$.error' },
    // Every error but those thrown on purpose, five times from 5 s: only AlertFailed catches this step.
    retry: [
      NO_RETRY_ON_PURPOSE,
      {
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 5,
        MaxAttempts: 5,
        BackoffRate: 2,
        JitterStrategy: 'FULL',
      },
    ],
    catch: [{ ErrorEquals: ['States.ALL'], Next: 'AlertFailed' }],
    next: 'Failed',
  }),
  Failed: {
    Type: 'Fail',
    Error: 'CaseNeedsAttention',
    Cause: 'A step failed; the case is kept and the coordinator was alerted',
  },
  AlertFailed: {
    Type: 'Fail',
    Error: 'CaseNeedsAttentionUnalerted',
    Cause: 'A step failed, and so did the needs-attention step: the coordinator was not alerted',
  },
};

export const SECOND_OPINION: StateMachine = machine({
  comment:
    'Concord cancer second opinion: one execution per case, named after the case id. State carries IDs only.',
  startAt: 'LoadSettings',
  parts: [coverage, priorAuthorization, records, matching, opinions, endings],
});
