import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack } from 'cdk-nag';
import { buildConcordApp } from '../../infra/aws/app.js';

/** The stacks without bundling the functions (their code is not what these tests are about). */
const build = (context: Record<string, unknown> = {}) =>
  buildConcordApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } });

function findings(pack: NagPack, stack: Stack): string[] {
  return pack
    .validateScope(stack)
    .violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath}`),
    );
}

const consoleFunction = (template: Template) =>
  Object.values(template.findResources('AWS::Lambda::Function')).find((fn) =>
    JSON.stringify(fn).includes('console-queue'),
  ) as { Properties: { Environment: { Variables: Record<string, unknown> } } } | undefined;

describe('the console on AWS: a Cognito user pool', () => {
  const built = build({ publicUrl: 'https://concord.example.org/v1', cognitoDomainPrefix: 'concord-test' });
  const stateful = Template.fromStack(built.stateful);
  const stateless = Template.fromStack(built.stateless);

  it('admits only people an administrator adds, with MFA required and threat protection enforced, kept on deletion', () => {
    stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
      }),
    });
  });

  it('has the groups coordinator and admin, a hosted domain, and the resource server concord with their scopes', () => {
    for (const group of ['coordinator', 'admin'])
      stateful.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'concord-test' });
    stateful.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'concord',
      Scopes: [Match.objectLike({ ScopeName: 'coordinator' }), Match.objectLike({ ScopeName: 'admin' })],
    });
  });

  it('gives the console a public app client (code + PKCE, no secret) returning to /console/callback', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email', 'profile']),
      CallbackURLs: ['https://concord.example.org/v1/console/callback'],
      LogoutURLs: ['https://concord.example.org/v1/console/sign-out'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(
      stateless.findResources('AWS::Cognito::UserPoolClient', { Properties: { GenerateSecret: true } }),
    ).toEqual({});
  });

  it("passes the pool's issuer, the client id and the groups claim to the console functions", () => {
    const variables = consoleFunction(stateless)!.Properties.Environment.Variables;
    expect(JSON.stringify(variables.CONCORD_OIDC_ISSUER)).toContain('cognito-idp.');
    expect(variables.CONCORD_OIDC_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^ConsoleClient/) });
    expect(variables.CONCORD_OIDC_ROLES_CLAIM).toBe('cognito:groups');
  });

  it('leaves cdk-nag nothing unacknowledged on either stack', () => {
    for (const pack of [new AwsSolutionsChecks(), new HIPAASecurityChecks()]) {
      expect(findings(pack, built.stateful)).toEqual([]);
      expect(findings(pack, built.stateless)).toEqual([]);
    }
  });

  it('makes a program a client-credentials app client with the scopes of its roles', () => {
    const fresh = build();
    fresh.stateful.consoleUsers!.addProgramClient(fresh.stateful, 'WorklistClient', ['coordinator']);
    Template.fromStack(fresh.stateful).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      // `<resource server identifier>/coordinator`: the identifier is the resource server's Ref (`concord`).
      AllowedOAuthScopes: [
        { 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('ResourceServer') }, '/coordinator']] },
      ],
    });
  });
});

describe("the console on AWS with the deployer's own OpenID Connect provider", () => {
  const issuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0';

  it('makes no user pool and passes the provider, the client id and the roles claim to the console functions', () => {
    const built = build({ oidcIssuer: issuer, oidcClientId: 'concord-console', oidcRolesClaim: 'roles' });

    expect(Template.fromStack(built.stateful).findResources('AWS::Cognito::UserPool')).toEqual({});
    expect(Template.fromStack(built.stateless).findResources('AWS::Cognito::UserPoolClient')).toEqual({});
    expect(
      consoleFunction(Template.fromStack(built.stateless))!.Properties.Environment.Variables,
    ).toMatchObject({
      CONCORD_OIDC_ISSUER: issuer,
      CONCORD_OIDC_CLIENT_ID: 'concord-console',
      CONCORD_OIDC_ROLES_CLAIM: 'roles',
    });
  });

  it('refuses an issuer without its client id, and an issuer that is not https', () => {
    expect(() => build({ oidcIssuer: issuer })).toThrow(/oidcIssuer and oidcClientId go together/);
    expect(() => build({ oidcIssuer: 'http://idp.example.com', oidcClientId: 'c' })).toThrow(/oidcIssuer/);
  });
});
