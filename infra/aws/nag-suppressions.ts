/**
 * Every cdk-nag finding Concord accepts, each with its reason, in one place.
 *
 * cdk-nag 3 runs as a CDK validation plugin and reads acknowledgements recorded with
 * `Validations.of(construct).acknowledge({ id, reason })` (it has no `NagSuppressions` any more). An
 * acknowledgement covers the construct it is put on and everything below it, so each one is put on the
 * narrowest construct that owns the finding. Granular findings (IAM4, IAM5) are acknowledged per finding id.
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { HANDLER_PERMISSIONS, ROUTES } from '../routes.js';
import { RECORDS_PREFIX } from './constructs/function-grants.js';
import type { StatefulStack } from './stateful-stack.js';
import type { StatelessStack } from './stateless-stack.js';

export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

/** An acknowledgement as made: where, which finding, why. */
export interface RecordedAcknowledgement extends Acknowledgement {
  readonly path: string;
}

class Acknowledger {
  readonly made: RecordedAcknowledgement[] = [];

  add(scope: IConstruct, ...rules: Acknowledgement[]): void {
    for (const rule of rules) {
      Validations.of(scope).acknowledge(rule);
      this.made.push({ path: scope.node.path, ...rule });
    }
  }

  /**
   * For a finding whose id names a resource through a reference to another stack. cdk-nag names resources
   * as the template renders them, and such a reference only takes its final form (Fn::GetStackOutput with a
   * generated output name) when the app is prepared for synthesis. So the id is worked out then, with
   * cdk-nag's own renderer: construct validations run after references are resolved and before the
   * validation plugins read acknowledgements.
   */
  addWhenResolved(
    scope: IConstruct,
    id: (render: (value: string) => string) => string,
    reason: string,
  ): void {
    const recorded = { path: scope.node.path, id: '(worked out at synthesis)', reason };
    this.made.push(recorded);
    let done = false;
    scope.node.addValidation({
      validate: () => {
        if (!done) {
          recorded.id = id((value) => flattenCfnReference(Stack.of(scope).resolve(value)));
          Validations.of(scope).acknowledge({ id: recorded.id, reason });
          // cdk-nag's audit trail in the template (writeSuppressionsToCloudFormation) is written earlier,
          // by an aspect: add this one to it where it exists.
          for (const child of scope.node.findAll()) {
            if (!CfnResource.isCfnResource(child)) continue;
            const trail = child.getMetadata('cdk_nag') as
              { rules_to_suppress?: Acknowledgement[] } | undefined;
            if (!trail) continue;
            child.addMetadata('cdk_nag', {
              ...trail,
              rules_to_suppress: [...(trail.rules_to_suppress ?? []), { id: recorded.id, reason }],
            });
          }
          done = true;
        }
        return [];
      },
    });
  }
}

const REASONS = {
  backupManagedPolicy:
    'AWSBackupServiceRolePolicyForBackup is the AWS-maintained policy AWS Backup documents for its service ' +
    'role; the role can only be assumed by backup.amazonaws.com and is used only by this backup selection.',
  replication:
    'Single-region deployment by design (data residency of PHI is decided per deployment). Durability comes ' +
    'from versioning, retention on stack deletion and, for the table, PITR plus AWS Backup; cross-region ' +
    'replication needs a second region, bucket and key chosen by the operator.',
  accessLogsEncryption:
    'S3 server access log delivery only supports SSE-S3 on the target bucket, not SSE-KMS. The bucket holds ' +
    'request metadata only (no object contents), blocks all public access, enforces TLS and is versioned.',
  apiCloudWatchRole:
    'AmazonAPIGatewayPushToCloudWatchLogs is the AWS-maintained policy for the account-level API Gateway ' +
    'logging role; only apigateway.amazonaws.com can assume it and it is needed for execution logs.',
  apiBodyValidation:
    'Every method validates its parameters at the gateway; request bodies are validated by the function at ' +
    'the edge, with the zod schemas that type them (strict objects, limits, formats). A gateway model check ' +
    'would answer first with a bare 400, breaking the API contract: each bad field named in `errors`, and 413 ' +
    'for bodies over 1 MiB (any of which a model with length limits would refuse as 400).',
  apiCache:
    'No stage cache on purpose: responses carry per-case data behind per-request credentials (case access ' +
    'token, signed links), so a cache would both store PHI and risk serving one caller another caller\u2019s ' +
    'response. Nothing is cached, so there is no cache to encrypt.',
  apiClientCertificate:
    'A client certificate lets API Gateway authenticate itself to HTTP backends. Every integration here is a ' +
    'Lambda proxy integration invoked over the Lambda API with IAM (a scoped lambda:InvokeFunction ' +
    'permission), so there is no HTTP backend to present a certificate to. Clients reach the API over TLS only.',
  xrayResource:
    'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions (the Service ' +
    'Authorization Reference lists no resource types), so the statement must use "*". Added by tracing: ACTIVE. ' +
    'email-feedback also holds ses:PutSuppressedDestination on "*": the account suppression list has no ARN.',
  stateMachineWildcards:
    'Resource "*" is required by actions without resource-level permissions: CloudWatch Logs vended log ' +
    'delivery (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ' +
    'ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) for execution logging, ' +
    'and X-Ray (PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) for tracing.',
  inlinePolicy:
    'The policy is generated by CDK grant methods for this one role: every statement names the exact table, ' +
    'index, key, secret, state machine, identity or log group ARNs this function needs, and it is created ' +
    'and deleted with the role. A reusable managed policy would have no other user and would only widen ' +
    'the blast radius of a later edit.',
  lambdaRuntime:
    'Pinned to nodejs22.x on purpose (DESIGN.md \u00a72): the local stack and CI run the same handlers on ' +
    'Node 20/22, and Node 22 is an LTS line until April 2027. Moving to nodejs24.x is a deliberate upgrade ' +
    'together with the local toolchain, not an automatic one.',
  lambdaDlq:
    'Invoked synchronously only: by API Gateway (Lambda proxy) or by Step Functions (lambda:invoke, ' +
    'RequestResponse). Dead-letter queues apply to asynchronous invocations only; failures go back to the ' +
    'caller, and the state machine catches them and runs MarkNeedsAttention, which alerts the coordinator. ' +
    'Errors alarms notify the alarm topic.',
  lambdaVpc:
    'The functions reach only AWS regional service endpoints (DynamoDB, S3, SES, Step Functions, Secrets ' +
    'Manager) over TLS with SigV4 and least-privilege IAM; there are no VPC-resident resources to reach. ' +
    'Running in a VPC would need NAT or five interface endpoints per AZ; revisit if a network perimeter with ' +
    'VPC endpoint policies is required.',
  rotationDlq:
    'Invoked by Secrets Manager, once per rotation step, and not through an event queue: a step that fails is ' +
    'retried by Secrets Manager, which then marks the rotation failed and leaves the current version in place ' +
    '(links keep verifying); the function\u2019s Errors alarm notifies the alarm topic.',
  noReservedConcurrency:
    'Reserved concurrency was turned off for this deployment (context reservedConcurrency=0) because the ' +
    'account\u2019s Lambda concurrency quota cannot reserve any (Lambda keeps 100 unreserved; new accounts ' +
    'may start at 10). Stage throttling and the WAF rate rules still bound the load.',
  cognito:
    'Patients, referring physicians, specialists and insurers have no user accounts: they use the case access ' +
    'token shown once at intake or signed single-use links (DESIGN.md \u00a75). The console\u2019s Cognito user ' +
    'pool is for coordinators and admins only, and guards the console routes alone.',
  openRoute:
    'Public by design (DESIGN.md \u00a75): intake, health and the OpenAPI document need no credential. The ' +
    'route is throttled by the stage (public POSTs harder) and by the WAF rate rules.',
  caseToken:
    'The credential is the case access token (a bearer token shown once at intake, stored hashed). A Lambda ' +
    'authorizer would only move the same table lookup into a second function; the handler verifies the token ' +
    'on every request and answers 401/403 before returning any case data.',
  signedLink:
    'The credential is the link itself: an opaque id plus an HMAC over id, purpose and expiry, keyed by the ' +
    'Secrets Manager signing secret. The handler verifies the signature and expiry before reading anything ' +
    '(403/410), and the decision is single-use by a conditional write (409). An authorizer result cache ' +
    'would not fit single-use links.',
  grantedLink:
    'The credential is the link itself, granted to one recipient: an opaque random grant id plus an HMAC over ' +
    'id, purpose and expiry, keyed by the Secrets Manager signing secret, and a grant item on the server ' +
    '(recipient, case, purpose, expiry, revoked) checked on every open, so a coordinator can take it back. ' +
    'The handler verifies the signature and expiry before reading anything (403/410), then the grant (410 ' +
    'revoked), and only renders (GET/HEAD).',
  confirmationLink:
    'The credential is the link itself, emailed only to the address that submitted the intake: the case id ' +
    'plus an HMAC over id, purpose ("confirmation") and the confirmation deadline, keyed by the Secrets ' +
    'Manager signing secret. The handler verifies the signature and deadline before reading anything ' +
    '(403/410); GET/HEAD only render, and the POST confirms once by a conditional write (409 after).',
  linkRequest:
    'Public by design (API.md, "Pages for people"): "email me my link again" takes a case id and an address, ' +
    'emails a fresh link only to an address on file, and answers 202 alike either way, no sooner than a fixed ' +
    'time. Throttled by the stage (public POST) and the WAF, and counted per address per day (429).',
  executions:
    "StopExecution is authorized on the execution, and a case's execution is named at run time after the case and " +
    'its resume (<caseId>, <caseId>-r<n>): execution:<this state machine>:* is the narrowest fixed scope. The ' +
    "statement lists only states:StopExecution, for the console's cancel, which stops the execution of the case " +
    'the coordinator named after checking it exists.',
  recordObjects:
    'Object-level S3 actions can only name object ARNs, and record keys are generated per upload ' +
    '(cases/{caseId}/records/{type}/{recordId}), so the records key space cases/* is the narrowest fixed scope. ' +
    'The statement lists exact actions (PutObject for presigned uploads; GetObject, DeleteObject and DeleteObjectVersion for ' +
    'the upload check), never s3:* or a bucket-level action, and the caller chooses no key: handlers build ' +
    'them from the verified case id.',
  notificationsHandlerLogs:
    'The role of CDK\u2019s own handler for the Custom::S3BucketNotifications resource, to which CDK always ' +
    'attaches AWSLambdaBasicExecutionRole so the handler can write its CloudWatch log. It runs only while ' +
    'this stack deploys and logs the outcome of PutBucketNotificationConfiguration (bucket name, errors), no ' +
    'case data; its only other permission is on the records bucket\u2019s notification configuration.',
  notificationsHandlerPolicy:
    'Generated by CDK for its Custom::S3BucketNotifications handler alone: s3:PutBucketNotification and ' +
    's3:GetBucketNotification on the records bucket ARN only, created and deleted with the notification ' +
    'resource. A managed policy would have no other user.',
  consoleCredential:
    'The console\u2019s routes are authorized at the gateway by its Lambda authorizer (a person\u2019s server-side ' +
    'session, a random id in an HttpOnly, SameSite=Strict cookie issued only after an OpenID Connect sign-in; or a ' +
    'program\u2019s OAuth 2 access token, a JWT verified against the issuer\u2019s JWKS: signature, issuer, audience, ' +
    'expiry). The function then checks the role, and for a state-changing request the Origin and a per-session ' +
    'CSRF token, before anything else (302/401/403). A Cognito user pool authorizer would check bearer tokens ' +
    'only and could not read the server-side session. GET /console/sign-out only renders the signed-out page.',
  consoleSignIn:
    'The start and the end of the OpenID Connect sign-in (authorization code with PKCE) make the credential, so ' +
    'they cannot require one. The callback accepts a code only for a server-side, single-use, ten-minute sign-in ' +
    'named by the browser\u2019s cookie, checking its state, nonce and PKCE verifier.',
  consoleCognito:
    'The console\u2019s people and programs authenticate with an OpenID Connect issuer (Cognito on AWS, or the ' +
    'deployer\u2019s own; the embedded provider locally) whose tokens and sessions its Lambda authorizer verifies, ' +
    'one code path in both places. A Cognito user pool authorizer checks bearer tokens only and cannot read the ' +
    'server-side session.',
  signedUploadLink:
    'The credential is the link itself: an opaque id plus an HMAC over id, purpose and expiry, keyed by the ' +
    'Secrets Manager signing secret. The handler verifies the signature and expiry before reading anything ' +
    '(403/410) and only renders (GET/HEAD, no writes). The files never pass through the API: each form on the ' +
    'page is an S3 presigned POST bound to one fresh key under cases/{caseId}/, a size range and a short ' +
    'expiry, so S3 authorizes every upload.',
  malwareScanManagedRule:
    'GuardDuty Malware Protection for S3 makes and manages its own EventBridge rule in this account to hear ' +
    'the bucket\u2019s new objects; its name is the fixed prefix DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3 ' +
    'and a suffix GuardDuty chooses, so AWS\u2019s documented policy for a plan\u2019s role names it by that ' +
    'prefix. The write actions are also bound to rules the malware-protection-plan.guardduty.amazonaws.com ' +
    'service manages (events:ManagedBy).',
  malwareScanObjects:
    'GuardDuty reads each new object (and version) under the records key space to scan it, and record keys ' +
    'are generated per upload (cases/{caseId}/records/{type}/{recordId}), so cases/* is the narrowest fixed ' +
    'scope; the actions are reads only (s3:GetObject, s3:GetObjectVersion), and object tagging is off.',
  malwareScanPolicy:
    'AWS\u2019s documented permissions for a Malware Protection plan\u2019s role, narrowed to the records bucket, ' +
    'its records key space, its validation object and its key (through S3 only). The policy belongs to this ' +
    'one role, which only malware-protection-plan.guardduty.amazonaws.com of this account can assume, and is ' +
    'created and deleted with it; a managed policy would have no other user.',
} as const;

/** How each route handler authenticates its caller (DESIGN.md \u00a75). A new route handler must be listed. */
export const ROUTE_CREDENTIALS: Readonly<
  Record<
    string,
    | 'none'
    | 'case-token'
    | 'signed-link'
    | 'signed-upload-link'
    | 'granted-link'
    | 'confirmation-link'
    | 'link-request'
    | 'console'
    | 'console-sign-in'
  >
> = {
  health: 'none',
  openapi: 'none',
  'create-case': 'none',
  'intake-page': 'none',
  'intake-submit': 'none',
  'get-case': 'case-token',
  'create-record': 'case-token',
  'list-records': 'case-token',
  'case-fhir': 'case-token',
  'approval-link': 'signed-link',
  'prior-authorization-link': 'signed-link',
  'upload-link': 'signed-upload-link',
  'case-packet': 'signed-link',
  'assignment-link': 'signed-link',
  'opinion-link': 'signed-link',
  'report-link': 'granted-link',
  'report-pdf': 'granted-link',
  'status-link': 'granted-link',
  'claim-link': 'granted-link',
  'confirmation-link': 'confirmation-link',
  'link-request': 'link-request',
  'console-queue': 'console',
  'console-case': 'console',
  'console-case-fhir': 'console',
  'console-decide': 'console',
  'console-sign-out': 'console',
  'console-sign-in': 'console-sign-in',
  'console-callback': 'console-sign-in',
  'console-resume': 'console',
  'console-cancel': 'console',
  'console-resend': 'console',
  'console-extend': 'console',
  'console-reassign': 'console',
  'console-take-back-links': 'console',
};

const CREDENTIAL_REASONS = {
  none: REASONS.openRoute,
  'case-token': REASONS.caseToken,
  'signed-link': REASONS.signedLink,
  'signed-upload-link': REASONS.signedUploadLink,
  'granted-link': REASONS.grantedLink,
  'confirmation-link': REASONS.confirmationLink,
  'link-request': REASONS.linkRequest,
  console: REASONS.consoleCredential,
  'console-sign-in': REASONS.consoleSignIn,
} as const;

/**
 * What every Concord function shares: the pinned runtime, no VPC, tracing's X-Ray statement and its inline
 * policy; no dead-letter queue unless it is invoked asynchronously (`withoutQueue` says why), reserved
 * concurrency unless turned off.
 */
function acknowledgeFunction(
  acknowledge: Acknowledger,
  fn: lambda.Function,
  reservedConcurrency: number,
  withoutQueue: string,
): void {
  acknowledge.add(
    fn,
    { id: 'AwsSolutions-L1', reason: REASONS.lambdaRuntime },
    { id: 'HIPAA.Security-LambdaInsideVPC', reason: REASONS.lambdaVpc },
  );
  // Asynchronously invoked functions (record-uploaded, by S3) have a real dead-letter queue.
  if (!fn.deadLetterQueue) acknowledge.add(fn, { id: 'HIPAA.Security-LambdaDLQ', reason: withoutQueue });
  if (reservedConcurrency === 0) {
    acknowledge.add(fn, { id: 'HIPAA.Security-LambdaConcurrency', reason: REASONS.noReservedConcurrency });
  }
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  acknowledge.add(
    fn.role,
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: REASONS.xrayResource },
    { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: REASONS.inlinePolicy },
  );
}

export function acknowledgeStatefulFindings(stack: StatefulStack): RecordedAcknowledgement[] {
  const acknowledge = new Acknowledger();
  acknowledgeFunction(
    acknowledge,
    stack.keyRotation.function,
    stack.settings.reservedConcurrency,
    REASONS.rotationDlq,
  );
  acknowledge.add(stack.backupSelection, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason: REASONS.backupManagedPolicy,
  });
  acknowledge.add(stack.recordsBucket, {
    id: 'HIPAA.Security-S3BucketReplicationEnabled',
    reason: REASONS.replication,
  });
  const scanRole = stack.malwareProtection.role;
  acknowledge.add(
    scanRole,
    {
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
      reason: REASONS.malwareScanManagedRule,
    },
    { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: REASONS.malwareScanPolicy },
  );
  acknowledge.addWhenResolved(
    scanRole,
    (render) =>
      `AwsSolutions-IAM5[Resource::${render(stack.recordsBucket.arnForObjects(`${RECORDS_PREFIX}*`))}]`,
    REASONS.malwareScanObjects,
  );
  acknowledge.add(
    stack.accessLogsBucket,
    { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: REASONS.replication },
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: REASONS.accessLogsEncryption },
  );
  return acknowledge.made;
}

export function acknowledgeStatelessFindings(stack: StatelessStack): RecordedAcknowledgement[] {
  const acknowledge = new Acknowledger();
  for (const fn of stack.functions.values())
    acknowledgeFunction(acknowledge, fn, stack.settings.reservedConcurrency, REASONS.lambdaDlq);

  // Records bucket object grants: on the records key space, for the handlers that touch files.
  for (const [name, fn] of stack.functions) {
    if (!HANDLER_PERMISSIONS[name]?.some((p) => p.startsWith('files:'))) continue;
    acknowledge.addWhenResolved(
      fn.role!,
      (render) =>
        `AwsSolutions-IAM5[Resource::${render(stack.recordsBucket.arnForObjects(`${RECORDS_PREFIX}*`))}]`,
      REASONS.recordObjects,
    );
  }

  // StopExecution on the state machine's executions, for the handlers that stop one (the console's cancel).
  for (const [name, fn] of stack.functions) {
    if (!HANDLER_PERMISSIONS[name]?.includes('workflow:stop')) continue;
    acknowledge.addWhenResolved(
      fn.role!,
      (render) =>
        `AwsSolutions-IAM5[Resource::${render(`${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:*`)}]`,
      REASONS.executions,
    );
  }

  // CDK's handler of the records bucket notification resource (StatelessStack.sendRecordsBucketEventsToEventBridge).
  const handlerRole = stack.recordsNotificationsHandler.node.tryFindChild('Role');
  const handlerPolicy = stack.recordsNotifications.node.scope?.node.tryFindChild('HandlerPolicy');
  if (!handlerRole || !handlerPolicy) throw new Error('The bucket notifications handler changed shape');
  acknowledge.add(handlerRole, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: REASONS.notificationsHandlerLogs,
  });
  acknowledge.add(handlerPolicy, {
    id: 'HIPAA.Security-IAMNoInlinePolicy',
    reason: REASONS.notificationsHandlerPolicy,
  });

  acknowledge.add(
    stack.stateMachine.role,
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: REASONS.stateMachineWildcards },
    { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: REASONS.inlinePolicy },
  );

  const cloudWatchRole = stack.api.node.tryFindChild('CloudWatchRole');
  if (!cloudWatchRole) throw new Error('The REST API has no CloudWatch role');
  acknowledge.add(cloudWatchRole, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason: REASONS.apiCloudWatchRole,
  });
  acknowledge.add(stack.api, { id: 'AwsSolutions-APIG2', reason: REASONS.apiBodyValidation });
  acknowledge.add(
    stack.api.deploymentStage,
    { id: 'HIPAA.Security-APIGWCacheEnabledAndEncrypted', reason: REASONS.apiCache },
    { id: 'HIPAA.Security-APIGWSSLEnabled', reason: REASONS.apiClientCertificate },
  );

  // Per route: open routes need no credential; the others check theirs in the handler.
  for (const method of stack.api.methods) {
    const route = ROUTES.find((r) => r.path === method.resource.path && r.method === method.httpMethod);
    if (!route) throw new Error(`No route for ${method.httpMethod} ${method.resource.path}`);
    const credential = ROUTE_CREDENTIALS[route.handler];
    if (!credential) {
      throw new Error(
        `No credential declared for route handler "${route.handler}": add it to ROUTE_CREDENTIALS`,
      );
    }
    const reason = CREDENTIAL_REASONS[credential];
    // The console's routes are authorized at the gateway (its Lambda authorizer): APIG4 holds for them.
    if (credential === 'console') acknowledge.add(method, { id: 'AwsSolutions-COG4', reason });
    else
      acknowledge.add(
        method,
        { id: 'AwsSolutions-APIG4', reason },
        {
          id: 'AwsSolutions-COG4',
          reason: credential === 'console-sign-in' ? REASONS.consoleCognito : REASONS.cognito,
        },
      );
  }
  return acknowledge.made;
}
