import { AxeBuilder } from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

/** WCAG 2.2 AA: every page must pass axe-core's rules for these tags with no violations. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Debian's Chromium (installed by `npm test`), driven by playwright-core, which ships no browser.
 * Background networking, updates and QUIC are off so a test run makes no requests of its own.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the test app's API on a free port and returns its base URL (the browser needs a real socket). */
export async function serve(app: TestApp): Promise<string> {
  await app.api.listen(0, '127.0.0.1');
  const { port } = app.api.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** E-mailed links use PUBLIC_URL (http://localhost:3000 in tests); point one at the server under test. */
export function localUrl(link: string, baseUrl: string): string {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}`;
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core's WCAG 2.2 AA violations on the page as it stands, trimmed so a failing assertion reads
 * well. The page must come from `browser.newContext()`: AxeBuilder refuses `browser.newPage()`'s.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Only violations are read, so axe need not gather details of every passing node (much faster).
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_22_AA)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * A browser journey's timeout, from the pages it visits and checks (navigations, clicks that load a
 * page, axe runs): a fixed allowance for the browser and sign-in, then five seconds a step. One
 * timeout for every journey held long ones to what only an idle machine meets; on a loaded 2-core
 * machine a checked page took up to about three seconds.
 */
export function journeyBudget(steps: number): number {
  return 60_000 + steps * 5_000;
}
