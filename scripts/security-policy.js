// @ts-check
/**
 * The Content-Security-Policy of the built app (see docs/architecture.md). One source for the meta tag in the
 * built index.html, the headers `npm start` and `npm run preview` send, and the README.
 */

/** What a page may load: only our own files; WebSockets to anywhere, which is the point of the app. */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Browsers ignore frame-ancestors in a meta tag: it is sent as a header only. */
export const CSP_META = DIRECTIVES.join('; ');
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Headers for any host that serves the built app. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
