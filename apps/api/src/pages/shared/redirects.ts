import type { Request } from 'express';

/**
 * A path on this site, or the fallback. The candidate is normalised by the WHATWG URL parser (the
 * one browsers use) against our public origin, and only a path that stays on that origin is kept.
 * Checking the raw string is not enough: the parser turns "/.//evil.example", "/..//evil.example",
 * "/%2e//evil.example", "/a/..//evil.example", "/./\evil.example" and "/\t/evil.example" into the
 * path "//evil.example", which a browser reads as another host when it is sent back as a Location.
 * So the normalised path must itself be one that cannot leave the origin, re-parsed to be sure.
 */
export function localPath(path: unknown, origin: string, fallback = '/'): string {
  if (typeof path !== 'string' || !path.startsWith('/')) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(path, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const local = `${url.pathname}${url.search}`;
  if (!local.startsWith('/') || local.startsWith('//')) return fallback;
  const again = new URL(local, base);
  return again.origin === base.origin && `${again.pathname}${again.search}` === local ? local : fallback;
}

/** Where to go after signing in: the page asked for, as long as it is ours and not sign-in itself. */
export function afterSignIn(next: unknown, origin: string, fallback = '/'): string {
  const path = localPath(next, origin, fallback);
  return path.startsWith('/sign-in') ? fallback : path;
}

export function signInUrl(req: Request): string {
  // After a refused POST, come back to the form rather than replaying the submission.
  const next = req.method === 'GET' ? req.originalUrl : req.path;
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}

/** The page a form was sent from, when it was one of ours; otherwise the home page. */
export function formPageOf(req: Request): string {
  const referrer = req.get('referer');
  if (!referrer) return '/';
  try {
    const url = new URL(referrer);
    return url.host === req.get('host') ? localPath(`${url.pathname}${url.search}`, url.origin) : '/';
  } catch {
    return '/';
  }
}
