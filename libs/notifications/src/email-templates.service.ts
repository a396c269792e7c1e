import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { Environment, FileSystemLoader } from 'nunjucks';
import { AppConfig, projectRoot } from '@dasv/config';

/** A template set's base name in libs/notifications/templates, e.g. 'invitation'. */
export type TemplateName = string;

/**
 * Each e-mail is three templates: `<name>.subject.njk`, `<name>.txt.njk` and `<name>.html.njk`
 * in libs/notifications/templates. HTML is autoescaped; the text part is not HTML at all.
 */
@Injectable()
export class EmailTemplatesService {
  private readonly html: Environment;
  private readonly text: Environment;

  constructor(private readonly config: AppConfig) {
    const dir = join(projectRoot(), 'libs', 'notifications', 'templates');
    this.html = new Environment(new FileSystemLoader(dir), { autoescape: true, throwOnUndefined: true });
    this.text = new Environment(new FileSystemLoader(dir), { autoescape: false, throwOnUndefined: true });
  }

  render(name: TemplateName, context: Record<string, unknown>): { subject: string; text: string; html: string } {
    const ctx = { publicUrl: this.config.publicUrl, ...context };
    return {
      subject: this.text.render(`${name}.subject.njk`, ctx).trim(),
      text: this.text.render(`${name}.txt.njk`, ctx),
      html: this.html.render(`${name}.html.njk`, ctx),
    };
  }
}
