import { ConfigurationError, loadEnvironment } from '../environment';

const valid = {
  DATABASE_URL: 'postgres://dasv:secret-password@localhost:5432/dasv',
  REDIS_URL: 'redis://localhost:6379',
  SMTP_URL: 'smtp://localhost:1025',
  SESSION_SECRET: 'x'.repeat(40),
};

describe('configuration', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnvironment({ ...valid, API_PORT: '8080' });
    expect(env.API_PORT).toBe(8080);
    expect(env.NODE_ENV).toBe('development');
    expect(env.REDIS_PREFIX).toBe('dasv');
  });

  it('fails once, naming every bad variable, without printing secret values', () => {
    let error: unknown;
    try {
      loadEnvironment({ DATABASE_URL: 'mysql://root:hunter2@db/x', SESSION_SECRET: 'short-secret', API_PORT: 'eighty', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const { problems, message } = error as ConfigurationError;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['API_PORT', 'DATABASE_URL', 'NODE_ENV', 'REDIS_URL', 'SESSION_SECRET', 'SMTP_URL']);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('short-secret');
  });
});

describe('configuration of a process that uses only some services', () => {
  it('needs only DATABASE_URL when it uses nothing else, and the API and worker still need everything', () => {
    const env = loadEnvironment({ DATABASE_URL: valid.DATABASE_URL }, []);
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
    expect(() => loadEnvironment({ DATABASE_URL: valid.DATABASE_URL })).toThrow(ConfigurationError);
  });

  it('still refuses a bad value of a setting it does not need, and requires the ones it does', () => {
    const problems = (source: NodeJS.ProcessEnv, services: Parameters<typeof loadEnvironment>[1]) => {
      try {
        loadEnvironment(source, services);
        return [];
      } catch (e) {
        return (e as ConfigurationError).problems.map((p) => p.split(':')[0]).sort();
      }
    };
    expect(problems({ DATABASE_URL: valid.DATABASE_URL, REDIS_URL: 'http://cache' }, [])).toEqual(['REDIS_URL']);
    expect(problems({ DATABASE_URL: valid.DATABASE_URL }, ['redis'])).toEqual(['REDIS_URL']);
    expect(problems({}, [])).toEqual(['DATABASE_URL']);
  });
});
