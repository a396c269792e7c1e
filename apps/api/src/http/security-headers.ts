import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@dasv/config';

/**
 * Browser features no page here uses, denied to the pages and anything they embed. Only features
 * Chromium recognises: an unknown one is logged as a console error on every page.
 */
export const PERMISSIONS_POLICY = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'payment', 'usb']
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Security headers on every response (helmet), set before anything else answers. Pages carry no
 * inline script or style, so the Content-Security-Policy allows only this origin's files (the
 * stylesheet asks for no off-platform font: see http/stylesheet.ts); nothing may frame a page; HSTS and upgrading insecure requests only when PUBLIC_URL
 * is https, so a plain-http development or test server stays reachable.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const https = config.publicUrl.startsWith('https:');
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
  });
  // Outside production, GET /graphql is Apollo's sandbox page, which sets its own CSP (a nonce and
  // Apollo's CDN) in a meta tag; ours on top would block it. Production has no such page.
  const sandbox = (req: Request) => !config.isProduction && req.method === 'GET' && req.path === '/graphql' && !!req.accepts('html');
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    headers(req, res, (error?: unknown) => {
      if (sandbox(req)) res.removeHeader('Content-Security-Policy');
      next(error);
    });
  };
}
