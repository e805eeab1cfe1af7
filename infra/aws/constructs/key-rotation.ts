import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SIGNING_KEY_ROTATION_FUNCTION } from '../../routes.js';
import { grantSecretRotation } from './function-grants.js';
import { handlerFunction } from './handler-function.js';

export interface KeyRotationProps {
  readonly secret: secretsmanager.ISecret;
  readonly key: kms.IKey;
  readonly rotationDays: number;
  readonly reservedConcurrency: number;
}

/**
 * The link-signing secret's rotation: its function (functions/handlers/rotate-signing-key.ts) and the schedule
 * Secrets Manager runs it on. Both live beside the secret, in the stateful stack: the schedule must name the
 * function, and the stateless stack already refers to the stateful one, so a function there would make a cycle.
 * The first deployment rotates at once (CloudFormation's RotateImmediatelyOnUpdate), turning a secret from
 * before rotation into the keyed format; links it signed still verify, as the previous version.
 */
export class KeyRotation extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly schedule: secretsmanager.CfnRotationSchedule;

  constructor(scope: Construct, id: string, props: KeyRotationProps) {
    super(scope, id);
    const { secret, key } = props;
    this.function = handlerFunction(this, {
      handler: SIGNING_KEY_ROTATION_FUNCTION,
      kind: 'rotation',
      key,
      timeout: Duration.seconds(30),
      environment: {},
      reservedConcurrency: props.reservedConcurrency,
    });
    grantSecretRotation(this.function, secret, key);
    // Only Secrets Manager, for this secret of this account, may invoke it.
    this.function.addPermission('InvokedBySecretsManager', {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceArn: secret.secretArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    // Not secret.addRotationSchedule(): its grants are wider than the function needs (function-grants.ts).
    this.schedule = new secretsmanager.CfnRotationSchedule(this, 'Schedule', {
      secretId: secret.secretArn,
      rotationLambdaArn: this.function.functionArn,
      rotationRules: { automaticallyAfterDays: props.rotationDays },
    });
    this.schedule.node.addDependency(this.function.node.findChild('InvokedBySecretsManager'));
    this.schedule.node.addDependency(this.function.role!);
  }
}
