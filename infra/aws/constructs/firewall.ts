import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ROUTES } from '../../routes.js';
import { STAGE_NAME } from './api.js';
import { Group } from './group.js';
import { encryptedLogGroup } from './log-group.js';

/** Routes that create cases: the WAF limits them per client IP far below everything else. */
const INTAKE_HANDLERS = new Set(['create-case', 'intake-submit']);

export interface FirewallProps {
  /** The API stage the web ACL guards. */
  readonly stageArn: string;
  /** Encrypts the WAF log. */
  readonly key: kms.IKey;
}

/**
 * The WAF web ACL in front of the API: a rate limit per client IP, a far lower one on intake, and AWS's
 * common and known-bad-inputs rule sets; it logs what it blocked or counted, without credentials.
 */
export class Firewall extends Group {
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const stackName = stack.stackName;
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      // Sampled requests show full headers (bearer tokens) in the console: keep them off.
      sampledRequestsEnabled: false,
    });
    const managed = (
      priority: number,
      name: string,
      excluded: string[] = [],
    ): wafv2.CfnWebACL.RuleProperty => ({
      name: `AWS-${name}`,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: excluded.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
        },
      },
      visibilityConfig: visibility(name),
    });
    const intakePaths = ROUTES.filter(
      (route) => INTAKE_HANDLERS.has(route.handler) && route.method === 'POST',
    );
    if (intakePaths.length === 0) throw new Error('No intake route to rate-limit');
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${stackName}-webacl`),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { aggregateKeyType: 'IP', limit: 1000, evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        {
          name: 'IntakeRateLimitPerIp',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: 20,
              evaluationWindowSec: 300,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    intakePaths.length === 1
                      ? pathMatch(intakePaths[0]!.path)
                      : { orStatement: { statements: intakePaths.map((route) => pathMatch(route.path)) } },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('IntakeRateLimitPerIp'),
        },
        // The intake may exceed the common rule set's 8 KB body limit; the handler caps bodies at 1 MiB.
        managed(2, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF requires the aws-waf-logs- prefix, so this is the one named log group. Like all logs it is retained
    // when the stack is deleted: delete or rename it before recreating the stack.
    const wafLogs = encryptedLogGroup(this, 'WebAclLogs', props.key, `aws-waf-logs-${stackName}`);
    new wafv2.CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the trailing ":*".
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Credentials never reach the log: bearer tokens, cookies, and the query string, which carries links' `sig`.
      redactedFields: [
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'cookie' } },
        { queryString: {} },
      ],
      // Only what WAF blocked or counted: allowed traffic is already in the API access log.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
  }
}

/**
 * Matches a route path, with path parameters as wildcards: anchored, with or without the stage prefix
 * (execute-api URLs carry it; a custom domain's base path mapping does not).
 */
function pathMatch(path: string): wafv2.CfnWebACL.StatementProperty {
  // `/` too: its trailing slash is the optional one, so POST /v1 (the stage's root) is matched.
  const pattern = `^(/${STAGE_NAME})?${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\/$/, '')}/?$`;
  return {
    regexMatchStatement: {
      fieldToMatch: { uriPath: {} },
      regexString: pattern,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
}
