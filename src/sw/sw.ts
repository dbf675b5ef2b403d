/// <reference lib="webworker" />
/**
 * The service worker: the app shell from the precache, so the app starts offline, and streamed downloads of
 * exports. It sees only this origin's HTTP requests: WebSocket traffic never passes through a service worker.
 */
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { DOWNLOAD_PATH, serveDownload, takeDownload } from './downloads';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

// First, so a streamed download is answered before the precache router looks at it.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin === self.location.origin && url.pathname.startsWith(DOWNLOAD_PATH)) {
    event.respondWith(serveDownload(url));
  }
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return;
  if ((data as { type?: unknown }).type === 'SKIP_WAITING') void self.skipWaiting();
  else takeDownload(data, event.ports[0]);
});

// The first install takes the open page at once, so it works offline from its first visit; later versions
// wait for the person's word (see AppShellState.applyUpdate), which ends in a reload.
clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [new RegExp(`^${DOWNLOAD_PATH}`)] }),
);
