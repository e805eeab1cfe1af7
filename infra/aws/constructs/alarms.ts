import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { Group } from './group.js';
import { pascal } from './names.js';

export interface AlarmsProps {
  /** Encrypts the alarm topic. */
  readonly key: kms.IKey;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
  readonly stateMachine: sfn.IStateMachine;
  readonly api: apigateway.RestApiBase;
  readonly recordUploadsDeadLetterQueue: sqs.IQueue;
  /** Every function, by handler name. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
}

/**
 * What tells the team something went wrong: a failed execution, API 5XX answers, an upload that could not be
 * checked, any function's error; each on the first occurrence in five minutes, to one encrypted topic.
 */
export class Alarms extends Group {
  public readonly topic: sns.Topic;
  public readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Concord alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.topic.addSubscription(new snsSubscriptions.EmailSubscription(props.alarmEmail));
    }
    const action = new cloudwatchActions.SnsAction(this.topic);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      return created;
    };
    const period = Duration.minutes(5);
    this.alarms = [
      alarm(
        'StateMachineFailedAlarm',
        props.stateMachine.metricFailed({ period, statistic: 'Sum' }),
        'A second-opinion execution failed (the case is marked needs-attention)',
      ),
      alarm(
        'Api5xxAlarm',
        props.api.metricServerError({ period, statistic: 'Sum' }),
        'The API returned 5XX responses',
      ),
      alarm(
        'RecordUploadedDeadLetterAlarm',
        props.recordUploadsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: 'Maximum',
        }),
        'A records bucket upload could not be checked after retries: its event is in the dead-letter queue',
      ),
      ...[...props.functions].map(([name, fn]) =>
        alarm(
          `${pascal(name)}ErrorsAlarm`,
          fn.metricErrors({ period, statistic: 'Sum' }),
          `Lambda ${name} errors`,
        ),
      ),
    ];
  }
}
