import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@dasv/config';

/** Where the pages' one stylesheet is served; the layout links to it. */
export const STYLESHEET_PATH = '/assets/app/styles.css';

/**
 * nhsuk-frontend's stylesheet asks for the Frutiger web fonts on an NHS host outside this platform
 * (the package does not ship the font files). Waiting on that host held every page for seconds when it
 * was slow, so its @font-face rules are dropped: text falls back to the stylesheet's next fonts
 * (Arial, then the system's sans-serif), as NHS.UK pages do when the font cannot load. Any other
 * off-platform address would be a mistake, so it stops the start rather than slow the pages.
 */
export function selfHostedNhsukStylesheet(nhsukCss: string): string {
  const css = nhsukCss.replace(/@font-face\{[^}]*url\(https?:[^}]*\}/g, '');
  const external = /url\((?!["']?(?:\/|data:))[^)]*\)/.exec(css);
  if (external) throw new Error(`The NHS.UK stylesheet refers to ${external[0]}, outside this platform`);
  return css;
}

/**
 * The stylesheet every page loads: NHS.UK's (without off-platform fonts) and then this service's few
 * additions (apps/api/public/app.css), built once at start-up and served as one file.
 */
export function stylesheetHandler(): (req: Request, res: Response) => void {
  const nhsuk = readFileSync(join(projectRoot(), 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8');
  const own = readFileSync(join(projectRoot(), 'apps', 'api', 'public', 'app.css'), 'utf8');
  const body = `${selfHostedNhsukStylesheet(nhsuk.replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, ''))}\n${own}`;
  // Express adds an ETag and answers a revalidation with 304, as it does for the static files.
  return (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/css').send(body);
  };
}
