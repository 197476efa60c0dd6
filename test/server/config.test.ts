/**
 * Configuration from the environment: each bad value is refused with a
 * ConfigError naming the variable, and good values come through as given.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type Env } from '../../server/config.ts';

function refusal(env: Env): string {
  try {
    parseConfig(env, '/srv/briefdesk');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = parseConfig({}, '/srv/briefdesk');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/srv/briefdesk/data');
    expect(config.auth.adminPassword).toBeNull();
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '99999' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, /SQLITE_SYNCHRONOUS/],
    [{ MAX_FRAME_BYTES: '10' }, /MAX_FRAME_BYTES/],
    [{ DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL/],
    // Under the minimum length: an admin no one could set that password for.
    [{ BRIEFDESK_ADMIN_PASSWORD: 'x' }, /BRIEFDESK_ADMIN_PASSWORD: Passwords need at least/],
    // Over the maximum: an admin who could never sign in.
    [{ BRIEFDESK_ADMIN_PASSWORD: 'p'.repeat(201) }, /BRIEFDESK_ADMIN_PASSWORD: .*at most/],
  ])('refuses %j', (env, message) => {
    expect(refusal(env)).toMatch(message);
  });

  it('takes an admin password within the rules as given', () => {
    const config = parseConfig({ BRIEFDESK_ADMIN_PASSWORD: 'a long enough one' });
    expect(config.auth.adminPassword).toBe('a long enough one');
  });
});
