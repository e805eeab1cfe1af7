import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLING, LAMBDA_RUNTIME, REPO_ROOT } from '../lambda-bundling.js';
import { encryptedLogGroup } from './log-group.js';
import { pascal } from './names.js';

export interface HandlerFunctionProps {
  /** File name under functions/handlers, without extension. */
  readonly handler: string;
  /** What invokes it, for the description: route, workflow, event (S3), rotation (Secrets Manager). */
  readonly kind: string;
  /** Encrypts its log group. */
  readonly key: kms.IKey;
  readonly timeout: Duration;
  readonly environment: Readonly<Record<string, string>>;
  /** 0 or absent: none reserved. */
  readonly reservedConcurrency?: number;
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * One Concord Lambda: bundled from functions/handlers, arm64, traced, JSON logs to an encrypted log group of its
 * own, and a role of its own that may write only there (no AWSLambdaBasicExecutionRole, which may write to any
 * log group). Its grants are made by whoever declares it. Ids: `<Handler>Function`, `…Logs`, `…Role`.
 */
export function handlerFunction(scope: Construct, props: HandlerFunctionProps): nodejs.NodejsFunction {
  const id = `${pascal(props.handler)}Function`;
  const logGroup = encryptedLogGroup(scope, `${id}Logs`, props.key);
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Concord ${props.handler} Lambda`,
  });
  logGroup.grantWrite(role);
  return new nodejs.NodejsFunction(scope, id, {
    description: `Concord ${props.kind} handler ${props.handler}`,
    entry: join(REPO_ROOT, 'functions', 'handlers', `${props.handler}.ts`),
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
    runtime: LAMBDA_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 512,
    timeout: props.timeout,
    deadLetterQueue: props.deadLetterQueue,
    reservedConcurrentExecutions: props.reservedConcurrency || undefined,
    tracing: lambda.Tracing.ACTIVE,
    // Lambda's advanced logging controls: JSON lines, and the level functions/shared/logger.ts honours.
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    logGroup,
    role,
    environment: props.environment,
    bundling: LAMBDA_BUNDLING,
  });
}
