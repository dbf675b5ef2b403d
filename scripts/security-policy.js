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
  // Nothing draws a data: or blob: image (uPlot draws on a canvas; downloads are links, not images).
  "img-src 'self'",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Trusted Types: a string never reaches an HTML or script sink. Two policies may exist, each created once:
  // Svelte's own, which turns its compiled templates into HTML, and ours, which passes only the app's worker
  // and service worker URLs (src/lib/pwa/trusted-urls.ts).
  "require-trusted-types-for 'script'",
  'trusted-types svelte-trusted-html wsi-script-url',
];

/** Browsers ignore frame-ancestors in a meta tag: it is sent as a header only. */
export const CSP_META = DIRECTIVES.join('; ');
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Headers for any host that serves the built app. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  // For browsers that predate frame-ancestors; like it, a header only.
  'X-Frame-Options': 'DENY',
  // A page the app opens, or one that opens the app, gets no handle on its window.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
