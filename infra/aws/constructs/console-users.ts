import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The console's roles: Cognito groups for people, resource-server scopes (`concord/<role>`) for programs. */
export const CONSOLE_ROLES = ['coordinator', 'admin'] as const;
/** The resource server programs ask scopes of: `concord/coordinator`, `concord/admin`. */
export const CONSOLE_RESOURCE_SERVER = 'concord';

export interface ConsoleUsersProps {
  /** The hosted sign-in domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`); unique in the region. */
  readonly domainPrefix?: string;
}

/**
 * The console's people and programs on AWS, when the deployer brings no OpenID Connect provider of their own:
 * a Cognito user pool that only an administrator adds people to (no self sign-up), with MFA required (an
 * authenticator app), threat protection enforced, a hosted sign-in domain, the groups `coordinator` and
 * `admin`, and the resource server `concord` whose scopes programs' client-credentials app clients are given.
 * Accounts are state: the pool is retained and deletion-protected, in the stateful stack.
 */
export class ConsoleUsers extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly domain: cognito.UserPoolDomain;
  public readonly resourceServer: cognito.UserPoolResourceServer;
  /** The scopes programs are granted, by role. */
  public readonly scopes: Readonly<Record<(typeof CONSOLE_ROLES)[number], cognito.ResourceServerScope>>;

  constructor(scope: Construct, id: string, props: ConsoleUsersProps = {}) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of CONSOLE_ROLES) {
      new cognito.CfnUserPoolGroup(this, `${role[0]!.toUpperCase()}${role.slice(1)}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Concord console: ${role}`,
      });
    }
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `concord-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    const coordinator = new cognito.ResourceServerScope({
      scopeName: 'coordinator',
      scopeDescription: 'Read the work queue and cases, and decide pending steps',
    });
    const admin = new cognito.ResourceServerScope({
      scopeName: 'admin',
      scopeDescription: 'Keep the directory',
    });
    this.scopes = { coordinator, admin };
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: CONSOLE_RESOURCE_SERVER,
      userPoolResourceServerName: 'Concord console',
      scopes: [coordinator, admin],
    });
  }

  /** The issuer the console's functions trust (its discovery document and keys are under it). */
  get issuer(): string {
    return `https://cognito-idp.${Aws.REGION}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /**
   * The console's own app client: public (no secret), authorization code with PKCE, its callback and
   * sign-out URLs; refresh tokens for session renewal.
   */
  addConsoleClient(scope: Construct, id: string, publicUrl: string): cognito.UserPoolClient {
    return new cognito.UserPoolClient(scope, id, {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${publicUrl}/console/callback`],
        logoutUrls: [`${publicUrl}/console/sign-out`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
    });
  }

  /**
   * A program's app client: client credentials (a secret), with the scopes of its roles. How a deployer adds
   * one (an EHR worklist, say): `consoleUsers.addProgramClient(this, 'Worklist', ['coordinator'])`.
   */
  addProgramClient(
    scope: Construct,
    id: string,
    roles: ReadonlyArray<(typeof CONSOLE_ROLES)[number]>,
  ): cognito.UserPoolClient {
    return new cognito.UserPoolClient(scope, id, {
      userPool: this.userPool,
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: roles.map((role) =>
          cognito.OAuthScope.resourceServer(this.resourceServer, this.scopes[role]),
        ),
      },
      accessTokenValidity: Duration.minutes(15),
    });
  }
}
