import type { Request } from 'express';

/**
 * A path on this site, or the fallback. "//evil.example" and "/\evil.example" are other origins to a
 * browser, so redirecting to them would turn sign-in into an open redirect.
 */
export function localPath(path: unknown, fallback = '/'): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  const base = 'http://dasv.invalid';
  try {
    const url = new URL(path, base);
    return url.origin === base ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}

/** Where to go after signing in: the page asked for, as long as it is ours and not sign-in itself. */
export function afterSignIn(next: unknown, fallback = '/'): string {
  const path = localPath(next, fallback);
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
    return url.host === req.get('host') ? localPath(`${url.pathname}${url.search}`) : '/';
  } catch {
    return '/';
  }
}
