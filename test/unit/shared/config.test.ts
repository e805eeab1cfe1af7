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
