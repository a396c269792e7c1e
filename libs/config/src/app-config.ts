import { ConfigurationError, Environment, SERVICE_SETTINGS } from './environment';
import { WorkEmailDomains } from './work-email-domains';

/** Typed view over the validated environment; the one object features inject. */
export class AppConfig {
  constructor(readonly env: Environment) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
  get isTest(): boolean {
    return this.env.NODE_ENV === 'test';
  }
  get databaseUrl(): string {
    return this.env.DATABASE_URL;
  }
  get redisUrl(): string {
    return this.required(SERVICE_SETTINGS.redis);
  }
  get redisPrefix(): string {
    return this.env.REDIS_PREFIX;
  }
  get smtpUrl(): string {
    return this.required(SERVICE_SETTINGS.smtp);
  }
  get mailFrom(): string {
    return this.env.MAIL_FROM;
  }
  /** The programme team's address for questions, shown on the footer's pages. */
  get contactEmail(): string {
    if (this.env.CONTACT_EMAIL) return this.env.CONTACT_EMAIL;
    const domain = /@([^>\s]+)>?\s*$/.exec(this.env.MAIL_FROM)?.[1] ?? 'dasv.localhost';
    return `support@${domain}`;
  }
  get publicUrl(): string {
    return this.env.PUBLIC_URL.replace(/\/+$/, '');
  }
  /** WORK_EMAIL_DOMAINS, or the older NOMINATION_EMAIL_DOMAINS when it is not set. */
  get workEmailDomains(): WorkEmailDomains {
    return new WorkEmailDomains(this.env.WORK_EMAIL_DOMAINS ?? this.env.NOMINATION_EMAIL_DOMAINS);
  }
  /** A setting of a service the process did not ask for at start-up (loadEnvironment's `services`): a bug, said plainly. */
  private required(name: (typeof SERVICE_SETTINGS)[keyof typeof SERVICE_SETTINGS]): string {
    const value = this.env[name];
    if (!value) throw new ConfigurationError([`${name}: this process was started without it`]);
    return value;
  }

  get trustProxy(): boolean {
    return this.env.TRUST_PROXY === 'true' || this.env.TRUST_PROXY === '1';
  }
}
