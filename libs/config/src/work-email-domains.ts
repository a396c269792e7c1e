/**
 * The rule for a work e-mail address: its domain is one of the configured domains or a subdomain
 * of one (nhs.uk covers xyz.nhs.uk). Leads, learners and staff lists are NHS staff; a personal
 * address would leak the directory and let anyone outside the NHS into the training figures.
 */
export class WorkEmailDomains {
  readonly domains: readonly string[];

  constructor(list: string) {
    this.domains = list
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean);
  }

  allows(email: string): boolean {
    const domain = email.trim().toLowerCase().split('@').pop() ?? '';
    return this.domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
  }

  /** "nhs.net or nhs.uk", for messages. */
  inWords(): string {
    const names = this.domains;
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? '');
  }
}
