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
  secretRotation:
    'The signing secret is the HMAC key of signed links that stay valid for days (coordinator approvals, ' +
    'specialist and insurer links). Links are verified against the current key only, so an automatic ' +
    'rotation would silently invalidate every outstanding link. Rotation is a planned, manual procedure ' +
    'until verification accepts the previous key as well.',
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
    'Authorization Reference lists no resource types), so the statement must use "*". Added by tracing: ACTIVE.',
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
  noReservedConcurrency:
    'Reserved concurrency was turned off for this deployment (context reservedConcurrency=0) because the ' +
    'account\u2019s Lambda concurrency quota cannot reserve any (Lambda keeps 100 unreserved; new accounts ' +
    'may start at 10). Stage throttling and the WAF rate rules still bound the load.',
  cognito:
    'Concord has no user accounts and so no Cognito user pool: patients and referring physicians use the ' +
    'case access token shown once at intake, coordinators, specialists and insurers use signed single-use ' +
    'links, admins use IAM (DESIGN.md \u00a75).',
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
  signedReportLink:
    'The credential is the link itself: the case id plus an HMAC over id, purpose ("reports") and expiry, keyed ' +
    'by the Secrets Manager signing secret, emailed only to the patient and referring physician. The handler ' +
    'verifies the signature and expiry before reading anything (403/410) and only renders (GET/HEAD).',
  recordObjects:
    'Object-level S3 actions can only name object ARNs, and record keys are generated per upload ' +
    '(cases/{caseId}/records/{type}/{uuid}), so the records key space cases/* is the narrowest fixed scope. ' +
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
  signedUploadLink:
    'The credential is the link itself: an opaque id plus an HMAC over id, purpose and expiry, keyed by the ' +
    'Secrets Manager signing secret. The handler verifies the signature and expiry before reading anything ' +
    '(403/410) and only renders (GET/HEAD, no writes). The files never pass through the API: each form on the ' +
    'page is an S3 presigned POST bound to one fresh key under cases/{caseId}/, a size range and a short ' +
    'expiry, so S3 authorizes every upload.',
} as const;

/** How each route handler authenticates its caller (DESIGN.md \u00a75). A new route handler must be listed. */
export const ROUTE_CREDENTIALS: Readonly<
  Record<string, 'none' | 'case-token' | 'signed-link' | 'signed-upload-link' | 'signed-report-link'>
> = {
  health: 'none',
  openapi: 'none',
  'create-case': 'none',
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
  'report-link': 'signed-report-link',
  'report-pdf': 'signed-report-link',
};

const CREDENTIAL_REASONS = {
  none: REASONS.openRoute,
  'case-token': REASONS.caseToken,
  'signed-link': REASONS.signedLink,
  'signed-upload-link': REASONS.signedUploadLink,
  'signed-report-link': REASONS.signedReportLink,
} as const;

export function acknowledgeStatefulFindings(stack: StatefulStack): RecordedAcknowledgement[] {
  const acknowledge = new Acknowledger();
  acknowledge.add(
    stack.signingSecret,
    { id: 'AwsSolutions-SMG4', reason: REASONS.secretRotation },
    { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: REASONS.secretRotation },
  );
  acknowledge.add(stack.backupSelection, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason: REASONS.backupManagedPolicy,
  });
  acknowledge.add(stack.recordsBucket, {
    id: 'HIPAA.Security-S3BucketReplicationEnabled',
    reason: REASONS.replication,
  });
  acknowledge.add(
    stack.accessLogsBucket,
    { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: REASONS.replication },
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: REASONS.accessLogsEncryption },
  );
  return acknowledge.made;
}

export function acknowledgeStatelessFindings(stack: StatelessStack): RecordedAcknowledgement[] {
  const acknowledge = new Acknowledger();
  for (const fn of stack.functions.values()) {
    acknowledge.add(
      fn,
      { id: 'AwsSolutions-L1', reason: REASONS.lambdaRuntime },
      { id: 'HIPAA.Security-LambdaInsideVPC', reason: REASONS.lambdaVpc },
    );
    // Asynchronously invoked functions (record-uploaded, by S3) have a real dead-letter queue.
    if (!fn.deadLetterQueue) {
      acknowledge.add(fn, { id: 'HIPAA.Security-LambdaDLQ', reason: REASONS.lambdaDlq });
    }
    if (stack.settings.reservedConcurrency === 0) {
      acknowledge.add(fn, { id: 'HIPAA.Security-LambdaConcurrency', reason: REASONS.noReservedConcurrency });
    }
    if (!fn.role) throw new Error(`${fn.node.path} has no role`);
    acknowledge.add(
      fn.role,
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: REASONS.xrayResource },
      { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: REASONS.inlinePolicy },
    );
  }

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

  // CDK's handler of the records bucket notification resource (see StatelessStack.notifyRecordUploads).
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
    acknowledge.add(
      method,
      { id: 'AwsSolutions-APIG4', reason },
      { id: 'AwsSolutions-COG4', reason: REASONS.cognito },
    );
  }
  return acknowledge.made;
}
