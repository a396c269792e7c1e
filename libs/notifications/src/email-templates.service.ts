import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Environment, FileSystemLoader } from 'nunjucks';
import { AppConfig, projectRoot } from '@dasv/config';

/** A template set's base name in libs/notifications/templates, e.g. 'invitation'. */
export type TemplateName = string;

/** Said under every e-mail whose template set has no `<name>.reason.njk` of its own. */
export const DEFAULT_EMAIL_REASON = 'You are receiving this because this e-mail address is used on DASV Network.';

/**
 * Mail clients drop <style> blocks unevenly (Gmail in some views, Outlook's Word engine in others),
 * so each element of a template's body gets its NHS.UK-like style inline, unless it has one.
 */
const INLINE_STYLES: Record<string, string> = {
  p: 'margin:0 0 16px 0;font-size:16px;line-height:1.5;',
  ul: 'margin:0 0 16px 0;padding-left:20px;',
  ol: 'margin:0 0 16px 0;padding-left:20px;',
  li: 'margin:0 0 8px 0;',
  h2: 'margin:24px 0 8px 0;font-size:20px;line-height:1.3;font-weight:bold;color:#212b32;',
  a: 'color:#005eb8;text-decoration:underline;',
  blockquote: 'margin:0 0 16px 0;padding:0 0 0 16px;border-left:4px solid #768692;',
};

function inlineStyles(html: string): string {
  return html.replace(/<(p|ul|ol|li|h2|a|blockquote)(\s[^>]*)?>/g, (tag: string, name: string, attributes: string | undefined) =>
    attributes?.includes('style=') ? tag : `<${name} style="${INLINE_STYLES[name]}"${attributes ?? ''}>`,
  );
}

/**
 * Each e-mail is three templates: `<name>.subject.njk`, `<name>.txt.njk` and `<name>.html.njk` in
 * libs/notifications/templates, and optionally `<name>.reason.njk`, the line saying why the person
 * is receiving it. Every e-mail is sent in one layout (`_layout.html.njk` around the HTML part,
 * `_layout.txt.njk` around the plain-text part), which adds the service's name and that reason, so
 * no template can be sent unbranded. HTML is autoescaped; the text part is not HTML at all.
 */
@Injectable()
export class EmailTemplatesService {
  private readonly html: Environment;
  private readonly text: Environment;
  private readonly hasReason = new Map<TemplateName, boolean>();
  private readonly dir = join(projectRoot(), 'libs', 'notifications', 'templates');

  constructor(private readonly config: AppConfig) {
    const dir = this.dir;
    this.html = new Environment(new FileSystemLoader(dir), { autoescape: true, throwOnUndefined: true });
    this.text = new Environment(new FileSystemLoader(dir), { autoescape: false, throwOnUndefined: true });
  }

  render(name: TemplateName, context: Record<string, unknown>): { subject: string; text: string; html: string } {
    const ctx = { publicUrl: this.config.publicUrl, ...context };
    const subject = this.text.render(`${name}.subject.njk`, ctx).trim();
    const reason = this.reasonOf(name, ctx);
    const layout = { publicUrl: this.config.publicUrl, subject, reason };
    return {
      subject,
      text: this.text.render('_layout.txt.njk', { ...layout, body: this.text.render(`${name}.txt.njk`, ctx) }),
      html: this.html.render('_layout.html.njk', { ...layout, body: inlineStyles(this.html.render(`${name}.html.njk`, ctx)) }),
    };
  }

  private reasonOf(name: TemplateName, ctx: Record<string, unknown>): string {
    let exists = this.hasReason.get(name);
    if (exists === undefined) this.hasReason.set(name, (exists = existsSync(join(this.dir, `${name}.reason.njk`))));
    return exists ? this.text.render(`${name}.reason.njk`, ctx).trim() : DEFAULT_EMAIL_REASON;
  }
}
