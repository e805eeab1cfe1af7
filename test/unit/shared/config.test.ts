import '../../../functions/schemas/common.js';
import { ConfigError, parseConfig } from '../../../functions/shared/config.js';

describe('parseConfig', () => {
  it('reads each setting from its CONCORD_ variable, with defaults for the rest', () => {
    const config = parseConfig({
      CONCORD_MAX_OPINIONS: '4',
      CONCORD_PUBLIC_URL: 'https://concord.example.org/',
    });

    expect(config.maxOpinions).toBe(4);
    expect(config.publicUrl).toBe('https://concord.example.org');
    expect(config.approvalReminders).toBe(2);
  });

  it('names every bad variable and what is wrong with it', () => {
    const parse = () => parseConfig({ CONCORD_MAX_OPINIONS: '9', CONCORD_COORDINATOR_EMAIL: 'nobody' });

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(
      'Invalid configuration: CONCORD_COORDINATOR_EMAIL (Must be an email address), CONCORD_MAX_OPINIONS (Too big: expected number to be <=4)',
    );
  });
});

describe('the console settings', () => {
  it('take an https issuer, or http on the loopback address only', () => {
    expect(
      parseConfig({ CONCORD_OIDC_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc' })
        .oidcIssuer,
    ).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc');
    expect(parseConfig({ CONCORD_OIDC_ISSUER: 'http://127.0.0.1:8086' }).oidcIssuer).toBe(
      'http://127.0.0.1:8086',
    );
    for (const issuer of [
      'http://idp.example',
      'http://127.0.0.1.evil.example',
      'http://localhost@evil.example',
    ]) {
      expect(() => parseConfig({ CONCORD_OIDC_ISSUER: issuer })).toThrow('CONCORD_OIDC_ISSUER');
    }
  });

  it('default to Cognito’s groups claim, the concord/ scope prefix and 15-minute sessions within a 12-hour sign-in', () => {
    const config = parseConfig({});

    expect(config).toMatchObject({
      oidcRolesClaim: 'cognito:groups',
      oidcApiScopePrefix: 'concord/',
      oidcScopes: 'openid email profile',
      consoleSessionSeconds: 900,
      consoleSessionMaxSeconds: 43200,
    });
    expect(() => parseConfig({ CONCORD_OIDC_SCOPES: 'email profile' })).toThrow('CONCORD_OIDC_SCOPES');
  });
});
