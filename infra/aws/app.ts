import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import {
  acknowledgeStatefulFindings,
  acknowledgeStatelessFindings,
  type RecordedAcknowledgement,
} from './nag-suppressions.js';
import { StatefulStack } from './stateful-stack.js';
import { settingsFromContext } from './settings.js';
import { StatelessStack } from './stateless-stack.js';

/**
 * Feature flags this app relies on, as defaults (cdk.json and `-c` still win); all are in the set
 * `cdk init` recommends for new projects.
 */
export const FEATURE_FLAGS = {
  // Server access logs are granted by bucket policy, not by the legacy LogDeliveryWrite ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // The access log destination is the log group ARN without the trailing ":*".
  '@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard': true,
  '@aws-cdk/aws-apigateway:requestValidatorUniqueId': true,
  // Fn::GetStackOutput instead of exports: the stateful stack can change what it shares without a
  // "deadly embrace" with the stateless stack. Its resources are retained and deletion-protected anyway.
  '@aws-cdk/core:defaultCrossStackReferences': 'weak',
} as const;

export interface ConcordApp {
  app: App;
  stateful: StatefulStack;
  stateless: StatelessStack;
  /** Every cdk-nag finding accepted, with its reason (infra/aws/nag-suppressions.ts). */
  acknowledgements: RecordedAcknowledgement[];
}

/**
 * The whole CDK app: both stacks, env-agnostic (no lookups, no credentials needed to synthesize), with the
 * cdk-nag AwsSolutions and HIPAA Security packs as synthesis-time validation plugins.
 */
export function buildConcordApp(props: AppProps = {}): ConcordApp {
  const app = new App({ ...props, context: { ...FEATURE_FLAGS, ...props.context } });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
  );

  const settings = settingsFromContext(app);
  const stateful = new StatefulStack(app, 'ConcordStateful', {
    description:
      'Concord: KMS key, case table, records bucket, signing secret and its rotation, backups, console users',
    settings,
    // The deployer's own OpenID Connect provider replaces the Cognito user pool.
    ...(settings.consoleIdentity
      ? {}
      : {
          consoleUsers: settings.cognitoDomainPrefix ? { domainPrefix: settings.cognitoDomainPrefix } : {},
        }),
  });
  const stateless = new StatelessStack(app, 'ConcordStateless', {
    description: 'Concord: functions, workflow, REST API with WAF, SES identity, alarms',
    table: stateful.table,
    recordsBucket: stateful.recordsBucket,
    key: stateful.key,
    signingSecret: stateful.signingSecret,
    keyRotationFunction: stateful.keyRotation.function,
    ...(stateful.consoleUsers ? { consoleUsers: stateful.consoleUsers } : {}),
    settings,
  });

  const acknowledgements = [
    ...acknowledgeStatefulFindings(stateful),
    ...acknowledgeStatelessFindings(stateless),
  ];
  return { app, stateful, stateless, acknowledgements };
}

// `cdk synth` runs this file; the App synthesizes itself on exit when the CLI started it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildConcordApp();
}
