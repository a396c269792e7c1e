import { plainToInstance, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every setting the platform reads, validated once at boot. Only this library reads process.env.
 * Secrets are listed in SECRET_VARIABLES so that they are never printed, even in a validation error.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  /** Key prefix for BullMQ and sessions, so test runs and a dev instance can share one Redis. */
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'REDIS_PREFIX must be 1-40 letters, digits, _ or -' })
  REDIS_PREFIX = 'dasv';

  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL!: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'DASV Network <no-reply@dasv.localhost>';

  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an absolute http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Set when a TLS-terminating proxy sits in front: session cookies become Secure. */
  @IsOptional()
  @IsIn(['true', 'false', '0', '1'])
  TRUST_PROXY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  GRAPHQL_MAX_DEPTH = 8;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COMPLEXITY = 5000;

  /** Top-level fields one request may ask for (aliases count separately): each is a separate piece of work. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ROOT_FIELDS = 20;

  /** How often one field may be asked for under different aliases in one selection. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGN_IN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGN_IN_LOCKOUT_MINUTES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  INVITATION_TTL_HOURS = 24 * 7;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /**
   * Where nominated DASV leads' e-mail addresses may be, comma-separated: each domain or any of its
   * subdomains (nhs.uk covers xyz.nhs.uk). Leads are NHS staff; a personal address would leak the directory.
   */
  @Matches(/^\s*[a-z0-9-]+(\.[a-z0-9-]+)+\s*(,\s*[a-z0-9-]+(\.[a-z0-9-]+)+\s*)*$/i, {
    message: 'NOMINATION_EMAIL_DOMAINS must be a comma-separated list of domains, like nhs.net,nhs.uk',
  })
  NOMINATION_EMAIL_DOMAINS = 'nhs.net,nhs.uk';

  /**
   * Where any work address may be (nominated leads, self-registered learners, staff lists), in the
   * same form. Unset: NOMINATION_EMAIL_DOMAINS, the older name for the same rule, which keeps working.
   */
  @IsOptional()
  @Matches(/^\s*[a-z0-9-]+(\.[a-z0-9-]+)+\s*(,\s*[a-z0-9-]+(\.[a-z0-9-]+)+\s*)*$/i, {
    message: 'WORK_EMAIL_DOMAINS must be a comma-separated list of domains, like nhs.net,nhs.uk',
  })
  WORK_EMAIL_DOMAINS?: string;

  /** Self-registrations accepted from one IP address per hour: NHS sites share a few addresses behind NAT, so not too few. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTRATIONS_PER_IP_PER_HOUR = 100;

  /**
   * Course reminders are sent in batches of this many learners, at most one batch per interval for
   * each run and per sweep overall: the e-mail queue stays short enough for password resets and
   * invitations to go out promptly while a national run is under way.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  COURSE_REMINDER_BATCH_SIZE = 500;

  /** Seconds between batches of course reminders (and between the sweeps that send them). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  COURSE_REMINDER_INTERVAL_SECONDS = 60;

  /** Days after someone is asked to take a course (or starts it) before they may be reminded about it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  COURSE_REMINDER_GRACE_DAYS = 14;

  /**
   * Bearer token Prometheus presents for the API's /metrics. In production /metrics is not served
   * without one; in development and tests it is open unless one is set.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsEmail()
  SEED_ADMIN_EMAIL?: string;

  /** Where the footer's contact, help and privacy pages send people (default: support@ the MAIL_FROM domain). */
  @IsOptional()
  @IsEmail({}, { message: 'CONTACT_EMAIL must be an e-mail address' })
  CONTACT_EMAIL?: string;

  @IsOptional()
  @IsString()
  MIGRATIONS_DIR?: string;
}

export const SECRET_VARIABLES: ReadonlySet<string> = new Set(['SESSION_SECRET', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'METRICS_TOKEN']);

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * The services beyond PostgreSQL a process may use, each with the setting it cannot run without.
 * Every process validates the whole environment, but only the services it names must be configured:
 * `orgs:import` touches nothing but the database and runs from a shell with only DATABASE_URL set.
 */
export const SERVICE_SETTINGS = { redis: 'REDIS_URL', smtp: 'SMTP_URL', sessions: 'SESSION_SECRET' } as const;
export type ConfiguredService = keyof typeof SERVICE_SETTINGS;
/** The API and the worker: everything. */
export const ALL_SERVICES: readonly ConfiguredService[] = ['redis', 'smtp', 'sessions'];

export function loadEnvironment(source: NodeJS.ProcessEnv = process.env, services: readonly ConfiguredService[] = ALL_SERVICES): Environment {
  const known = Object.keys(new Environment());
  const picked: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'REDIS_URL',
    'SMTP_URL',
    'SESSION_SECRET',
    'TRUST_PROXY',
    'SEED_ADMIN_EMAIL',
    'CONTACT_EMAIL',
    'MIGRATIONS_DIR',
    'WORK_EMAIL_DOMAINS',
    'METRICS_TOKEN',
  ]) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  // A setting of an unused service may be left out; given, it must still be valid.
  const optional = new Set<string>(
    Object.entries(SERVICE_SETTINGS)
      .filter(([service]) => !services.includes(service as ConfiguredService))
      .map(([, name]) => name),
  );
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false }).filter(
    (e) => !(optional.has(e.property) && picked[e.property] === undefined),
  );
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((e) => {
        const reasons = Object.values(e.constraints ?? {}).join('; ');
        return SECRET_VARIABLES.has(e.property) ? `${e.property}: ${reasons} (value hidden)` : `${e.property}: ${reasons}`;
      }),
    );
  }
  return env;
}

/** Migrations need only the database: `npm run migrate` works before the rest is configured. */
export class MigrationEnvironment {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsOptional()
  @IsString()
  MIGRATIONS_DIR?: string;
}

export function loadMigrationEnvironment(source: NodeJS.ProcessEnv = process.env): MigrationEnvironment {
  const env = plainToInstance(MigrationEnvironment, { DATABASE_URL: source.DATABASE_URL, MIGRATIONS_DIR: source.MIGRATIONS_DIR || undefined });
  const errors = validateSync(env);
  if (errors.length) throw new ConfigurationError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (value hidden)`));
  return env;
}
